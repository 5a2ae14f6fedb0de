/**
 * `npm run package`: store-ready zips of both builds in web-ext-artifacts/, made by web-ext (what
 * addons.mozilla.org itself runs), after checking the Firefox build with `web-ext lint`.
 * Run after `npm run build` (the npm script does both).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

function webExt(args: string[]): void {
  const result = spawnSync('npx', ['web-ext', ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

webExt(['lint', '--source-dir', 'dist/firefox', '--output', 'text']);
for (const target of ['chrome', 'firefox']) {
  webExt([
    'build',
    '--source-dir',
    `dist/${target}`,
    '--artifacts-dir',
    'web-ext-artifacts',
    '--filename',
    `yalu-lens-${version}-${target}.zip`,
    '--overwrite-dest',
  ]);
}
console.log(`Wrote web-ext-artifacts/yalu-lens-${version}-chrome.zip and -firefox.zip`);
