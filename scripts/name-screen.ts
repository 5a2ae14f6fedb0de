import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TOPIC_NAMES } from '../src/knowledge/names.ts';
import { prefilterKeys } from '../src/matching/compile.ts';
import { screenPatterns } from '../src/matching/screen.ts';

/**
 * `virtual:yalu-name-screen`: the name screen's patterns (src/matching/screen.ts), made here from
 * the prefilter keys of every name (src/matching/compile.ts) rather than on every page by the
 * content script's lookout (src/content/index.ts), which then carries neither the names nor the
 * work of making keys and an automaton of them. A generated file behind an alias, not a plugin's
 * virtual module: crxjs builds content scripts without plugins.
 */
export function writeNameScreenModule(): string {
  const file = resolve(import.meta.dirname, '../node_modules/.yalu-generated/name-screen.js');
  mkdirSync(dirname(file), { recursive: true });
  const patterns = screenPatterns(prefilterKeys(TOPIC_NAMES));
  writeFileSync(file, `export default ${JSON.stringify(patterns)};\n`);
  return file;
}
