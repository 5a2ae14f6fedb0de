/**
 * A multi-pattern matcher (Aho–Corasick) that folds the text on the fly.
 *
 * Why not one big RegExp: measured in V8, an alternation of the escaped names run over
 * `toLowerCase()`d text is only 1.5–2x faster than this loop, and it cannot skip soft hyphens,
 * collapse a space made of a dash and a line break, fold accents or report the page cues that
 * overlap names; each of those needs a normalisation pass that allocates a string and an offset map
 * per run, a JS pass at least as costly as this loop. Here one pass reads each UTF-16 unit once: a
 * lazily filled table gives its folded symbol and a lazily filled DFA table the next state. Nothing
 * else happens per character; only at a hit does the automaton walk back over the original text to
 * find where the hit starts and look one symbol to each side for the word boundaries.
 *
 * Patterns are `matchKey` strings. A pattern whose first (last) character is a word character of a
 * Latin-like script must not be preceded (followed) by another one; Han, kana and Hangul edges
 * match as substrings. Boundaries are judged on the folded symbols, skipping invisible characters,
 * so "Korean War\u00ADriors" is no mention and "Korean War's" is one. A hit's end is stretched over
 * combining marks that follow it, since they belong to its last letter.
 */

import { foldCodeUnit, isBoundaryWordChar, isCombiningMark } from './normalize';

/** Receives each hit whose boundaries hold, in the order they are confirmed (not sorted). */
export type HitSink = (pattern: number, start: number, end: number) => void;

const OTHER_SYMBOL = 0;
const SEPARATOR_SYMBOL = 1;

// Bits of a code unit's entry in `unitInfo`. Zero means "not computed yet".
const SYMBOL_MASK = 0xffff;
const WORD_BIT = 1 << 16;
const IGNORED_BIT = 1 << 17;
const SEPARATOR_BIT = 1 << 18;
const EXPANDS_BIT = 1 << 19;
const KNOWN_BIT = 1 << 20;
// Separators are not special in the scanning loop: the DFA itself collapses a run of them (see `next`).
const SPECIAL_BITS = IGNORED_BIT | EXPANDS_BIT;

/** Set in `feed`'s result when a pattern ended in the text fed (states stay far below it). */
export const HIT_FLAG = 1 << 30;

/** Symbols below this index get a dense DFA row; rarer ones (CJK) are memoised in a Map. */
const MAX_DENSE_SYMBOLS = 64;

interface Expansion {
  readonly symbols: readonly number[];
  readonly word: readonly boolean[];
}

export class PatternAutomaton {
  readonly patternCount: number;
  /** Patterns to skip at a hit, before any work on it (cue words the page has shown already). */
  readonly muted: Uint8Array;
  private readonly lengths: Int32Array;
  private readonly needsLeftBoundary: Uint8Array;
  private readonly needsRightBoundary: Uint8Array;

  /** Symbol of each UTF-16 unit that occurs in a pattern; 0 (OTHER_SYMBOL) for all others. */
  private readonly symbolOfChar = new Uint16Array(0x10000);
  private readonly symbolCount: number;
  private readonly denseSymbols: number;
  private readonly unitInfo = new Int32Array(0x10000);
  private readonly expansions = new Map<number, Expansion>();
  /** The symbol of each ASCII unit (none folds to nothing or to several), filled on construction. */
  private readonly asciiSymbols = new Uint16Array(128);

  // The trie, as typed arrays: children are a linked list (firstChild, nextSibling).
  private readonly parent: Int32Array;
  /** The symbol on the trie edge into each state (the last symbol of its path). */
  private readonly incoming: Int32Array;
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  private readonly ownPatterns: (number[] | undefined)[];
  /** Failure link of each state, -1 until first needed. */
  private readonly failure: Int32Array;
  /**
   * Nearest state on the failure chain (itself included) that ends a pattern, -1 for none and -2
   * until first needed. Failure and output links are lazy because the content script compiles on
   * every page load, when all code is still cold, and a page without mentions visits few states.
   */
  private readonly outputState: Int32Array;
  /** Lazily filled DFA for dense symbols: next state + 1, 0 when not computed. */
  private readonly denseDelta: Uint16Array | Uint32Array;
  private readonly sparseDelta = new Map<number, number>();

  // Construction avoids Map and Set: it runs on every page load in cold (interpreted) code, where
  // sorting once and filling typed arrays costs a fraction of hashing every pattern character.
  constructor(patterns: readonly string[]) {
    const patternCount = patterns.length;
    this.patternCount = patternCount;
    this.muted = new Uint8Array(patternCount);
    this.lengths = new Int32Array(patternCount);
    this.needsLeftBoundary = new Uint8Array(patternCount);
    this.needsRightBoundary = new Uint8Array(patternCount);

    // Symbols in code order, so ASCII lands in the dense part of the DFA table.
    const symbolOfChar = this.symbolOfChar;
    const chars: number[] = [];
    let totalLength = 0;
    for (let patternIndex = 0; patternIndex < patternCount; patternIndex++) {
      const pattern = patterns[patternIndex]!;
      if (pattern.length === 0 || pattern.charCodeAt(0) === 0x20 || pattern.charCodeAt(pattern.length - 1) === 0x20) {
        throw new Error(`pattern must be a trimmed, non-empty match key: ${JSON.stringify(pattern)}`);
      }
      totalLength += pattern.length;
      for (let index = 0; index < pattern.length; index++) {
        const code = pattern.charCodeAt(index);
        if (code !== 0x20 && symbolOfChar[code] === 0) {
          symbolOfChar[code] = 1;
          chars.push(code);
        }
      }
    }
    chars.sort((a, b) => a - b);
    for (let index = 0; index < chars.length; index++) symbolOfChar[chars[index]!] = SEPARATOR_SYMBOL + 1 + index;
    symbolOfChar[0x20] = SEPARATOR_SYMBOL;
    this.symbolCount = SEPARATOR_SYMBOL + 1 + chars.length;
    this.denseSymbols = Math.min(this.symbolCount, MAX_DENSE_SYMBOLS);

    // The trie, built from the patterns in sorted order: each pattern shares its first `common`
    // characters with the one before, so only the rest needs new states. At most one state per
    // pattern character, plus the root.
    const order = Array.from({ length: patternCount }, (_, index) => index);
    order.sort((a, b) => (patterns[a]! < patterns[b]! ? -1 : patterns[a]! > patterns[b]! ? 1 : a - b));
    const parent = new Int32Array(totalLength + 1);
    const incoming = new Int32Array(totalLength + 1);
    const firstChild = new Int32Array(totalLength + 1).fill(-1);
    const nextSibling = new Int32Array(totalLength + 1).fill(-1);
    const ownPatterns: (number[] | undefined)[] = new Array<number[] | undefined>(totalLength + 1).fill(undefined);
    const path: number[] = [0];
    let previous = '';
    let stateCount = 1;
    for (const patternIndex of order) {
      const pattern = patterns[patternIndex]!;
      let common = 0;
      const limit = Math.min(pattern.length, previous.length);
      while (common < limit && pattern.charCodeAt(common) === previous.charCodeAt(common)) common++;
      for (let index = common; index < pattern.length; index++) {
        const state = path[index]!;
        const child = stateCount++;
        parent[child] = state;
        incoming[child] = symbolOfChar[pattern.charCodeAt(index)]!;
        // Siblings come in sorted order; prepending keeps the lookup simple (the order is irrelevant).
        nextSibling[child] = firstChild[state]!;
        firstChild[state] = child;
        path[index + 1] = child;
      }
      const end = path[pattern.length]!;
      const ending = ownPatterns[end];
      if (ending === undefined) ownPatterns[end] = [patternIndex];
      else ending.push(patternIndex);
      this.lengths[patternIndex] = pattern.length;
      this.needsLeftBoundary[patternIndex] = isBoundaryWordChar(pattern.charCodeAt(0)) ? 1 : 0;
      this.needsRightBoundary[patternIndex] = isBoundaryWordChar(pattern.charCodeAt(pattern.length - 1)) ? 1 : 0;
      previous = pattern;
    }
    this.ownPatterns = ownPatterns;
    this.parent = parent;
    this.incoming = incoming;
    this.firstChild = firstChild;
    this.nextSibling = nextSibling;
    this.failure = new Int32Array(stateCount).fill(-1);
    this.failure[0] = 0;
    this.outputState = new Int32Array(stateCount).fill(-2);
    this.outputState[0] = -1;
    const tableSize = stateCount * this.denseSymbols;
    this.denseDelta = stateCount < 0xffff ? new Uint16Array(tableSize) : new Uint32Array(tableSize);
    for (let code = 0; code < 128; code++) this.asciiSymbols[code] = this.computeUnitInfo(code) & SYMBOL_MASK;
  }

  private trieChild(state: number, symbol: number): number {
    for (let child = this.firstChild[state]!; child !== -1; child = this.nextSibling[child]!) {
      if (this.incoming[child] === symbol) return child;
    }
    return -1;
  }

  private failureOf(state: number): number {
    let failure = this.failure[state]!;
    if (failure === -1) {
      const parent = this.parent[state]!;
      failure = parent === 0 ? 0 : this.next(this.failureOf(parent), this.incoming[state]!);
      this.failure[state] = failure;
    }
    return failure;
  }

  private outputStateOf(state: number): number {
    let output = this.outputState[state]!;
    if (output === -2) {
      output = this.ownPatterns[state] !== undefined ? state : this.outputStateOf(this.failureOf(state));
      this.outputState[state] = output;
    }
    return output;
  }

  /**
   * DFA transition, computed from the trie and failure links on first use and memoised. A run of
   * separators is one symbol: a state whose path ends with a separator stays put on another one.
   * (The root is the only other state a separator can lead to, and it loops on one anyway, since
   * no pattern starts with a separator.) This keeps spaces, 15% of English text, off the slow path.
   */
  private next(state: number, symbol: number): number {
    if (symbol === OTHER_SYMBOL) return 0;
    if (symbol === SEPARATOR_SYMBOL && this.incoming[state] === SEPARATOR_SYMBOL) return state;
    const dense = symbol < this.denseSymbols;
    const slot = state * (dense ? this.denseSymbols : this.symbolCount) + symbol;
    const cached = dense ? this.denseDelta[slot]! : (this.sparseDelta.get(slot) ?? 0);
    if (cached !== 0) return cached - 1;
    const child = this.trieChild(state, symbol);
    const target = child !== -1 ? child : state === 0 ? 0 : this.next(this.failureOf(state), symbol);
    if (dense) this.denseDelta[slot] = target + 1;
    else this.sparseDelta.set(slot, target + 1);
    return target;
  }

  private computeUnitInfo(code: number): number {
    const folded = foldCodeUnit(code);
    let info = KNOWN_BIT;
    if (folded.length === 0) {
      info |= IGNORED_BIT;
    } else if (folded === ' ' || folded === '-') {
      info |= SEPARATOR_BIT | SEPARATOR_SYMBOL;
    } else if (folded.length > 1) {
      const symbols: number[] = [];
      const word: boolean[] = [];
      for (let index = 0; index < folded.length; index++) {
        const unit = folded.charCodeAt(index);
        symbols.push(this.symbolOfChar[unit]!);
        word.push(isBoundaryWordChar(unit));
      }
      this.expansions.set(code, { symbols, word });
      info |= EXPANDS_BIT;
    } else {
      const unit = folded.charCodeAt(0);
      info |= this.symbolOfChar[unit]!;
      if (isBoundaryWordChar(unit)) info |= WORD_BIT;
    }
    this.unitInfo[code] = info;
    return info;
  }

  private infoOf(code: number): number {
    const info = this.unitInfo[code]!;
    return info !== 0 ? info : this.computeUnitInfo(code);
  }

  /**
   * Finds every occurrence of every pattern in `text[from, to)` (the slice's edges count as text
   * edges for boundaries) and reports those whose boundaries hold.
   */
  run(text: string, sink: HitSink, from = 0, to = text.length): void {
    const unitInfo = this.unitInfo;
    const denseDelta = this.denseDelta;
    const denseSymbols = this.denseSymbols;
    const outputState = this.outputState;
    let state = 0;
    for (let unitIndex = from; unitIndex < to; unitIndex++) {
      const code = text.charCodeAt(unitIndex);
      let info = unitInfo[code]!;
      if (info === 0) info = this.computeUnitInfo(code);
      if ((info & SPECIAL_BITS) !== 0) {
        if ((info & IGNORED_BIT) !== 0) continue;
        // A code unit that folds to several symbols (a ligature): rare, so off the hot path.
        const expansion = this.expansions.get(code)!;
        for (let offset = 0; offset < expansion.symbols.length; offset++) {
          state = this.next(state, expansion.symbols[offset]!);
          if (outputState[state] !== -1) this.collect(state, text, from, to, unitIndex, offset, sink);
        }
        continue;
      }
      const symbol = info & SYMBOL_MASK;
      if (symbol < denseSymbols) {
        const cached = denseDelta[state * denseSymbols + symbol]!;
        state = cached !== 0 ? cached - 1 : this.next(state, symbol);
      } else {
        state = this.next(state, symbol);
      }
      if (outputState[state] !== -1) this.collect(state, text, from, to, unitIndex, 0, sink);
    }
  }

  /**
   * The prefilter's loop: feeds `text[from, to)` to the automaton from `state` and returns the
   * state it ends in, with HIT_FLAG set when some pattern ended on the way (and the index of each
   * unit where one ended pushed to `hits`, if given). No boundary, no
   * start, no pattern: only "something may be here". Because the state carries over, text split
   * across nodes is read as one stream, and no string is ever joined. ASCII takes a short path
   * through a small table, and a unit that occurs in no name sends the automaton home at once.
   */
  feed(text: string, state: number, from = 0, to = text.length, hits?: number[]): number {
    const ascii = this.asciiSymbols;
    const unitInfo = this.unitInfo;
    const denseDelta = this.denseDelta;
    const denseSymbols = this.denseSymbols;
    const outputState = this.outputState;
    let hit = 0;
    for (let unitIndex = from; unitIndex < to; unitIndex++) {
      const code = text.charCodeAt(unitIndex);
      let symbol: number;
      if (code < 128) {
        symbol = ascii[code]!;
      } else {
        let info = unitInfo[code]!;
        if (info === 0) info = this.computeUnitInfo(code);
        if ((info & SPECIAL_BITS) !== 0) {
          if ((info & IGNORED_BIT) !== 0) continue;
          const expansion = this.expansions.get(code)!;
          for (let offset = 0; offset < expansion.symbols.length; offset++) {
            state = this.next(state, expansion.symbols[offset]!);
            if (this.outputStateOf(state) !== -1) {
              hit = HIT_FLAG;
              hits?.push(unitIndex);
            }
          }
          continue;
        }
        symbol = info & SYMBOL_MASK;
      }
      if (symbol === OTHER_SYMBOL) {
        state = 0;
        continue;
      }
      if (symbol < denseSymbols) {
        const cached = denseDelta[state * denseSymbols + symbol]!;
        state = cached !== 0 ? cached - 1 : this.next(state, symbol);
      } else {
        state = this.next(state, symbol);
      }
      if (outputState[state] !== -1 && this.outputStateOf(state) !== -1) {
        hit = HIT_FLAG;
        hits?.push(unitIndex);
      }
    }
    return state | hit;
  }

  /** Reports the patterns that end at the current symbol (`offset` within the unit's expansion). */
  private collect(
    state: number,
    text: string,
    from: number,
    to: number,
    lastUnit: number,
    offset: number,
    sink: HitSink,
  ): void {
    let nextIsWord: boolean | undefined;
    for (
      let outState = this.outputStateOf(state);
      outState !== -1;
      outState = this.outputStateOf(this.failureOf(outState))
    ) {
      for (const pattern of this.ownPatterns[outState]!) {
        if (this.muted[pattern] === 1) continue;
        if (this.needsRightBoundary[pattern] === 1) {
          nextIsWord ??= this.isWordAfter(text, to, lastUnit, offset);
          if (nextIsWord) continue;
        }
        const start = this.findStart(
          text,
          from,
          lastUnit,
          offset,
          this.lengths[pattern]!,
          this.needsLeftBoundary[pattern] === 1,
        );
        if (start === -1) continue;
        let end = lastUnit + 1;
        while (end < to && isCombiningMark(text.charCodeAt(end))) end++;
        sink(pattern, start, end);
      }
    }
  }

  /** Whether the symbol after the one at (`unit`, `offset`) is a word character. */
  private isWordAfter(text: string, to: number, unit: number, offset: number): boolean {
    const info = this.infoOf(text.charCodeAt(unit));
    if ((info & EXPANDS_BIT) !== 0) {
      const expansion = this.expansions.get(text.charCodeAt(unit))!;
      if (offset + 1 < expansion.symbols.length) return expansion.word[offset + 1]!;
    }
    for (let next = unit + 1; next < to; next++) {
      const nextInfo = this.infoOf(text.charCodeAt(next));
      if ((nextInfo & IGNORED_BIT) !== 0) continue;
      if ((nextInfo & SEPARATOR_BIT) !== 0) return false;
      if ((nextInfo & EXPANDS_BIT) !== 0) return this.expansions.get(text.charCodeAt(next))!.word[0]!;
      return (nextInfo & WORD_BIT) !== 0;
    }
    return false;
  }

  /**
   * Walks back `length` symbols from the one at (`lastUnit`, `offset`), folding exactly as `run`
   * does (ignored units skipped, a run of separators is one symbol that sits on its first
   * separator), and returns the unit where the first symbol comes from; -1 when a left boundary is
   * needed and the symbol before is a word character.
   */
  private findStart(
    text: string,
    from: number,
    lastUnit: number,
    offset: number,
    length: number,
    needsLeftBoundary: boolean,
  ): number {
    const unitInfo = this.unitInfo;
    let unit = lastUnit;
    let subIndex = offset;
    let remaining = length - 1;
    let previousIsWord = false;
    // One iteration per symbol stepped over; the last iteration looks at the symbol before the hit.
    for (;;) {
      if (subIndex > 0) {
        subIndex--;
        if (remaining === 0) {
          previousIsWord = this.expansions.get(text.charCodeAt(unit))!.word[subIndex]!;
          break;
        }
        remaining--;
        continue;
      }
      let previous = unit - 1;
      let info = 0;
      while (previous >= from) {
        info = unitInfo[text.charCodeAt(previous)]!; // scanned already, so known
        if ((info & IGNORED_BIT) === 0) break;
        previous--;
      }
      if (previous < from) break; // the text's start: a boundary
      if (remaining === 0) {
        if ((info & SEPARATOR_BIT) !== 0) previousIsWord = false;
        else if ((info & EXPANDS_BIT) !== 0) {
          const word = this.expansions.get(text.charCodeAt(previous))!.word;
          previousIsWord = word[word.length - 1]!;
        } else previousIsWord = (info & WORD_BIT) !== 0;
        break;
      }
      remaining--;
      if ((info & SEPARATOR_BIT) !== 0) {
        // The whole run of separators and ignored units is one symbol, on its first separator.
        let first = previous;
        for (let before = previous - 1; before >= from; before--) {
          const beforeInfo = unitInfo[text.charCodeAt(before)]!;
          if ((beforeInfo & SEPARATOR_BIT) !== 0) first = before;
          else if ((beforeInfo & IGNORED_BIT) === 0) break;
        }
        unit = first;
        subIndex = 0;
      } else if ((info & EXPANDS_BIT) !== 0) {
        unit = previous;
        subIndex = this.expansions.get(text.charCodeAt(previous))!.symbols.length - 1;
      } else {
        unit = previous;
        subIndex = 0;
      }
    }
    if (remaining !== 0) throw new Error('internal: a hit longer than the text before it');
    return needsLeftBoundary && previousIsWord ? -1 : unit;
  }
}
