/**
 * Context for ambiguous names ("the 1961 treaty", "the Forgotten War", "the 1979 war").
 *
 * Two levels, because they need different reach:
 * - Sentence: decided inside `Matcher.scan`, which has the run. A needsContext match whose
 *   sentence names another party of its topic's rule (the Soviet Union, Russia, Antarctica...)
 *   comes back with `excluded: true` and never counts.
 * - Page: a needsContext match counts only when every cue group in its `requiredCues` was seen
 *   somewhere on the page. `scan` reports the cue groups of each run; the page's cues are the
 *   union over its runs, which only a DOM scanner knows. Hence the pure functions below.
 *
 * How a DOM scanner uses this, incrementally:
 *
 *   const pageCues = new Set<CueKey>();
 *   const pending: { match: Match; run: Run }[] = [];    // needsContext, not excluded
 *   for each text run (first pass, then each batch of mutations):
 *     const { matches, cues } = matcher.scan(run.text, pageCues);   // pageCues: skip known cue words
 *     const cuesGrew = mergeCues(pageCues, cues);
 *     for (const match of matches) {
 *       if (!match.needsContext) highlight(match);          // counts at once
 *       else if (!match.excluded) pending.push({ match, run });
 *     }
 *     // after the batch (not per run: a cue may come later on the page than the name):
 *     if (cuesGrew || new pending) highlight every pending entry with countsOnPage(entry.match, pageCues)
 *       and drop it from pending.
 *
 * Keeping pageCues monotone (never removing cues when text goes away) is the simple choice, and
 * lets `scan` skip cue words already seen. A scanner that wants to be exact keeps each run's
 * `cues` (scanning without `knownCues`, so they are complete) and rebuilds the union on removal.
 */

import type { CueKey, Match } from './match';

/** Whether a match counts on a page whose cue groups are `pageCues`. */
export function countsOnPage(match: Match, pageCues: ReadonlySet<CueKey>): boolean {
  if (!match.needsContext) return true;
  if (match.excluded) return false;
  for (const cue of match.requiredCues) if (!pageCues.has(cue)) return false;
  return true;
}

/** The matches that count, given every cue group seen on the page so far. */
export function resolveContext<M extends Match>(matches: readonly M[], pageCues: ReadonlySet<CueKey>): M[] {
  return matches.filter((match) => countsOnPage(match, pageCues));
}

/** Adds `source` to `target`; true when that added a cue group the page had not shown before. */
export function mergeCues(target: Set<CueKey>, source: Iterable<CueKey>): boolean {
  const sizeBefore = target.size;
  for (const cue of source) target.add(cue);
  return target.size !== sizeBefore;
}

// Sentences.

/** A sentence may be long, but the search for its ends stops this far from the name. */
export const MAX_SENTENCE_REACH = 600;

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'lt',
  'col',
  'sgt',
  'capt',
  'maj',
  'adm',
  'gov',
  'sen',
  'rep',
  'st',
  'jr',
  'sr',
  'vs',
  'etc',
  'approx',
  'ca',
  'cf',
  'fig',
  'vol',
  'pp',
  'inc',
  'corp',
  'co',
  'ltd',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mt',
  'ft',
  'rev',
  'hon',
  'pres',
  'dept',
  'univ',
  'est',
]);

const CLOSERS = new Set(['"', "'", '\u201d', '\u2019', ')', ']', '\u00bb', '\u300d', '\u300f', '\uff09']);
const LETTER_RE = /\p{L}/u;
const SPACE_RE = /\s/;

function isLetter(char: string | undefined): boolean {
  return char !== undefined && LETTER_RE.test(char);
}

/** After `index`, past closing quotes and brackets: the end of the run, or a space. */
function isFollowedBySpace(text: string, index: number): boolean {
  let position = index;
  while (position < text.length && CLOSERS.has(text[position]!)) position++;
  return position >= text.length || SPACE_RE.test(text[position]!);
}

const LOWER_OR_DIGIT_RE = /[\p{Ll}\p{N}]/u;

/** "U.S. aid", "No. 5", "p. 12": after the spaces comes a lower-case letter or a digit. */
function isFollowedByLowerOrDigit(text: string, index: number): boolean {
  let position = index;
  while (position < text.length && SPACE_RE.test(text[position]!)) position++;
  return position < text.length && LOWER_OR_DIGIT_RE.test(text[position]!);
}

/** "U.S.", "J. Smith", "Gen. Peng": a dot that ends a one-letter word or an abbreviation. */
function endsAbbreviation(text: string, dotIndex: number): boolean {
  let wordStart = dotIndex;
  while (wordStart > 0 && isLetter(text[wordStart - 1])) wordStart--;
  const word = text.slice(wordStart, dotIndex);
  return word.length === 1 || ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Whether the character at `index` ends a sentence. Full-width 。！？． always do; '.', '!' and '?'
 * only before a space or the end ("6.25" and "Yahoo!Japan" do not), and a dot neither after an
 * abbreviation nor before a lower-case word or a number. When unsure, the sentence is left longer:
 * a longer sentence can only exclude more, never mark a name that names another party. Of line breaks, only a paragraph break (a blank line), U+2028 and U+2029 end a
 * sentence: a single line feed in a text node is usually just the page source's wrapping, so a
 * scanner that joins a run across `<br>` should put U+2028 there.
 */
function isSentenceEnd(text: string, index: number): boolean {
  const char = text[index]!;
  switch (char) {
    case '\u3002':
    case '\uff01':
    case '\uff1f':
    case '\uff0e':
    case '\u2028':
    case '\u2029':
      return true;
    case '!':
    case '?':
      return isFollowedBySpace(text, index + 1);
    case '.':
      return (
        isFollowedBySpace(text, index + 1) &&
        !isFollowedByLowerOrDigit(text, index + 1) &&
        !endsAbbreviation(text, index)
      );
    case '\n': {
      let position = index + 1;
      while (position < text.length && (text[position] === ' ' || text[position] === '\t' || text[position] === '\r')) {
        position++;
      }
      return text[position] === '\n';
    }
    default:
      return false;
  }
}

/** The sentence of the run around `[start, end)`, as offsets `[sentenceStart, sentenceEnd)`. */
export function findSentence(text: string, start: number, end: number): [number, number] {
  let sentenceStart = start;
  const leftLimit = Math.max(0, start - MAX_SENTENCE_REACH);
  while (sentenceStart > leftLimit && !isSentenceEnd(text, sentenceStart - 1)) sentenceStart--;
  // A closing quote after the previous sentence's full stop belongs to that sentence.
  while (sentenceStart < start && CLOSERS.has(text[sentenceStart]!)) sentenceStart++;
  let sentenceEnd = end;
  const rightLimit = Math.min(text.length, end + MAX_SENTENCE_REACH);
  while (sentenceEnd < rightLimit && !isSentenceEnd(text, sentenceEnd)) sentenceEnd++;
  if (sentenceEnd < rightLimit) {
    sentenceEnd++; // keep the full stop with its sentence, and its closing quotes
    while (sentenceEnd < text.length && CLOSERS.has(text[sentenceEnd]!)) sentenceEnd++;
  }
  return [sentenceStart, sentenceEnd];
}
