/**
 * Every near miss of shared/knowledge-notes.md ("text that must not be taken for a core topic")
 * marks nothing, on the worst possible page: one that shows every cue group, so only the names
 * and the sentence-level exclusions stand between the text and a mark.
 */

import { describe, expect, it } from 'vitest';
import { TOPIC_NAMES } from '../../../src/knowledge/names';
import { CORE_TOPIC_IDS, TOPIC_IDS } from '../../../src/knowledge/types';
import { type CueKey, createTopicMatcher, type Matcher, resolveContext } from '../../../src/matching';

const EVERY_CUE = new Set<CueKey>(
  TOPIC_NAMES.flatMap((topic) => topic.context.pageMustMention.map((_, index): CueKey => `${topic.id}/${index}`)),
);
const core = createTopicMatcher(CORE_TOPIC_IDS);
const all = createTopicMatcher(TOPIC_IDS);

function counted(matcher: Matcher, text: string): string[] {
  return resolveContext(matcher.scan(text).matches, EVERY_CUE).map(
    (match) => `${text.slice(match.start, match.end)} (${match.topic})`,
  );
}

const NEAR_MISSES: readonly string[] = [
  // the Vietnam War
  'the Vietnam War (1955–1975)',
  'the Second Indochina War',
  '越南战争',
  'Chiến tranh Việt Nam',
  // other "Sino-" wars
  'the First Sino-Japanese War (1894–95) was fought over Korea',
  'the Second Sino-Japanese War (1937–45)',
  'the Sino-French War (1884–85)',
  'the Sino-Indian War of 1962',
  'the Sino-Soviet border conflict (1969)',
  // "Sino-Vietnamese" without "war"
  'Sino-Vietnamese relations improved in 1991.',
  'Sino-Vietnamese border trade grew.',
  // Vietnam against the Khmer Rouge
  'the Cambodian–Vietnamese War (1978–1989)',
  'Chiến tranh biên giới Tây Nam',
  // treaties with other parties
  'the Soviet–North Korean Treaty of Friendship, Co-operation and Mutual Assistance (July 1961)',
  'In July 1961 Pyongyang signed a Treaty of Friendship, Cooperation and Mutual Assistance with the USSR.',
  'the Sino-Soviet Treaty of Friendship, Alliance and Mutual Assistance (1950)',
  'the Russia–North Korea Comprehensive Strategic Partnership Treaty (2024)',
  'Russia and North Korea signed a mutual defence treaty in June 2024.',
  'The Antarctic Treaty entered into force in 1961.',
  'The Antarctic Treaty, the 1961 treaty that froze territorial claims, still holds.',
  'the Vienna Convention on Diplomatic Relations (1961)',
  'Like the Vienna Convention, the 1961 treaty codified diplomatic immunity.',
  'The U.S.-ROK Mutual Defense Treaty of 1953 binds Washington to Seoul.',
  'The friendship treaty between Moscow and Hanoi was signed in November 1978.',
  // longer words and other phrases
  'Korean Warriors',
  'Korean warfare',
  'Korean wartime',
  'the Korean won fell',
  'Korean Air flight 007',
  'after the Cold War',
  'the Korean Armistice Agreement (27 July 1953)',
];

describe('near misses', () => {
  it.each(NEAR_MISSES)('marks nothing in: %s', (text) => {
    expect(counted(core, text)).toEqual([]);
    expect(counted(all, text)).toEqual([]);
  });

  it('marks a Korean compound that contains the name: CJK names are substrings by design', () => {
    expect(counted(core, '한국 전쟁터의 전우')).toEqual(['한국 전쟁 (korean-war)']);
  });

  it('does not take the Korean Armistice Agreement for the war with every topic on', () => {
    expect(all.scan('The Korean Armistice Agreement was signed on 27 July 1953.').matches).toEqual([]);
  });

  it('does not take the Third Indochina War for the 1979 war', () => {
    expect(counted(all, 'the Third Indochina War (1975–1991)')).toEqual([]);
  });

  it('still marks the 1979 war inside a sentence that names the Vietnam War', () => {
    expect(counted(core, 'Unlike the Vietnam War, the Sino-Vietnamese War lasted a month.')).toEqual([
      'Sino-Vietnamese War (sino-vietnamese-war)',
    ]);
  });
});
