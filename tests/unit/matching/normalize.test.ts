import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldCodeUnit,
  isBoundaryWordChar,
  isCjkChar,
  matchKey,
  nameKey,
  normalizeForMatching,
  originalRange,
} from '../../../src/matching';
import {
  APOSTROPHE_CODES,
  DASH_CODES,
  DOT_CODES,
  INVISIBLE_CODES,
  LATIN_BASE_1E00,
  LATIN_BASE_00C0,
  SPACE_CODES,
} from '../../../src/matching/normalize';

const char = (code: number): string => String.fromCharCode(code);
// Some tests walk the whole BMP or run properties: generous on shared CI machines.
const SLOW = { timeout: 60_000 };

describe('normalizeForMatching', SLOW, () => {
  it('folds case without locale', () => {
    expect(normalizeForMatching('KOREAN War').text).toBe('korean war');
    expect(normalizeForMatching('ISTANBUL').text).toBe('istanbul');
  });

  it.each(DASH_CODES.map((code) => [code.toString(16), code]))('turns dash U+%s into "-"', (_, code) => {
    expect(normalizeForMatching(`Sino${char(code)}Vietnamese`).text).toBe('sino-vietnamese');
  });

  it('names every dash the design lists', () => {
    for (const code of [0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d]) {
      expect(DASH_CODES).toContain(code);
    }
  });

  it.each(SPACE_CODES.map((code) => [code.toString(16), code]))('turns space U+%s into " "', (_, code) => {
    expect(normalizeForMatching(`Korean${char(code)}War`).text).toBe('korean war');
  });

  it('names no-break, narrow no-break and figure spaces, line breaks and tabs as spaces', () => {
    for (const code of [0x09, 0x0a, 0x0d, 0xa0, 0x202f, 0x2007, 0x2028, 0x2029, 0x3000])
      expect(SPACE_CODES).toContain(code);
  });

  it('collapses runs of spaces of any kind', () => {
    const normalized = normalizeForMatching('Korean \u00a0\n\t\u202f War');
    expect(normalized.text).toBe('korean war');
    // The one space stands for the whole run.
    expect(originalRange(normalized, 6, 7)).toEqual([6, 12]);
  });

  it.each(INVISIBLE_CODES.map((code) => [code.toString(16), code]))('removes invisible U+%s', (_, code) => {
    expect(normalizeForMatching(`Ko${char(code)}rean`).text).toBe('korean');
  });

  it('names soft hyphen and the zero-width characters as invisible', () => {
    for (const code of [0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]) expect(INVISIBLE_CODES).toContain(code);
  });

  it.each(APOSTROPHE_CODES.map((code) => [code.toString(16), code]))('turns apostrophe U+%s into "\'"', (_, code) => {
    expect(normalizeForMatching(`People${char(code)}s`).text).toBe("people's");
  });

  it.each(DOT_CODES.map((code) => [code.toString(16), code]))('turns dot U+%s into "."', (_, code) => {
    expect(normalizeForMatching(`6${char(code)}25`).text).toBe('6.25');
  });

  it('drops diacritics of Latin letters, precomposed or combining, and folds đ', () => {
    expect(normalizeForMatching('Chiến tranh Triều Tiên').text).toBe('chien tranh trieu tien');
    expect(normalizeForMatching('Chie\u0302\u0301n tranh Trie\u0302\u0300u Tie\u0302n').text).toBe(
      'chien tranh trieu tien',
    );
    expect(normalizeForMatching('Đông').text).toBe('dong');
  });

  it('keeps Hangul, kana and Han as they are (no decomposition into jamo)', () => {
    expect(normalizeForMatching('한국전쟁 朝鮮戦争 ベトナム 朝鮮戰爭').text).toBe(
      '한국전쟁 朝鮮戦争 ベトナム 朝鮮戰爭',
    );
  });

  it('folds fullwidth ASCII and ligatures', () => {
    expect(normalizeForMatching('６・２５ ＫＯＲＥＡＮ').text).toBe('6.25 korean');
    expect(normalizeForMatching('Conﬂict').text).toBe('conflict');
  });

  it('maps a character that folds to several back to itself', () => {
    // U+FB02 (fl ligature) becomes two characters; both map to the one original character.
    const normalized = normalizeForMatching('Conﬂict');
    expect(normalized.text).toBe('conflict');
    expect(Array.from(normalized.starts)).toEqual([0, 1, 2, 3, 3, 4, 5, 6]);
    expect(Array.from(normalized.ends)).toEqual([1, 2, 3, 4, 4, 5, 6, 7]);
    expect(originalRange(normalized, 3, 5)).toEqual([3, 4]);
  });

  it("maps 'İ' (which toLowerCase grows to two characters) to one original character", () => {
    expect('İ'.toLowerCase().length).toBe(2);
    const normalized = normalizeForMatching('xİy');
    expect(normalized.text).toBe('xiy');
    expect(originalRange(normalized, 1, 2)).toEqual([1, 2]);
  });

  it('maps offsets across removed characters', () => {
    const original = '\u00adKo\u00adrean\u200b War';
    const normalized = normalizeForMatching(original);
    expect(normalized.text).toBe('korean war');
    const [start, end] = originalRange(normalized, 0, 10);
    expect(original.slice(start, end)).toBe('Ko\u00adrean\u200b War');
  });

  it('keeps dashes and spaces apart; matchKey joins them', () => {
    expect(normalizeForMatching('China – Vietnam').text).toBe('china - vietnam');
    expect(matchKey('China – Vietnam').text).toBe('china vietnam');
    expect(matchKey('Kim Il-sung').text).toBe(matchKey('Kim Il Sung').text);
  });

  it('offset maps are consistent for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (original) => {
        for (const normalize of [normalizeForMatching, matchKey]) {
          const normalized = normalize(original);
          expect(normalized.starts.length).toBe(normalized.text.length);
          expect(normalized.ends.length).toBe(normalized.text.length);
          for (let index = 0; index < normalized.text.length; index++) {
            const start = normalized.starts[index]!;
            const end = normalized.ends[index]!;
            expect(start).toBeGreaterThanOrEqual(0);
            expect(end).toBeGreaterThan(start);
            expect(end).toBeLessThanOrEqual(original.length);
            if (index > 0) expect(start).toBeGreaterThanOrEqual(normalized.ends[index - 1]! - 1);
            // The original slice folds to something that contains the normalised character.
            expect(normalize(original.slice(start, end)).text).toContain(normalized.text[index]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('nameKey is matchKey trimmed of separators, and idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 30 }), (text) => {
        const key = nameKey(text);
        expect(key).toBe(matchKey(text).text.replace(/^ +| +$/g, ''));
        expect(nameKey(key)).toBe(key);
      }),
      { numRuns: 300 },
    );
  });
});

describe('foldCodeUnit', SLOW, () => {
  it('has Latin tables equal to lower case, NFD and no combining marks', () => {
    const derive = (code: number): string => {
      if (code === 0x110 || code === 0x111) return 'd';
      const lower = char(code).toLowerCase();
      const base = lower.normalize('NFD').replace(/\p{M}/gu, '');
      return base.length > 0 ? base : lower;
    };
    for (const [first, table] of [
      [0xc0, LATIN_BASE_00C0],
      [0x1e00, LATIN_BASE_1E00],
    ] as const) {
      for (let index = 0; index < table.length; index++)
        expect(table[index], `U+${(first + index).toString(16)}`).toBe(derive(first + index));
    }
    expect(LATIN_BASE_00C0.length).toBe(0x250 - 0xc0);
    expect(LATIN_BASE_1E00.length).toBe(0x100);
  });

  it('is idempotent over the whole BMP', () => {
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const folded = foldCodeUnit(code);
      for (let index = 0; index < folded.length; index++) {
        const unit = folded.charCodeAt(index);
        if (foldCodeUnit(unit) !== folded[index])
          throw new Error(`U+${code.toString(16)} folds to ${folded}, not stable`);
      }
    }
  });
});

describe('character classes', SLOW, () => {
  it('tells CJK characters by ranges that cover the Unicode scripts', () => {
    const script = /[\p{sc=Han}\p{sc=Hangul}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Bopomofo}]/u;
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const text = char(code);
      if (script.test(text) && /[\p{L}\p{N}]/u.test(text) && !isCjkChar(code))
        throw new Error(`U+${code.toString(16)}`);
    }
    expect(isCjkChar(0x30fb)).toBe(false); // the katakana middle dot is a dot
  });

  it('answers word characters exactly as letter, digit or mark, not CJK, not a surrogate', () => {
    const word = /[\p{L}\p{N}\p{M}]/u;
    for (let code = 0; code < 0x10000; code++) {
      const surrogate = code >= 0xd800 && code <= 0xdfff;
      const expected = !surrogate && word.test(char(code)) && !isCjkChar(code);
      if (isBoundaryWordChar(code) !== expected) throw new Error(`U+${code.toString(16)}`);
    }
  });

  it('counts Latin, Cyrillic and Vietnamese letters, digits and marks as word characters, not CJK', () => {
    for (const text of ['a', 'Z', '7', 'é', 'ư', 'ệ', 'д', 'Ж', '\u0301'])
      expect(isBoundaryWordChar(text.charCodeAt(0))).toBe(true);
    for (const text of [' ', '-', "'", '.', '’', '中', '한', 'ア', '\ud83c'])
      expect(isBoundaryWordChar(text.charCodeAt(0))).toBe(false);
  });
});
