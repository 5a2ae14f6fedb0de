/**
 * `npm test`: every check the project has, in the order that fails fastest, and one closing
 * line that totals them all for CI: `N passed, N failed, N skipped`.
 *
 *   npm test                         lint, types, build, web-ext lint, unit and e2e tests
 *   npm test -- --corpus DIR         use DIR (holding pages/ and expected.json) for corpus tests;
 *                                    default ../shared/corpus beside the project
 *   npm test -- --unit               skip the browsers (lint, types and unit tests only)
 *
 * The checks before the test runner (lint, types, build, web-ext lint) each count as one test
 * in the total, so a lint failure can never hide behind a green test count.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const corpusIndex = args.indexOf('--corpus');
const env = { ...process.env };
if (corpusIndex >= 0) {
  const dir = args[corpusIndex + 1];
  if (!dir) {
    console.error('--corpus needs a folder, e.g. --corpus ../shared/corpus');
    process.exit(2);
  }
  env.YALU_CORPUS_DIR = resolve(dir);
}

const checks: { name: string; ok: boolean }[] = [];

function run(name: string, command: string, commandArgs: string[]): boolean {
  console.log(`\n▶ ${name}: ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const ok = result.status === 0;
  checks.push({ name, ok });
  if (!ok) console.log(`✗ ${name} failed (exit ${result.status ?? result.signal})`);
  return ok;
}

const npx = 'npx';
run('lint and format (biome)', npx, ['biome', 'check', '.']);
run('type-check (tsc)', npx, ['tsc', '--noEmit', '-p', '.']);
const built = unitOnly || run('build both extensions', 'npm', ['run', '--silent', 'build']);
if (!unitOnly && built) {
  run('web-ext lint dist/firefox', npx, ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'text']);
}

mkdirSync(resolve(root, 'test-output'), { recursive: true });
const report = resolve(root, 'test-output/vitest.json');
const vitestArgs = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
if (unitOnly || !built) vitestArgs.push('--project', 'unit');
console.log(`\n▶ unit${unitOnly || !built ? '' : ' and e2e'} tests: ${npx} ${vitestArgs.join(' ')}`);
const vitest = spawnSync(npx, vitestArgs, { cwd: root, stdio: 'inherit', env });

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
}
// A runner that crashed without failing a test (a broken setup, say) still fails the run.
if (vitest.status !== 0 && failed === 0) failed = 1;
for (const check of checks) {
  if (check.ok) passed++;
  else failed++;
}

console.log('');
for (const check of checks) console.log(`${check.ok ? '✓' : '✗'} ${check.name}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
