/**
 * Reads the article fixture (a verbatim copy of the seed) so tests can check quotes and
 * citations against the text itself rather than against data the tests also wrote.
 */
import { readFileSync } from 'node:fs';

const FIXTURE = new URL('../../fixtures/war-of-the-dragons.md', import.meta.url);

export interface ArticleText {
  readonly title: string;
  /** The italic byline under the title, no-break spaces turned into plain ones. */
  readonly byline: string;
  readonly raw: string;
  /** Paragraph text by number, without its `[P#] ` marker. */
  readonly paragraphs: ReadonlyMap<number, string>;
}

export function readArticle(): ArticleText {
  const raw = readFileSync(FIXTURE, 'utf8');
  const lines = raw.split('\n');
  const paragraphs = new Map<number, string>();
  for (const line of lines) {
    const m = /^\[P(\d+)\] (.+)$/.exec(line);
    if (!m) continue;
    const n = Number(m[1]);
    if (paragraphs.has(n)) throw new Error(`fixture has paragraph P${n} twice`);
    paragraphs.set(n, m[2] ?? '');
  }
  const title = lines.find((l) => l.startsWith('# '))?.slice(2) ?? '';
  const byline = (lines.find((l) => l.startsWith('_By')) ?? '').replace(/\u00a0/g, ' ');
  return { title, byline, raw, paragraphs };
}

/** Lower-cased words with apostrophes unified, so copying cannot hide behind case or typography. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length > 0);
}

/**
 * The first run of `n` consecutive words that `text` shares with any of `sources`, or null.
 * Used to hold prose to the rule that only marked quotes are the article's words.
 */
export function copiedRun(text: string, sources: Iterable<string>, n: number): string | null {
  const runs = new Set<string>();
  for (const source of sources) {
    const w = words(source);
    for (let i = 0; i + n <= w.length; i++) runs.add(w.slice(i, i + n).join(' '));
  }
  const w = words(text);
  for (let i = 0; i + n <= w.length; i++) {
    const run = w.slice(i, i + n).join(' ');
    if (runs.has(run)) return run;
  }
  return null;
}

/** Longest run of consecutive words that prose may share with the article. */
export const MAX_SHARED_WORDS = 6;
