/**
 * Meta-tests: conventions of the codebase that a reviewer would otherwise check by hand.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOPIC_IDS } from '../../src/knowledge/types';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const files = sourceFiles(join(root, 'src')).map((path) => ({
  path: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));

describe('conventions', () => {
  it('never builds markup from strings (no innerHTML and the like), never evaluates code', () => {
    const forbidden = [
      /\.innerHTML\s*=/,
      /\.outerHTML\s*=/,
      /insertAdjacentHTML/,
      /document\.write/,
      /\beval\(/,
      /new Function\(/,
      /dangerouslySetInnerHTML/,
      /createContextualFragment/,
    ];
    const offences = files.flatMap(({ path, text }) =>
      forbidden.filter((pattern) => pattern.test(text)).map((pattern) => `${path}: ${pattern}`),
    );
    expect(offences).toEqual([]);
  });

  it('keeps pure modules free of browser APIs', () => {
    const pure = files.filter(({ path }) => /^src\/(knowledge|matching)\//.test(path));
    expect(pure.length).toBeGreaterThan(5);
    const offences = pure.filter(({ text }) =>
      /webextension-polyfill|\bdocument\.|\bwindow\.|\bchrome\.|\bbrowser\./.test(
        text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''),
      ),
    );
    expect(offences.map(({ path }) => path)).toEqual([]);
  });

  it('makes no network request from extension code', () => {
    const offences = files.filter(({ text }) =>
      /\bfetch\(|XMLHttpRequest|WebSocket\(|sendBeacon|EventSource\(/.test(text),
    );
    expect(offences.map(({ path }) => path)).toEqual([]);
  });

  it('documents every topic id in the README', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(TOPIC_IDS.filter((id) => !readme.includes(`\`${id}\``))).toEqual([]);
  });
});
