/**
 * The name screen (src/matching/screen.ts) is a superset of the prefilter: wherever the folded
 * text holds a key, the screen hits, however the text is written (any unit that folds to the
 * key's characters, invisible units anywhere, any run of separators) and however it is cut into
 * pieces. The writings are drawn from the fold itself, over every UTF-16 unit, so a unit the
 * pattern forgot to cover (neither in it nor folded first) fails here.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOPIC_NAMES } from '../../../src/knowledge/names';
import { prefilterKeys } from '../../../src/matching';
import { foldCodeUnit } from '../../../src/matching/normalize';
import {
  headEnd,
  isCountedUnit,
  NameScreen,
  SCREEN_KEY_LENGTH,
  type ScreenSource,
  screenPatterns,
  tailStart,
} from '../../../src/matching/screen';

const KEYS = prefilterKeys(TOPIC_NAMES);
const PATTERNS = screenPatterns(KEYS);

/** Every unit by what it folds to (one character), and the units that fold to nothing or to a separator. */
const preimages = new Map<string, string[]>();
const removed: string[] = [];
const separators: string[] = [];
for (let code = 0; code < 0x10000; code++) {
  if (code >= 0xd800 && code <= 0xdfff) continue;
  const folded = foldCodeUnit(code);
  const unit = String.fromCharCode(code);
  if (folded === '') removed.push(unit);
  else if (folded === ' ' || folded === '-') separators.push(unit);
  else if (folded.length === 1) {
    preimages.set(folded, [...(preimages.get(folded) ?? []), unit]);
  }
}
/** Units folding to several characters (ligatures), by what they fold to. */
const expansions = new Map<string, string[]>();
for (let code = 0; code < 0x10000; code++) {
  if (code >= 0xd800 && code <= 0xdfff) continue;
  const folded = foldCodeUnit(code);
  if (folded.length > 1) {
    expansions.set(folded, [...(expansions.get(folded) ?? []), String.fromCharCode(code)]);
  }
}

/** One writing of `key`, from a stream of random picks. */
function write(key: string, pick: (count: number) => number): string {
  let out = '';
  for (let index = 0; index < key.length; index++) {
    const char = key[index] as string;
    if (char === ' ') {
      const length = 1 + pick(3);
      for (let count = 0; count < length; count++) {
        out += separators[pick(separators.length)];
        if (pick(4) === 0) out += removed[pick(removed.length)];
      }
      continue;
    }
    // A ligature for the next two or three characters, now and then.
    const ligature = [3, 2]
      .map((length) => expansions.get(key.slice(index, index + length)))
      .find((list) => list !== undefined);
    if (ligature && pick(3) === 0) {
      out += ligature[pick(ligature.length)];
      index += foldCodeUnit((ligature[0] as string).charCodeAt(0)).length - 1;
      continue;
    }
    const writings = preimages.get(char) ?? [char];
    const roll = pick(4);
    out += roll === 0 ? writings[pick(writings.length)] : roll === 1 ? char.toUpperCase() : char;
    if (pick(5) === 0) out += removed[pick(removed.length)];
  }
  return out;
}

/** Feeds `pieces` as one stream; whether any hit. */
function screens(pieces: readonly string[]): boolean {
  const screen = new NameScreen(PATTERNS);
  const hits: number[] = [];
  for (const piece of pieces) screen.read(piece, 0, piece.length, hits);
  return hits.length > 0;
}

function cut(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of points) {
    pieces.push(text.slice(from, point));
    from = point;
  }
  pieces.push(text.slice(from));
  return pieces;
}

const noise = fc.string({
  unit: fc.constantFrom('a', 'x', ' ', '.', '\n', '中', '한', 'é', '\u00ad', '!', 'ア'),
  maxLength: 40,
});

describe('NameScreen', () => {
  it('hits on every key, written any way the fold allows, cut anywhere', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KEYS),
        fc.infiniteStream(fc.nat()),
        noise,
        noise,
        fc.array(fc.nat(), { maxLength: 6 }),
        (key, randoms, before, after, cuts) => {
          const pick = (count: number): number => (randoms.next().value as number) % count;
          const text = before + write(key, pick) + after;
          expect(screens(cut(text, cuts)), JSON.stringify(text)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('keeps the start of a name cut by a piece boundary, however long its separators', () => {
    const spaces = ' '.repeat(5000);
    for (const at of [1, 6, 100, 2500, 5005, 5007]) {
      const text = `Korean${spaces}War`;
      expect(screens([text.slice(0, at), text.slice(at)]), String(at)).toBe(true);
    }
    // Names cut in many pieces, one unit each.
    expect(screens([...'the Sino-Vietnamese War of 1979'])).toBe(true);
    expect(screens([...'朝鲜战争'])).toBe(true);
  });

  it('says where each name ends, also where folding took units out or put more in', () => {
    const screen = new NameScreen(PATTERNS);
    const hits: number[] = [];
    const text = 'xx In the Korean War, China';
    screen.read(text, 3, text.length, hits);
    expect(hits).toEqual([text.indexOf('War') + 2]);
    // Accented letters fold one for one: the folded text still lines up.
    const accented: number[] = [];
    new NameScreen(PATTERNS).read('Chiến tranh Triều Tiên!', 0, 23, accented);
    expect(accented).toEqual([21]);
    // A soft hyphen folds to nothing, a ligature to two letters: the units are found again.
    const shifted: number[] = [];
    const folds = 'Chi\u00aden tranh Trieu Tien and the Korean Con\ufb02ict!';
    new NameScreen(PATTERNS).read(folds, 0, folds.length, shifted);
    expect(shifted).toEqual([folds.indexOf(' and') - 1, folds.indexOf('ict!') + 2]);
  });

  it('hits on a key with any one unit that folds to one of its characters in its place', () => {
    // Exhaustive where the property test above draws at random: each such unit, in a key that
    // holds its character (the pattern matches it as it is, ignoring ASCII case, or folds it first).
    let checked = 0;
    for (const [char, units] of preimages) {
      const key = KEYS.find((candidate) => candidate.slice(0, SCREEN_KEY_LENGTH).includes(char));
      if (!key) continue;
      const at = key.indexOf(char);
      for (const unit of units) {
        const text = `. ${key.slice(0, at)}${unit}${key.slice(at + 1)} .`;
        expect(screens([text]), `${unit.charCodeAt(0).toString(16)} in ${JSON.stringify(text)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("finds a name begun in the last piece from the next piece's first units", () => {
    // The gates read the tail with the head of the next piece only (headEnd), not the whole piece.
    const long = 'x'.repeat(100);
    expect(screens([`${long} the Kor`, `ean War ${long}`])).toBe(true);
    expect(screens([`${long} the Korean`, ` ${' '.repeat(3000)}War${long}`])).toBe(true);
    expect(screens([`${long} 中越`, `战争${long}`])).toBe(true);
    // A break ends the head: what comes after it is no name begun before it.
    expect(headEnd('ean War! and more', SCREEN_KEY_LENGTH)).toBe(7);
    expect(headEnd('a'.repeat(100), SCREEN_KEY_LENGTH)).toBe(SCREEN_KEY_LENGTH);
    expect(screens([`${long} the Korean`, `! War${long}`])).toBe(false);
  });

  it('reports every place a name ends, once, as the automaton does', () => {
    const screen = new NameScreen(PATTERNS);
    const text = 'The Korean War, the 1979 war and the Korean War again.';
    const ends = [...text.matchAll(/Korean War|1979 war/g)].map((match) => match.index + match[0].length - 1);
    const hits: number[] = [];
    // Cut inside the second name: its end is reported by the second piece, and no end twice.
    const cut = text.indexOf('1979') + 2;
    screen.read(text, 0, cut, hits);
    screen.read(text, cut, text.length, hits);
    expect(hits).toEqual(ends);
  });

  it('reports both ends where a name written without a space runs into one written with it', () => {
    // A separator that ran over Hangul matched "한국전쟁, 한국 전쟁" as one name, to the second end.
    const text = '한국전쟁, 한국 전쟁';
    const hits: number[] = [];
    new NameScreen(PATTERNS).read(text, 0, text.length, hits);
    expect(hits).toEqual([3, text.length - 1]);
  });

  it('does not hit on text that names none of the keys', () => {
    for (const text of [
      'North Korea and China signed nothing.',
      'The war in Korea',
      'Korean\nwomen',
      '中国 朝鲜',
      '전쟁',
    ]) {
      expect(screens([text]), text).toBe(false);
    }
  });

  it('counts only units that fold to one character of a key at most, never a separator', () => {
    for (let code = 0; code < 0x10000; code++) {
      if (!isCountedUnit(code)) continue;
      const folded = foldCodeUnit(code);
      expect(folded.length, code.toString(16)).toBe(1);
      expect(folded === ' ' || folded === '-', code.toString(16)).toBe(false);
    }
    expect(tailStart('abc', SCREEN_KEY_LENGTH)).toBe(0);
    expect(tailStart('no! x', SCREEN_KEY_LENGTH)).toBe(3);
  });

  it('holds no ASCII unit in the class of units to fold (unitsOf counts ASCII units as one)', () => {
    const unusual = new RegExp(PATTERNS.unusual);
    for (let code = 0; code < 0x80; code++)
      expect(unusual.test(String.fromCharCode(code)), code.toString(16)).toBe(false);
  });

  it('is small: a pattern, not the names', () => {
    const length = (sources: readonly ScreenSource[]) => sources.reduce((sum, { source }) => sum + source.length, 0);
    expect(length(PATTERNS.names)).toBeLessThan(6000);
    expect(length(PATTERNS.gates)).toBeLessThan(4000);
    // Split by first unit (see screen.ts): ASCII first, in two by first character (16 of them
    // now), then the rest found by its first unit; ASCII case ignored by the engine in the first.
    for (const sources of [PATTERNS.gates, PATTERNS.names]) {
      expect(sources.map(({ flags }) => flags)).toEqual(['i', 'i', '']);
      expect(sources[2]?.source).toMatch(/^\[[^\]]+\]\(\?:\(\?<=/);
      // Its first units as one range, tested before it; every key that begins there is in it.
      const holds = new RegExp(sources[2]?.holds ?? '(?!)');
      for (const key of KEYS) if (key.charCodeAt(0) >= 0x80) expect(holds.test(key[0] as string), key).toBe(true);
    }
    expect(PATTERNS.unusual.length).toBeLessThan(1000);
  });

  it('writes the gates with no class the engine is slow to compile with the i flag', () => {
    // A class that leaves out the CJK range made each ASCII-first gate's first test cost 1–2 ms
    // more in Chromium (every unit of the range case-folded, at every separator); the gates run on
    // every page, so their separator is `\W+` (wider: they only say a piece may hold a name).
    for (const { source, flags } of PATTERNS.gates) {
      if (flags === 'i') expect(source).not.toMatch(/\\u3040-\\ud7ff/);
    }
    // The names keep the exact separator: a wider one ran over Hangul and hid an end (see above).
    expect(PATTERNS.names[0]?.source).toContain('[^\\w\\u3040-\\ud7ff]+');
    // Wider, not narrower: every separator the names accept, the gates accept.
    expect(new RegExp(`^${PATTERNS.gates[0]?.source.match(/\\W\+/)?.[0]}$`).test(' \u2014\u00a0-')).toBe(true);
  });
});
