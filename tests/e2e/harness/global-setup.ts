/**
 * Runs once before the e2e files: the built extension must exist (npm test builds it first),
 * and both browsers are found or installed here, once, rather than racing in each file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from './browsers.ts';
import { findBrowser } from './find-browsers.ts';

export default function setup(): void {
  for (const target of ['chrome', 'firefox']) {
    if (!existsSync(join(DIST, target, 'manifest.json'))) {
      throw new Error(`dist/${target} is missing: run "npm run build" before the e2e tests.`);
    }
  }
  findBrowser('chromium');
  findBrowser('firefox');
}
