/// <reference types="vitest/config" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import { renderIcons } from './scripts/icons.ts';
import { manifestFor, type Target } from './scripts/manifest.ts';

/**
 * Two builds from one source: `vite build --mode chrome` and `vite build --mode firefox` write
 * dist/chrome and dist/firefox. The same file holds the unit-test settings so Vitest and the
 * build agree on JSX and paths; the extension plugin is left out under Vitest.
 */
export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  const underVitest = Boolean(process.env.VITEST);

  // Icons are rendered from assets/icon.svg into a generated public folder that Vite copies.
  const publicDir = resolve(import.meta.dirname, 'node_modules/.yalu-public');
  if (!underVitest) {
    for (const [file, png] of renderIcons(resolve(import.meta.dirname, 'assets/icon.svg'))) {
      const out = resolve(publicDir, file);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, png);
    }
  }

  return {
    publicDir,
    plugins: underVitest
      ? []
      : [
          crx({
            manifest: manifestFor(target) as never,
            browser: target,
            // The content script runs on every page: one self-contained file, no loader and no
            // extra module fetch before it can start, and nothing web-accessible to expose.
            contentScripts: { standaloneFiles: ['src/content/index.ts', 'src/content/early.ts'] },
          }),
        ],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: target === 'chrome' ? 'chrome105' : 'firefox140',
      sourcemap: false,
      // Extension code is reviewed by stores; readable output helps and costs little.
      minify: true,
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
    test: {
      projects: [
        {
          extends: true,
          test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            include: ['tests/e2e/**/*.e2e.ts'],
            environment: 'node',
            globalSetup: ['tests/e2e/harness/global-setup.ts'],
            // Each file drives two real browsers; two machines' worth of cores is all we have.
            fileParallelism: false,
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
