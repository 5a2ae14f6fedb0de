/**
 * The name screen: a superset test for mentions of the built-in names that runs in the browser's
 * own regular-expression engine, for the content script's first look at a page.
 *
 * Why not the prefilter automaton (compile.ts): on a page with no mention, the look is all the
 * content script does, once, so all of its code runs cold. The automaton is built from the keys
 * on every page load (2–4.5 ms measured) and then steps through the text one unit at a time in
 * interpreted JavaScript. A RegExp made at build time is compiled and run natively: the page's
 * text is read by the engine, not by a loop of ours. Compiling costs too (about 1 ms for the
 * gate below, 1.3 ms more for the whole pattern), so most pages only ever compile the gate.
 *
 * What it matches. The matcher compares folded text (normalize.ts: case, diacritics, dashes and
 * spaces, invisible characters, apostrophes, dots…). The screen's pattern is made at build time
 * (`screenPatterns`) from the names' keys, each cut to its first `maxLength` folded characters (a
 * prefix of a name is still rare on a page), as a trie of alternatives:
 * - a letter is the letter itself, in either case (the ASCII-first patterns have the `i` flag,
 *   so the text is screened as it is, with no lower-cased copy);
 * - the separator (a run of spaces and dashes in the key) is a run of units that are not ASCII
 *   word characters or kana, CJK and Hangul in the names, and any run of non-word units (`\W+`)
 *   in the gates (see `gateSeparatorSource`);
 *   apostrophes, dots and the comma are classes of every unit that folds to them;
 * - CJK, kana and Hangul fold to themselves.
 * A gate made the same way from each key's two longest words in a row comes first: every match
 * of the names holds a match of the gate, and most pages have none.
 * The gate and the names are each a few RegExps: for the strings that begin with an ASCII unit,
 * split by first character (`ASCII_FIRSTS_PER_PATTERN`), then one for the others (CJK, kana,
 * Hangul). As one alternation, the engine tried every branch at every unit of the text; the last
 * group, whose first units are few and rare outside East Asian text, is written to find its first
 * unit first (`dispatchPattern`). Measured in Chromium 150 on saved pages, the gate: 0.09 ms
 * instead of 0.21 ms for 38 kB of English text, 0.18 ms instead of 0.61 ms for 119 kB of Chinese,
 * and a quarter less to compile.
 * Every other unit whose fold the pattern would not see (accented letters, fullwidth letters and
 * digits, ligatures, soft hyphens and other invisible characters, combining marks…) is in the
 * `unusual` class: a text that holds one is folded first, those units only (`String#replace` with
 * the fold of each), and then screened. So the screen hits on a text wherever the text's fold
 * contains a key's prefix (tests/unit/matching/screen.test.ts checks it over every unit).
 *
 * Texts come in pieces (batches of a page's text nodes); a name may be cut between two. The screen
 * keeps the end of each piece that a name could have begun in, and reads it again before the next
 * (see `tailStart`).
 */

import { foldCodeUnit } from './normalize';

export interface ScreenPatterns {
  /**
   * Small RegExps: every match of `names` holds a match of one of them (of each key's prefix, its
   * longest two words in a row). Most pages fail them all, and never compile `names`.
   */
  readonly gates: readonly ScreenSource[];
  /** The names' RegExps: every match of the keys' prefixes in the folded text is a match of one. */
  readonly names: readonly ScreenSource[];
  /** Source of a class of the units to fold before screening. */
  readonly unusual: string;
  /** The longest key prefix, in folded characters. */
  readonly maxLength: number;
}

/**
 * A RegExp's source and flags. The one for strings that begin with an ASCII unit is compiled with
 * `i`: the engine compares ASCII letters in either case as cheaply as in one (a mask), so the text
 * is screened as it is, not lower-cased first (a copy of every batch). The others (CJK, kana,
 * Hangul) have no case, and `i` made them slower to compile (case tables for their classes).
 */
export interface ScreenSource {
  readonly source: string;
  readonly flags: '' | 'i';
  /**
   * A range of units every match begins with one of, where a test for it is cheaper than the
   * pattern: the CJK-first gate looks for its 17 first units one by one at every unit of a text
   * that has none (most pages, whose curly quotes make their text two-byte); one range, tested
   * first, took 0.6 ms off it over the 26 saved pages.
   */
  readonly holds?: string;
}

/** Keys are cut to this many folded characters: long enough to be rare, short enough to keep the pattern small. */
export const SCREEN_KEY_LENGTH = 24;

/**
 * Units that always fold to exactly one character that is not a separator: ASCII letters and
 * digits, and U+3040–U+D7FF (kana, CJK ideographs, Hangul…). A tail holding `maxLength` of them
 * holds the start of every match that runs on past it (screen.test.ts checks the range).
 */
export function isCountedUnit(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x3040 && code <= 0xd7ff)
  );
}

/** ASCII units no key holds and none folds into one: a match never runs across one. */
function isAsciiBreak(code: number): boolean {
  if (code >= 0x80 || isCountedUnit(code)) return false;
  // Spaces, dashes and the punctuation keys hold (or that folds into what they hold) go on.
  return !(code <= 0x20 || code === 0x2d || code === 0x27 || code === 0x60 || code === 0x2e || code === 0x2c);
}

/**
 * Where, in `text`, the part begins that a match running on into the next piece could have begun
 * in: at the `maxLength`-th counted unit from the end, or just after the last ASCII unit that no
 * match can hold, whichever is later.
 */
export function tailStart(text: string, maxLength: number): number {
  return Math.max(0, ownTailStart(text, maxLength));
}

/** `tailStart`, or -1 where `text` holds neither `maxLength` counted units nor a break: then what came before it may be in the tail too. */
function ownTailStart(text: string, maxLength: number): number {
  let counted = 0;
  for (let index = text.length - 1; index >= 0; index--) {
    const code = text.charCodeAt(index);
    if (isCountedUnit(code)) {
      if (++counted >= maxLength) return index;
    } else if (isAsciiBreak(code)) {
      return index + 1;
    }
  }
  return -1;
}

/**
 * The mirror of `tailStart` at the front of a piece: where a match begun before the piece ends at
 * the latest (just after the piece's `maxLength`-th counted unit, or at its first ASCII break).
 */
export function headEnd(text: string, maxLength: number): number {
  let counted = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (isCountedUnit(code)) {
      if (++counted >= maxLength) return index + 1;
    } else if (isAsciiBreak(code)) {
      return index;
    }
  }
  return text.length;
}

// --- Build time -------------------------------------------------------------------------------

function hex(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A RegExp class source for a list of units, as ranges.
 */
export function classSource(codes: readonly number[]): string {
  const sorted = [...new Set(codes)].sort((a, b) => a - b);
  let source = '';
  for (let index = 0; index < sorted.length; ) {
    let end = index;
    while (end + 1 < sorted.length && (sorted[end + 1] as number) === (sorted[end] as number) + 1) end++;
    const first = sorted[index] as number;
    const last = sorted[end] as number;
    source += last === first ? hex(first) : last === first + 1 ? hex(first) + hex(last) : `${hex(first)}-${hex(last)}`;
    index = end + 1;
  }
  return `[${source}]`;
}

const SEPARATOR = ' ';

/**
 * The screen's patterns for `keys` (match keys: folded, one ' ' per separator, trimmed), made with
 * the matcher's fold (`foldCodeUnit`) over every UTF-16 unit. Run at build time (vite.config.ts); the content script carries
 * only the two sources.
 */
export function screenPatterns(keys: readonly string[], maxLength = SCREEN_KEY_LENGTH): ScreenPatterns {
  // Cut, trimmed, and without keys that another key begins: the shorter one hits wherever they would.
  const cut = [...new Set(keys.map((key) => key.slice(0, maxLength).trimEnd()).filter((key) => key.length > 0))].sort();
  const prefixes: string[] = [];
  for (const key of cut) {
    const last = prefixes[prefixes.length - 1];
    if (last !== undefined && key.startsWith(last)) continue;
    prefixes.push(key);
  }
  const alphabet = new Set<string>();
  for (const key of prefixes) for (const char of key) if (char !== SEPARATOR) alphabet.add(char);

  // The screen reads the text as it is, and its ASCII-first patterns ignore ASCII case. Of the
  // other units: which fold to each character of the keys, which to a separator, and which to
  // nothing or to several characters.
  const foldsTo = new Map<string, number[]>();
  const separators: number[] = [];
  const unusual: number[] = [];
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue; // kept as they are, and in no key
    const char = String.fromCharCode(code);
    const folded = foldCodeUnit(code);
    if (folded === char) continue;
    // An ASCII capital: the `i` flag matches it as its small letter.
    if (code < 0x80 && folded === char.toLowerCase()) continue;
    if (folded === ' ' || folded === '-') {
      separators.push(code);
    } else if (folded.length === 1) {
      // Folds to one character: it matters only if a key holds that character.
      if (!alphabet.has(folded)) continue;
      const list = foldsTo.get(folded);
      if (list) list.push(code);
      else foldsTo.set(folded, [code]);
    } else {
      // Removed, or folds to several characters: only folding shows what it stands for.
      unusual.push(code);
    }
  }

  // A character of the keys: itself, or a class when punctuation has a few look-alikes. A letter's
  // other forms (accented, fullwidth…) are folded first.
  const charSource = new Map<string, string>();
  for (const char of alphabet) {
    const others = foldsTo.get(char) ?? [];
    if (others.length > 0 && others.length <= 12 && !/[\p{L}\p{N}]/u.test(char)) {
      // Apostrophes, dots, the comma: a few look-alikes each, common enough in text to match as they are.
      charSource.set(char, classSource([char.charCodeAt(0), ...others]));
    } else {
      unusual.push(...others);
      charSource.set(char, escapeChar(char));
    }
  }
  // A separator is a run of any units but ASCII letters, digits and `_` and the kana, CJK and
  // Hangul range: every space and dash, and more (a superset is sound, and "Korean: War" is as
  // rare as "Korean War"). Short, since every space of every key repeats it, and no dash is folded
  // first (the en and em dashes of most news pages were what made most batches fold). It must
  // hold no unit a key is written with: as plain `\W` it ran over Hangul, so "한국 전쟁" matched
  // from one name on to the end of the next, and the ends between went unreported (scanner-fuzz).
  for (const code of separators) if (/\w/.test(String.fromCharCode(code))) unusual.push(code);
  const separatorSource = '[^\\w\\u3040-\\ud7ff]+';
  // The gates only say whether a piece may hold a name, so their separator may be wider: any run
  // of units but ASCII letters, digits and `_`. Compiling a class that leaves out the CJK range
  // is what made the gates slow to compile with the `i` flag (the engine works out the other case
  // of every unit in the range, at each of the pattern's separators): measured in Chromium 150, the
  // two ASCII-first gates' first test took 3–5 ms with that class, 1.1–1.3 ms with `\W`. That first
  // test is on every page with text, and on most pages the gates are all the screen compiles.
  const gateSeparatorSource = '\\W+';

  const pattern = (strings: readonly string[], separator: string): string =>
    triePattern(strings, (char) => (char === SEPARATOR ? separator : (charSource.get(char) as string)));
  // The gate: of each key's prefix, its longest two words in a row (every match holds them). One
  // word alone is often common ("first" of "First Indochina War", "America", "border", "Zeitung"
  // for "tung"); two in a row of a name seldom are.
  const windows = prefixes.map((key) => {
    const words = key.split(SEPARATOR);
    let best = key;
    for (let index = 0; index + 1 < words.length; index++) {
      const pair = `${words[index]}${SEPARATOR}${words[index + 1]}`;
      if (index === 0 || pair.length > best.length) best = pair;
    }
    return best;
  });
  const anchors: string[] = [];
  for (const pair of [...new Set(windows)].sort((a, b) => a.length - b.length)) {
    // One that holds a shorter one is met wherever that one is.
    if (!anchors.some((anchor) => pair.includes(anchor))) anchors.push(pair);
  }
  // By first unit: ASCII, then the rest found by its first unit (see the header).
  const split = (strings: readonly string[], separator: string): ScreenSource[] => {
    const written = (group: readonly string[]) => pattern(group, separator);
    const asciiFirst = strings.filter((string) => string.charCodeAt(0) < 0x80);
    const otherFirst = strings.filter((string) => string.charCodeAt(0) >= 0x80);
    return [
      ...byFirstCharacters(asciiFirst, ASCII_FIRSTS_PER_PATTERN).map((group) => ({
        source: written(group),
        flags: 'i' as const,
      })),
      ...(otherFirst.length > 0
        ? [
            {
              source: dispatchPattern(otherFirst, (char) => charSource.get(char) as string, written),
              holds: rangeOfFirsts(otherFirst),
              // A key that begins with CJK and holds an ASCII letter further on needs the flag too.
              flags: otherFirst.some((string) => /[a-z]/.test(string)) ? ('i' as const) : ('' as const),
            },
          ]
        : []),
    ];
  };
  return {
    gates: split(anchors, gateSeparatorSource),
    names: split(prefixes, separatorSource),
    unusual: classSource(unusual),
    maxLength,
  };
}

/**
 * How many first characters one ASCII-first pattern begins with, at most. Chromium's engine ran
 * the gate of 53 strings beginning with 16 characters in 2.4 ns a unit of text; as two patterns of
 * 8 first characters each, both together took 1.4 ns (26 saved pages: 6.4 against 3.7 ms, noise
 * about 0.3). Three of 5 or 6 were slower again (4.6 ms), as was one per first character (9.8).
 */
const ASCII_FIRSTS_PER_PATTERN = 8;

/** `strings` in groups by first character, at most `most` first characters (sorted) a group, the groups even. */
function byFirstCharacters(strings: readonly string[], most: number): string[][] {
  const firsts = [...new Set(strings.map((string) => string[0] as string))].sort();
  if (firsts.length === 0) return [];
  const size = Math.ceil(firsts.length / Math.ceil(firsts.length / most));
  const groups: string[][] = [];
  for (let index = 0; index < firsts.length; index += size) {
    const group = new Set(firsts.slice(index, index + size));
    groups.push(strings.filter((string) => group.has(string[0] as string)));
  }
  return groups;
}

/** A class of one range, from the lowest to the highest first unit of `strings`. */
function rangeOfFirsts(strings: readonly string[]): string {
  const firsts = strings.map((string) => string.charCodeAt(0));
  return `[${hex(Math.min(...firsts))}-${hex(Math.max(...firsts))}]`;
}

/**
 * The alternation of `strings` written to find a first unit before anything else: a class of the
 * first units, then, after a look back at which one it was, the rest of the strings it begins
 * (`[ab](?:(?<=a)(?:…)|(?<=b)(?:…))`). The engine scans for a class fast; a trie of many branches
 * it tries branch by branch at every unit. Only for strings whose first characters are written
 * as themselves, single units (a class would not fit in a class).
 */
function dispatchPattern(
  strings: readonly string[],
  charSource: (char: string) => string,
  pattern: (strings: readonly string[]) => string,
): string {
  const byFirst = new Map<string, string[]>();
  for (const string of strings) {
    const first = string[0] as string;
    const rests = byFirst.get(first);
    if (rests) rests.push(string.slice(1));
    else byFirst.set(first, [string.slice(1)]);
  }
  const firsts = [...byFirst.keys()];
  for (const first of firsts) {
    if (charSource(first).startsWith('[')) throw new Error(`dispatchPattern: ${first} is written as a class`);
  }
  const branches = [...byFirst].map(([first, rests]) => {
    const rest = rests.some((r) => r.length === 0) ? '' : pattern(rests);
    return `(?<=${charSource(first)})${rest}`;
  });
  return `[${firsts.map((first) => charSource(first)).join('')}](?:${branches.join('|')})`;
}

/** A RegExp source matching any of `strings` (none a prefix of another), as a trie of alternatives. */
function triePattern(strings: readonly string[], charSource: (char: string) => string): string {
  interface TrieNode {
    readonly children: Map<string, TrieNode>;
    end: boolean;
  }
  const root: TrieNode = { children: new Map(), end: false };
  for (const string of strings) {
    let node = root;
    for (const char of string) {
      let child = node.children.get(char);
      if (!child) {
        child = { children: new Map(), end: false };
        node.children.set(char, child);
      }
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.children].map(([char, child]) => {
      const head = charSource(char);
      return child.end ? head : head + emit(child);
    });
    return branches.length === 1 ? (branches[0] as string) : `(?:${branches.join('|')})`;
  };
  return emit(root);
}

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  if (/[\\^$.*+?()[\]{}|/-]/.test(char)) return `\\${char}`;
  return code < 0x20 || code > 0x7e ? hex(code) : char;
}

// --- Run time ---------------------------------------------------------------------------------

/** The screen's RegExps, made once per patterns for every stream; `names` only once a gate is met. */
class ScreenExpressions {
  readonly gates: readonly { test(text: string): boolean }[];
  /** Global, for `replace`; one RegExp rather than two of one source (each costs its compiling). */
  readonly unusual: RegExp;
  private namesExpressions: readonly { readonly expression: RegExp; readonly holds?: RegExp }[] | undefined;

  constructor(private readonly patterns: ScreenPatterns) {
    this.gates = patterns.gates.map(({ source, flags, holds }) => {
      const gate = new RegExp(source, flags);
      if (holds === undefined) return gate;
      const first = new RegExp(holds);
      return { test: (text: string) => first.test(text) && gate.test(text) };
    });
    this.unusual = new RegExp(patterns.unusual, 'g');
  }

  /** Whether `text` holds a unit to fold. */
  hasUnusual(text: string): boolean {
    this.unusual.lastIndex = 0;
    return this.unusual.test(text);
  }

  /** Compiling it costs about 1.3 ms in Chromium (the whole pattern, natively): most pages never do. */
  get names(): readonly { readonly expression: RegExp; readonly holds?: RegExp }[] {
    this.namesExpressions ??= this.patterns.names.map(({ source, flags, holds }) => ({
      expression: new RegExp(source, `g${flags}`),
      ...(holds === undefined ? {} : { holds: new RegExp(holds) }),
    }));
    return this.namesExpressions;
  }
}

const expressionsOf = new WeakMap<ScreenPatterns, ScreenExpressions>();

/**
 * Screens a stream of texts (a page's text nodes, joined in batches): `read` each piece in order.
 * Stateful: one per stream. The same contract as the prefilter's stream (candidates.ts).
 */
export class NameScreen {
  private readonly expressions: ScreenExpressions;
  /** The end of the stream so far that a match running on into the next piece could have begun in. */
  private tail = '';

  constructor(private readonly patterns: ScreenPatterns) {
    let expressions = expressionsOf.get(patterns);
    if (!expressions) {
      expressions = new ScreenExpressions(patterns);
      expressionsOf.set(patterns, expressions);
    }
    this.expressions = expressions;
  }

  /**
   * Reads `text[from, to)` as the stream's next piece. Wherever a key's prefix ends in it, pushes
   * to `hits` the index in `text` of the unit it ends on.
   *
   * Unusual units are folded one by one. Not through `String#normalize` (NFD, then dropping the
   * marks), which would fold accented letters natively: its first use on a page loads the
   * browser's Unicode tables, measured at about 2 ms, more than the folding it saves on a page in
   * a Latin script with accents.
   */
  read(text: string, from: number, to: number, hits: number[]): void {
    const piece = from === 0 && to === text.length ? text : text.slice(from, to);
    const tail = this.tail;
    const { maxLength } = this.patterns;
    // The next tail, from the piece alone unless it is too short to hold one (then it is short).
    const own = ownTailStart(piece, maxLength);
    if (own >= 0) this.tail = piece.slice(own);
    else if (tail.length === 0) this.tail = piece;
    else {
      const whole = tail + piece;
      this.tail = whole.slice(tailStart(whole, maxLength));
    }
    const expressions = this.expressions;
    // Folded where a unit needs it: the tail and the piece each on their own (both are folded unit
    // by unit, so together they are the fold of the two), to know where the piece begins in what
    // is screened. The piece's units line up with what it became unless one was folded into more
    // or fewer units (a soft hyphen into none, a ligature into two).
    let screenedPiece = piece;
    let aligned = true;
    if (expressions.hasUnusual(piece)) {
      const folded = this.folded(piece);
      screenedPiece = folded.text;
      aligned = folded.aligned;
    }
    const { gates } = expressions;
    let open = gates.some((gate) => gate.test(screenedPiece));
    let screenedTail = '';
    if (tail.length > 0) {
      screenedTail = expressions.hasUnusual(tail) ? this.folded(tail).text : tail;
      // A match begun in the tail ends within the piece's first `maxLength` counted units: the
      // gates read the tail with those only, not a copy of the whole batch behind the tail.
      if (!open) {
        const seam = screenedTail + screenedPiece.slice(0, headEnd(screenedPiece, maxLength));
        open = gates.some((gate) => gate.test(seam));
      }
    }
    if (!open) return;
    const tailLength = screenedTail.length;
    const screened = tailLength > 0 ? screenedTail + screenedPiece : screenedPiece;
    // Every match that ends in the piece (those wholly in the tail were the last piece's). No key's
    // prefix begins another's and the trie's branches never overlap, so at most one match starts
    // at an index: from one past each, every place a name may end is found, as the automaton does.
    const ends: number[] = [];
    for (const { expression: names, holds } of expressions.names) {
      // The same first test as the gate's (see ScreenSource.holds).
      if (holds && !holds.test(screened)) continue;
      names.lastIndex = 0;
      for (let match = names.exec(screened); match; match = names.exec(screened)) {
        const end = match.index + match[0].length;
        if (end > tailLength) ends.push(end - 1 - tailLength);
        names.lastIndex = match.index + 1;
      }
    }
    if (ends.length === 0) return;
    // The expressions' ends, in order (unitsOf walks them in order).
    if (expressions.names.length > 1) ends.sort((a, b) => a - b);
    for (const end of aligned ? ends : this.unitsOf(piece, ends)) hits.push(from + end);
  }

  /**
   * The units of `piece` that the ascending offsets `ends`, into its folded form,
   * came from: one pass that folds it again unit by unit (only for a piece whose fold moved units
   * and that holds a hit, which is rare).
   */
  private unitsOf(piece: string, ends: readonly number[]): number[] {
    const units: number[] = [];
    const expressions = this.expressions;
    let folded = 0;
    let next = 0;
    for (let index = 0; index < piece.length && next < ends.length; index++) {
      // No ASCII unit is unusual (screen.test.ts checks it): the common case is one comparison,
      // not a string and a RegExp test for each unit.
      const code = piece.charCodeAt(index);
      if (code < 0x80) folded++;
      else folded += expressions.hasUnusual(piece[index] as string) ? foldCodeUnit(code).length : 1;
      while (next < ends.length && (ends[next] as number) < folded) {
        units.push(index);
        next++;
      }
    }
    return units;
  }

  /** `text` with its unusual units folded, and whether each became one unit. */
  private folded(text: string): { text: string; aligned: boolean } {
    let aligned = true;
    const folded = text.replace(this.expressions.unusual, (unit) => {
      const result = foldCodeUnit(unit.charCodeAt(0));
      if (result.length !== 1) aligned = false;
      return result;
    });
    return { text: folded, aligned };
  }
}
