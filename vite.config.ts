/// <reference types="vitest/config" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { crx } from '@crxjs/vite-plugin';
import { defineConfig, type Plugin } from 'vite';
import { renderIcons } from './scripts/icons.ts';
import { manifestFor, type Target } from './scripts/manifest.ts';
import { writeNameScreenModule } from './scripts/name-screen.ts';

/**
 * Two builds from one source: `vite build --mode chrome` and `vite build --mode firefox` write
 * dist/chrome and dist/firefox. The same file holds the unit-test settings so Vitest and the
 * build agree on JSX and paths; the extension plugin is left out under Vitest.
 */
/**
 * The marker (src/content/marker.ts) and the custom-terms mark (src/content/custom-terms-mark.ts)
 * are run by the background (scripting.executeScript, scripting.registerContentScripts), which
 * needs no web-accessible file; crxjs lists every `?iife` script as one anyway (for content
 * scripts that import it), and leaves an unused module copy of it. Both go: a web-accessible file
 * lets any page probe for the extension.
 */
const INJECTED = ['marker', 'custom-terms-mark'];

function injectedScriptsAreNotWebAccessible(): Plugin & {
  renderCrxManifest(manifest: Record<string, unknown>): Record<string, unknown>;
} {
  const outputs = new Set(INJECTED.map((name) => `src/content/${name}.js`));
  const sources = INJECTED.map((name) => `/src/content/${name}.ts`);
  return {
    name: 'yalu:injected-scripts-not-web-accessible',
    apply: 'build',
    enforce: 'post',
    // crxjs calls this hook on every plugin, in order, while it writes the manifest.
    renderCrxManifest(manifest) {
      const entries = (manifest.web_accessible_resources ?? []) as { resources: string[] }[];
      const kept = entries
        .map((entry) => ({ ...entry, resources: entry.resources.filter((resource) => !outputs.has(resource)) }))
        .filter((entry) => entry.resources.length > 0);
      if (kept.length > 0) manifest.web_accessible_resources = kept;
      else delete manifest.web_accessible_resources;
      return manifest;
    },
    generateBundle(_options, bundle) {
      for (const [file, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk' || !sources.some((source) => output.facadeModuleId?.includes(source))) continue;
        if (outputs.has(file)) continue;
        const imported = Object.values(bundle).some(
          (other) => other.type === 'chunk' && (other.imports.includes(file) || other.dynamicImports.includes(file)),
        );
        if (!imported) delete bundle[file];
      }
    },
  };
}

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
          injectedScriptsAreNotWebAccessible(),
        ],
    resolve: { alias: { 'virtual:yalu-name-screen': writeNameScreenModule() } },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: target === 'chrome' ? 'chrome105' : 'firefox140',
      // YALU_SOURCEMAP=1: maps for working out what the bundles are made of.
      sourcemap: process.env.YALU_SOURCEMAP === '1',
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
