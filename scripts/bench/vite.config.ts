/**
 * Builds the benchmark's in-page bundle (scripts/bench/in-page.ts) into bench-output/in-page.js:
 * one IIFE with the real Scanner, Highlighter and matcher, minified like the extension's build,
 * for the same browser target. Separate from the extension's vite.config.ts on purpose.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { writeNameScreenModule } from '../name-screen.ts';

const root = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root,
  publicDir: false,
  // The content script's own name screen (see vite.config.ts).
  resolve: { alias: { 'virtual:yalu-name-screen': writeNameScreenModule() } },
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'bench-output'),
    emptyOutDir: false,
    target: 'chrome105',
    // BENCH_MINIFY=0 keeps names readable for a profile.
    minify: process.env.BENCH_MINIFY !== '0',
    sourcemap: false,
    lib: {
      entry: resolve(import.meta.dirname, 'in-page.ts'),
      formats: ['iife'],
      name: 'YaluBenchBundle',
      fileName: () => (process.env.BENCH_MINIFY === '0' ? 'in-page.dev.js' : 'in-page.js'),
    },
  },
});
