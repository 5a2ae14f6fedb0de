/**
 * Text in, matches out. Pure: no DOM, no browser API.
 *
 *   const matcher = createTopicMatcher(enabledTopicIds, customTerms);   // once per settings change
 *   const { matches, cues } = matcher.scan(runText, pageCues);          // per text run
 *   mergeCues(pageCues, cues);
 *   // unambiguous matches count at once; needsContext ones once countsOnPage(match, pageCues)
 *
 * See context.ts for the page-level protocol a DOM scanner follows, compile.ts for what a match
 * is, normalize.ts for what counts as the same text.
 */

import { NAME_GUARDS, TOPIC_NAMES } from '../knowledge/names';
import type { TopicId } from '../knowledge/types';
import { type CustomTerm, compileMatcher, type Matcher } from './compile';

export {
  type CustomTerm,
  compileMatcher,
  HIT_FLAG,
  type Matcher,
  type MatcherOptions,
  Prefilter,
  prefilterKeys,
  spacingVariants,
} from './compile';
export { countsOnPage, findSentence, MAX_SENTENCE_REACH, mergeCues, resolveContext } from './context';
export type { CueKey, Match, ScanResult } from './match';
// `trimmedKey` is `nameKey` under the name the settings validator imports.
export {
  foldCodeUnit,
  isBoundaryWordChar,
  isCjkChar,
  matchKey,
  type NormalizedText,
  nameKey,
  nameKey as trimmedKey,
  normalizeForMatching,
  originalRange,
} from './normalize';

/** The product's matcher: the knowledge base's names and guards for the enabled topics. */
export function createTopicMatcher(enabledTopics: Iterable<TopicId>, customTerms: readonly CustomTerm[] = []): Matcher {
  return compileMatcher(TOPIC_NAMES, { enabledTopics, customTerms, guards: NAME_GUARDS });
}
