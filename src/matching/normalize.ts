/**
 * Normalisation for matching. The page's text is never changed: matching compares folded forms
 * and maps every hit back to offsets in the original string, so a Range can cover exactly what the
 * reader sees.
 *
 * Folding works on single UTF-16 code units, so the automaton in `automaton.ts` can fold on the fly
 * without building a new string, and `normalizeForMatching` (used for alias keys, tests and the
 * reference implementation) produces exactly the same sequence. Per code unit:
 *
 * - case: `toLowerCase()`, which is locale-independent (`toLocaleLowerCase` is not). It can grow a
 *   string ('İ' becomes 'i' + U+0307, whose mark is then dropped), and ligatures fold to several
 *   letters, so one code unit may fold to several; the offset map records the source code unit of
 *   each of them.
 * - diacritics on Latin, Greek and Cyrillic letters are dropped, and combining marks are removed:
 *   Vietnamese pages come both precomposed (NFC) and decomposed (NFD), and readers often type
 *   Vietnamese without tones; "Chiến tranh Triều Tiên" and "Chien tranh Trieu Tien" are the same
 *   name. 'đ' folds to 'd'. Hangul and kana are never decomposed.
 * - every dash and hyphen (U+2010–U+2015, U+2212, U+2E3A, U+2E3B, U+FE58, U+FE63, U+FF0D, '-')
 *   becomes '-'.
 * - every space (ASCII whitespace, line breaks, U+0085, no-break U+00A0, U+202F, U+2007 and the
 *   other U+2000 spaces, U+1680, U+205F, U+2028, U+2029, ideographic U+3000) becomes ' ', and runs
 *   collapse to one.
 * - soft hyphen U+00AD, zero-width U+200B–U+200D, U+2060–U+2064, U+FEFF, U+180E, variation
 *   selectors and combining marks are removed (they are invisible, or belong to the letter before).
 * - apostrophes: U+2018, U+2019, U+201B, U+02BC, U+02BB, U+2032, U+00B4, '`' and "'" become "'".
 * - middle dots become '.': U+00B7, U+2024, U+2027, U+2219, U+22C5, U+30FB, U+FF65. Koreans write
 *   the war's date name as "6·25", "6.25" or (in Japanese text) "6・25"; all are one name, and no
 *   alias needs the dots apart.
 * - fullwidth ASCII (U+FF01–U+FF5E) folds to ASCII ("６・２５" in CJK text), ligatures U+FB00–U+FB06
 *   to their letters (PDF-to-HTML text: "Korean Conﬂict").
 * - surrogates (astral characters) are kept as they are: no alias contains one.
 *
 * `matchKey` goes one step further and treats any run of spaces and dashes as one separator
 * (written ' '): "Sino-Vietnamese", "Sino–Vietnamese" and "Sino Vietnamese" are one key, as are
 * "China – Vietnam" with a spaced en dash and "Kim Il-sung" / "Kim Il Sung". No alias differs
 * from another only by a hyphen, and word boundaries are decided separately, so "Korean War-era"
 * still matches "Korean War" and "Korean Warriors" still does not.
 */

/** The result of normalising a string, with a map back to the original. */
export interface NormalizedText {
  /** The folded text. */
  readonly text: string;
  /** For each UTF-16 unit of `text`, the offset in the original of the code unit it came from. */
  readonly starts: Int32Array;
  /** For each UTF-16 unit of `text`, the end (exclusive) in the original of what it stands for. */
  readonly ends: Int32Array;
}

/**
 * Folds that are not lower case and NFD: dashes, spaces, invisible characters, apostrophes, dots,
 * 'đ', combining marks. Made on first use, not when the module loads: the lookout (the content
 * script on every page, and in every frame of it) carries this module, and most frames never fold
 * a unit.
 */
let specialFolds: Map<number, string> | undefined;

function makeSpecialFolds(): Map<number, string> {
  const folds = new Map<number, string>();
  const setFold = (codes: readonly number[], folded: string): void => {
    for (const code of codes) folds.set(code, folded);
  };
  setFold(DASH_CODES, '-');
  setFold(SPACE_CODES, ' ');
  setFold(INVISIBLE_CODES, '');
  setFold(APOSTROPHE_CODES, "'");
  setFold(DOT_CODES, '.');
  setFold([0x110, 0x111], 'd');
  for (const [first, last] of COMBINING_RANGES) setFold(range(first, last), '');
  return folds;
}

function range(first: number, last: number): number[] {
  const codes: number[] = [];
  for (let code = first; code <= last; code++) codes.push(code);
  return codes;
}

/** Combining marks: removed when folding, and kept with the letter before at the end of a match. */
const COMBINING_RANGES: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
];

export const DASH_CODES: readonly number[] = [
  0x2d,
  ...range(0x2010, 0x2015),
  0x2212,
  0x2e3a,
  0x2e3b,
  0xfe58,
  0xfe63,
  0xff0d,
];
export const SPACE_CODES: readonly number[] = [
  ...range(0x09, 0x0d),
  0x20,
  0x85,
  0xa0,
  0x1680,
  ...range(0x2000, 0x200a),
  0x2028,
  0x2029,
  0x202f,
  0x205f,
  0x3000,
];
export const INVISIBLE_CODES: readonly number[] = [
  0xad,
  0x180e,
  ...range(0x200b, 0x200d),
  ...range(0x2060, 0x2064),
  0xfeff,
  ...range(0xfe00, 0xfe0f),
];
export const APOSTROPHE_CODES: readonly number[] = [0x27, 0x60, 0xb4, 0x2bb, 0x2bc, 0x2018, 0x2019, 0x201b, 0x2032];
export const DOT_CODES: readonly number[] = [0x2e, 0xb7, 0x2024, 0x2027, 0x2219, 0x22c5, 0x30fb, 0xff65];

export function isCombiningMark(code: number): boolean {
  if (code < 0x300) return false;
  // Indexed loops, not for-of with destructuring: these run in cold code at every page load.
  for (let index = 0; index < COMBINING_RANGES.length; index++) {
    const range = COMBINING_RANGES[index]!;
    if (code >= range[0] && code <= range[1]) return true;
  }
  return false;
}

// Folds of U+00C0–U+024F and U+1E00–U+1EFF (Latin-1 to Latin Extended-B, Latin Extended
// Additional: every Vietnamese letter), one character each: lower case, NFD, combining marks
// dropped, 'đ' as 'd'. Precomputed because the content script folds these while it compiles its
// names on every page load, where each first use of Unicode normalisation or a Unicode-property
// RegExp costs. A unit test derives both tables from String#normalize again.
export const LATIN_BASE_00C0 =
  'aaaaaaæceeeeiiiiðnooooo×øuuuuyþßaaaaaaæceeeeiiiiðnooooo÷øuuuuyþy' +
  'aaaaaaccccccccddddeeeeeeeeeegggggggghhħħiiiiiiiiiıĳĳjjkkĸllllllŀ' +
  'ŀłłnnnnnnŉŋŋooooooœœrrrrrrssssssssttttŧŧuuuuuuuuuuuuwwyyyzzzzzzſ' +
  'ƀɓƃƃƅƅɔƈƈɖɗƌƌƍǝəɛƒƒɠɣƕɩɨƙƙƚƛɯɲƞɵooƣƣƥƥʀƨƨʃƪƫƭƭʈuuʊʋƴƴƶƶʒƹƹƺƻƽƽƾƿ' +
  'ǀǁǂǃǆǆǆǉǉǉǌǌǌaaiioouuuuuuuuuuǝaaaaææǥǥggkkooooʒʒjǳǳǳggƕƿnnaaææøø' +
  'aaaaeeeeiiiioooorrrruuuussttȝȝhhƞȡȣȣȥȥaaeeooooooooyyȴȵȶȷȸȹⱥȼȼƚⱦȿ' +
  'ɀɂɂƀʉʌɇɇɉɉɋɋɍɍɏɏ';
export const LATIN_BASE_1E00 =
  'aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm' +
  'mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv' +
  'wwwwwwwwwwxxxxyyzzzzzzhtwyẚſẜẝßẟaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee' +
  'eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyỻỻỽỽỿỿ';

/** Other letters whose accents are dropped, through NFD at run time: Greek and Cyrillic (not Hangul). */
function hasFoldableDiacritics(code: number): boolean {
  return (code >= 0x370 && code <= 0x52f) || (code >= 0x1f00 && code <= 0x1fff);
}

const COMBINING_MARKS_RE = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

function computeFold(code: number): string {
  specialFolds ??= makeSpecialFolds();
  const special = specialFolds.get(code);
  if (special !== undefined) return special;
  if (code >= 0xd800 && code <= 0xdfff) return String.fromCharCode(code);
  if (code >= 0xff01 && code <= 0xff5e) return foldCodeUnit(code - 0xfee0);
  if (isCjkChar(code)) return String.fromCharCode(code); // caseless, and never decomposed
  if (code >= 0xc0 && code <= 0x24f) return LATIN_BASE_00C0[code - 0xc0]!;
  if (code >= 0x1e00 && code <= 0x1eff) return LATIN_BASE_1E00[code - 0x1e00]!;
  const char = String.fromCharCode(code);
  let folded: string;
  if (code >= 0xfb00 && code <= 0xfb06) {
    folded = char.normalize('NFKD').toLowerCase();
  } else {
    folded = char.toLowerCase();
    if (hasFoldableDiacritics(code) || folded.length > 1) {
      const base = folded.normalize('NFD').replace(COMBINING_MARKS_RE, '');
      if (base.length > 0) folded = base;
    }
  }
  if (folded === char) return folded;
  // Fold the result again, so that folding is idempotent: U+212B (Angstrom sign) lowercases to 'å',
  // which folds to 'a'; U+0387 (Greek ano teleia) decomposes to a middle dot, which folds to '.'.
  let refolded = '';
  for (let index = 0; index < folded.length; index++) refolded += foldCodeUnit(folded.charCodeAt(index));
  return refolded;
}

/** Allocated on first use, like the special folds (64 K entries). */
let foldCache: (string | undefined)[] | undefined;

/** The folded form of one UTF-16 code unit: '' (removed), ' ', '-', or one or more characters. */
export function foldCodeUnit(code: number): string {
  foldCache ??= new Array<string | undefined>(0x10000);
  let folded = foldCache[code];
  if (folded === undefined) {
    folded = computeFold(code);
    foldCache[code] = folded;
  }
  return folded;
}

const BOUNDARY_WORD_RE = /[\p{L}\p{N}\p{M}]/u;

/**
 * Han, kana, Hangul and Bopomofo, as code-unit ranges (no Unicode-property RegExp: compiling one
 * costs milliseconds on every page load, and this runs while the names compile).
 */
const CJK_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x11ff], // Hangul Jamo
  [0x2e80, 0x2fdf], // CJK radicals, Kangxi radicals
  [0x3005, 0x3007], // 々 〆 〇
  [0x3021, 0x3029], // Hangzhou numerals
  [0x3038, 0x303b],
  [0x3041, 0x3096], // Hiragana
  [0x309d, 0x309f],
  [0x30a1, 0x30fa], // Katakana
  [0x30fc, 0x30ff],
  [0x3105, 0x312f], // Bopomofo
  [0x3131, 0x318e], // Hangul compatibility jamo
  [0x31a0, 0x31bf],
  [0x31f0, 0x31ff],
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa960, 0xa97f],
  [0xac00, 0xd7ff], // Hangul syllables, jamo extended B
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xff66, 0xff6f], // halfwidth katakana (not U+FF65, a middle dot)
  [0xff70, 0xff9f],
  [0xffa0, 0xffdc], // halfwidth Hangul
];

/** Han, kana and Hangul: aliases in these scripts match as substrings. */
export function isCjkChar(code: number): boolean {
  if (code < 0x1100) return false;
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7a3)) return true; // Han, Hangul
  for (let index = 0; index < CJK_RANGES.length; index++) {
    const range = CJK_RANGES[index]!;
    if (code < range[0]) return false;
    if (code <= range[1]) return true;
  }
  return false;
}

// 0 = not computed yet, 1 = no, 2 = yes.
const wordCharCache = new Uint8Array(0x10000);

function computeIsBoundaryWordChar(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  }
  // Answer the characters of ordinary pages without the Unicode-property RegExp, whose first use
  // compiles a large class (a couple of milliseconds): curly quotes, dashes, bullets and ellipses
  // (U+2000–U+206F), currency, arrows, maths, box drawing, shapes and dingbats are not; Latin
  // letters with diacritics are.
  if (code >= 0x2000 && code <= 0x206f) return false;
  if (code >= 0x20a0 && code <= 0x20cf) return false;
  if ((code >= 0x2190 && code <= 0x245f) || (code >= 0x2500 && code <= 0x2775)) return false;
  if (code >= 0xc0 && code <= 0x24f) return code !== 0xd7 && code !== 0xf7;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  if (isCjkChar(code)) return false;
  return BOUNDARY_WORD_RE.test(String.fromCharCode(code));
}

/**
 * Whether a code unit makes a word continue for a Latin-script alias: a letter, digit or mark
 * (so Cyrillic and Vietnamese letters count) but not a Han, kana or Hangul character. CJK text has
 * no spaces, so "在Korean War期间" and "Korean War는" are mentions. Surrogates count as non-word:
 * no alias touches astral text, and an emoji after a name must not hide it.
 */
export function isBoundaryWordChar(code: number): boolean {
  let cached = wordCharCache[code]!;
  if (cached === 0) {
    cached = computeIsBoundaryWordChar(code) ? 2 : 1;
    wordCharCache[code] = cached;
  }
  return cached === 2;
}

function normalize(original: string, joinDashesAndSpaces: boolean): NormalizedText {
  const length = original.length;
  const codes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let previousWasSeparator = false;
  for (let index = 0; index < length; index++) {
    const folded = foldCodeUnit(original.charCodeAt(index));
    if (folded.length === 0) continue;
    const isSpace = folded === ' ';
    const isSeparator = isSpace || (joinDashesAndSpaces && folded === '-');
    if (isSeparator && previousWasSeparator && (joinDashesAndSpaces || isSpace)) {
      // The collapsed run is represented by its first character; let it stand for the whole run.
      ends[ends.length - 1] = index + 1;
      continue;
    }
    previousWasSeparator = joinDashesAndSpaces ? isSeparator : isSpace;
    if (isSeparator) {
      codes.push(0x20);
      starts.push(index);
      ends.push(index + 1);
      continue;
    }
    for (let unit = 0; unit < folded.length; unit++) {
      codes.push(folded.charCodeAt(unit));
      starts.push(index);
      ends.push(index + 1);
    }
  }
  let text = '';
  const CHUNK = 8192;
  for (let offset = 0; offset < codes.length; offset += CHUNK) {
    text += String.fromCharCode(...codes.slice(offset, offset + CHUNK));
  }
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Folds case, dashes, spaces, invisible characters, apostrophes and dots; keeps '-' and ' ' apart. */
export function normalizeForMatching(original: string): NormalizedText {
  return normalize(original, false);
}

/** `normalizeForMatching` plus: any run of spaces and dashes is one separator, written ' '. */
export function matchKey(original: string): NormalizedText {
  return normalize(original, true);
}

/**
 * `matchKey(text).text` without the offset map, trimmed of separators at both ends: the key a
 * name is compiled to. Cheap on purpose, since the content script compiles its names on every page.
 */
export function nameKey(text: string): string {
  let key = '';
  let pendingSeparator = false;
  for (let index = 0; index < text.length; index++) {
    const folded = foldCodeUnit(text.charCodeAt(index));
    if (folded.length === 0) continue;
    if (folded === ' ' || folded === '-') {
      pendingSeparator = true;
      continue;
    }
    if (pendingSeparator && key.length > 0) key += ' ';
    pendingSeparator = false;
    key += folded;
  }
  return key;
}

/** The original offsets [start, end) of the normalised slice [start, end); the slice must not be empty. */
export function originalRange(normalized: NormalizedText, start: number, end: number): [number, number] {
  if (start < 0 || end > normalized.text.length || start >= end) {
    throw new RangeError(`bad normalised range [${start}, ${end})`);
  }
  return [normalized.starts[start]!, normalized.ends[end - 1]!];
}
