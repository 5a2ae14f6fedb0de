/**
 * Rules for the user's own terms. Pure: no browser, no DOM.
 *
 * A term is literal text, never a pattern: it is matched exactly like a built-in name (folded
 * case, dashes, spaces and apostrophes; see src/matching), so "a.b" means the three characters
 * a, dot, b. Whether a term duplicates a name is decided with the matcher's own key, so a term
 * that would mark exactly what a name already marks ("korean war", "Korean–War") is refused.
 */
import type { TopicId, TopicNames } from '../knowledge/types';
import { isCjkChar, trimmedKey } from '../matching';
import { LIMITS } from './limits';

/** The part of the settings the validator reads. */
export interface TermSettings {
  readonly customTerms: Partial<Record<TopicId, readonly string[]>>;
}

const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const CONTROL = /\p{Cc}/u;

/** How a typed term is stored: NFC, trimmed, with each run of white space made one space. */
export function normalizeTermInput(term: string): string {
  return term.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** True when the term holds Chinese, Japanese or Korean characters (it may then be shorter). */
export function isCjkTerm(term: string): boolean {
  return CJK.test(term);
}

/**
 * What is wrong with a term on its own (length, characters), or null. Duplicates need the
 * names of every topic: see `validateCustomTerm`.
 */
export function termShapeProblem(term: string): string | null {
  if (term.trim() === '') return 'Type a term to add.';
  if (CONTROL.test(term)) return 'A term must be one line of text without control characters.';
  if (term !== term.trim() || / {2}/.test(term)) return 'A term must not start or end with spaces.';
  if (!LETTER_OR_DIGIT.test(term)) return 'A term needs at least one letter or digit.';
  const length = [...term].length;
  const cjk = isCjkTerm(term);
  const min = cjk ? LIMITS.termMinLengthCjk : LIMITS.termMinLength;
  if (length < min) {
    return cjk
      ? `A term in Chinese, Japanese or Korean needs at least ${LIMITS.termMinLengthCjk} characters.`
      : `A term needs at least ${LIMITS.termMinLength} characters (${LIMITS.termMinLengthCjk} in Chinese, Japanese or Korean).`;
  }
  if (length > LIMITS.termMaxLength) {
    return `A term can have at most ${LIMITS.termMaxLength} characters; this one has ${length}.`;
  }
  return null;
}

/**
 * The key two terms share when they would mark the same text: the matcher's folded key, with
 * the spaces the matcher treats as optional (next to CJK characters) taken out.
 */
export function termKey(text: string): string {
  const key = trimmedKey(text);
  let out = '';
  for (let index = 0; index < key.length; index++) {
    const char = key[index] as string;
    if (char === ' ' && (isCjkChar(key.charCodeAt(index - 1)) || isCjkChar(key.charCodeAt(index + 1)))) continue;
    out += char;
  }
  return out;
}

function quoted(text: string): string {
  return `“${text}”`;
}

/**
 * Why `term` cannot be added to `topic`, or null when it can. `term` is what the user typed;
 * it is normalised first (see `normalizeTermInput`), and that is the form to save.
 * `builtInNames` is the knowledge base's names (TOPIC_NAMES), passed in to keep this pure.
 */
export function validateCustomTerm(
  term: string,
  topic: TopicId,
  settings: TermSettings,
  builtInNames: readonly TopicNames[],
): string | null {
  const text = normalizeTermInput(term);
  const shape = termShapeProblem(text);
  if (shape) return shape;

  const displayName = (id: TopicId): string => builtInNames.find((names) => names.id === id)?.displayName ?? id;
  const key = termKey(text);
  const sameForm = (other: string): string => (other === text ? '' : ` (as ${quoted(other)})`);

  for (const names of builtInNames) {
    const clash = names.names.find((name) => termKey(name.text) === key);
    if (!clash) continue;
    return names.id === topic
      ? `${quoted(text)} is already a built-in name of ${displayName(topic)}${sameForm(clash.text)}.`
      : `${quoted(text)} is already a built-in name of another topic, ${displayName(names.id)}${sameForm(clash.text)}.`;
  }
  for (const [id, terms] of Object.entries(settings.customTerms) as [TopicId, readonly string[] | undefined][]) {
    const clash = terms?.find((other) => termKey(other) === key);
    if (!clash) continue;
    return id === topic
      ? `${quoted(text)} is already one of your terms for ${displayName(topic)}${sameForm(clash)}.`
      : `${quoted(text)} is already one of your terms for another topic, ${displayName(id)}${sameForm(clash)}.`;
  }

  const count = settings.customTerms[topic]?.length ?? 0;
  if (count >= LIMITS.termsPerTopic) {
    return `${displayName(topic)} already has ${LIMITS.termsPerTopic} terms of yours, the most a topic can hold. Remove one to add another.`;
  }
  return null;
}
