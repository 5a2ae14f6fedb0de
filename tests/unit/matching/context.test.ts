import { describe, expect, it } from 'vitest';
import { CORE_TOPIC_IDS, TOPIC_IDS } from '../../../src/knowledge/types';
import {
  type CueKey,
  countsOnPage,
  createTopicMatcher,
  findSentence,
  type Match,
  mergeCues,
  resolveContext,
} from '../../../src/matching';

const core = createTopicMatcher(CORE_TOPIC_IDS);

/** What a DOM scanner does: scan every run, gather the page's cues, then resolve. */
function markedOnPage(runs: readonly string[], matcher = core): string[] {
  const pageCues = new Set<CueKey>();
  const found: { run: string; match: Match }[] = [];
  for (const run of runs) {
    const result = matcher.scan(run);
    mergeCues(pageCues, result.cues);
    for (const match of result.matches) found.push({ run, match });
  }
  return found
    .filter(({ match }) => countsOnPage(match, pageCues))
    .map(({ run, match }) => `${run.slice(match.start, match.end)} (${match.topic})`);
}

describe('page context', () => {
  it('marks an ambiguous name on a page about China and North Korea', () => {
    expect(
      markedOnPage([
        'China and North Korea signed a treaty in Beijing on 11 July 1961.',
        'The 1961 treaty obliges each side to help the other if attacked.',
      ]),
    ).toEqual(['1961 treaty (sino-north-korean-treaty)']);
  });

  it('marks it when the cues come after the name, in another run', () => {
    expect(markedOnPage(['Is the friendship treaty still in force?', 'Pyongyang and Beijing both say so.'])).toEqual([
      'friendship treaty (sino-north-korean-treaty)',
    ]);
  });

  it('does not mark it on a page about the Soviet–North Korean treaty that never names China', () => {
    expect(
      markedOnPage([
        'On 6 July 1961 North Korea and the Soviet Union signed a treaty in Moscow.',
        'The 1961 treaty lapsed after 1991.',
        'Pyongyang later sought a new friendship treaty.',
      ]),
    ).toEqual([]);
  });

  it('does not mark it in a sentence that names another party, even on a China–North Korea page', () => {
    const page = [
      'China and North Korea are allies on paper.',
      'Days before, Kim Il-sung had signed the Treaty of Friendship, Co-operation and Mutual Assistance with the Soviet Union.',
      'In 2024 Russia and North Korea signed a mutual defense treaty.',
      'The 1961 treaty on Antarctica was also signed that year.',
      'Putin called it the friendship treaty of a new era.',
      'But the 1961 treaty with Beijing is the one that matters here.',
    ];
    expect(markedOnPage(page)).toEqual(['1961 treaty (sino-north-korean-treaty)']);
    const excluded = page.flatMap((run) => core.scan(run).matches).filter((match) => match.excluded);
    expect(excluded).toHaveLength(4);
  });

  it('needs China and Vietnam for the 1979 war', () => {
    expect(markedOnPage(['China attacked Vietnam in February 1979.', 'The 1979 war lasted a month.'])).toEqual([
      '1979 war (sino-vietnamese-war)',
    ]);
    expect(markedOnPage(['Uganda and Tanzania fought in 1979.', 'The 1979 war toppled Idi Amin.'])).toEqual([]);
    // The page is about China and Vietnam, but the sentence is about another war.
    expect(markedOnPage(['China and Vietnam.', 'The 1979 war between Uganda and Tanzania ended Amin.'])).toEqual([]);
    expect(
      markedOnPage(['China and Vietnam.', 'Could a China–Vietnam war break out over the South China Sea?']),
    ).toEqual([]);
  });

  it('counts cues in every language', () => {
    expect(markedOnPage(['중국과 북한은 동맹이다.', 'The friendship treaty holds.'])).toEqual([
      'friendship treaty (sino-north-korean-treaty)',
    ]);
    expect(markedOnPage(['中国与朝鲜', 'the 1961 treaty'])).toEqual(['1961 treaty (sino-north-korean-treaty)']);
    expect(markedOnPage(['中國與北韓', 'the 1961 treaty'])).toEqual(['1961 treaty (sino-north-korean-treaty)']);
    expect(markedOnPage(['中国と北朝鮮', 'the 1961 treaty'])).toEqual(['1961 treaty (sino-north-korean-treaty)']);
    expect(markedOnPage(['Trung Quốc và Triều Tiên', 'the 1961 treaty'])).toEqual([
      '1961 treaty (sino-north-korean-treaty)',
    ]);
    expect(markedOnPage(['Trung Quoc va Viet Nam', 'the 1979 war'])).toEqual(['1979 war (sino-vietnamese-war)']);
  });

  it('lets an unambiguous name of a topic vouch for its ambiguous ones', () => {
    expect(markedOnPage(['The Korean War began in 1950.', 'It is called the Forgotten War.'])).toEqual([
      'Korean War (korean-war)',
      'Forgotten War (korean-war)',
    ]);
    // ... but not for another topic's.
    expect(markedOnPage(['The Korean War began in 1950.', 'The 1961 treaty came later.'])).toEqual([
      'Korean War (korean-war)',
    ]);
  });

  it('finds cues inside names and reports each cue group once per run', () => {
    const { cues } = core.scan('China–North Korea friendship treaty; China, China, China.');
    expect([...cues].sort()).toEqual([
      'korean-war/0',
      'korean-war/1',
      'sino-north-korean-treaty/0',
      'sino-north-korean-treaty/1',
      'sino-vietnamese-war/0',
    ]);
  });

  it('does not take a word that contains a cue for the cue', () => {
    expect(core.scan('Chinatown and Indochina').cues.size).toBe(0);
    expect(core.scan('the DPRKs').cues.size).toBe(0);
  });

  it('skips cue words the page has shown already, and reports the same matches', () => {
    const text = 'China and North Korea: the 1961 treaty. China again, and Vietnam.';
    const full = core.scan(text);
    const known = new Set<CueKey>(['korean-war/0', 'sino-north-korean-treaty/0', 'sino-vietnamese-war/0']);
    const lean = core.scan(text, known);
    expect(lean.matches).toEqual(full.matches);
    expect([...lean.cues].sort()).toEqual(['korean-war/1', 'sino-north-korean-treaty/1', 'sino-vietnamese-war/1']);
    // The matcher does not remember: without knownCues every cue is back.
    expect(core.scan(text).cues).toEqual(full.cues);
  });
});

describe('resolveContext, countsOnPage, mergeCues', () => {
  const base: Match = {
    start: 0,
    end: 4,
    topic: 'sino-north-korean-treaty',
    name: '1961 treaty',
    needsContext: true,
    excluded: false,
    requiredCues: ['sino-north-korean-treaty/0', 'sino-north-korean-treaty/1'],
  };

  it('counts a match that needs no context always, an excluded one never', () => {
    expect(countsOnPage({ ...base, needsContext: false, requiredCues: [] }, new Set())).toBe(true);
    const everything = new Set<CueKey>(base.requiredCues);
    expect(countsOnPage(base, everything)).toBe(true);
    expect(countsOnPage({ ...base, excluded: true }, everything)).toBe(false);
    expect(countsOnPage(base, new Set<CueKey>(['sino-north-korean-treaty/0']))).toBe(false);
  });

  it('keeps the matches that count', () => {
    const other = { ...base, start: 10, end: 14, needsContext: false, requiredCues: [] };
    expect(resolveContext([base, other], new Set())).toEqual([other]);
    expect(resolveContext([base, other], new Set(base.requiredCues))).toEqual([base, other]);
  });

  it('says whether merging added a cue group', () => {
    const page = new Set<CueKey>(['korean-war/0']);
    expect(mergeCues(page, ['korean-war/0'])).toBe(false);
    expect(mergeCues(page, ['korean-war/0', 'korean-war/1'])).toBe(true);
    expect(page.size).toBe(2);
  });
});

describe('findSentence', () => {
  const sentenceOf = (text: string, name: string): string => {
    const start = text.indexOf(name);
    const [from, to] = findSentence(text, start, start + name.length);
    return text.slice(from, to).trim();
  };

  it('splits at full stops, question and exclamation marks', () => {
    expect(sentenceOf('First one. The 1961 treaty holds! Third?', '1961 treaty')).toBe('The 1961 treaty holds!');
    expect(sentenceOf('Why? Was the 1961 treaty renewed? No.', '1961 treaty')).toBe('Was the 1961 treaty renewed?');
  });

  it('does not split after U.S., initials, abbreviations or inside 6.25', () => {
    expect(sentenceOf('The U.S. Army and the 1961 treaty. Next.', '1961 treaty')).toBe(
      'The U.S. Army and the 1961 treaty.',
    );
    expect(sentenceOf('Gen. Peng and J. Smith read the 1961 treaty. Next.', '1961 treaty')).toBe(
      'Gen. Peng and J. Smith read the 1961 treaty.',
    );
    expect(sentenceOf('After the 6.25 War came the 1961 treaty. Next.', '1961 treaty')).toBe(
      'After the 6.25 War came the 1961 treaty.',
    );
  });

  it('splits at CJK full stops and paragraph breaks, not at a wrapped line', () => {
    expect(sentenceOf('苏联。中朝友好合作互助条约。日本', '中朝')).toBe('中朝友好合作互助条约。');
    expect(sentenceOf('Soviet Union\n\nThe 1961 treaty', '1961 treaty')).toBe('The 1961 treaty');
    expect(sentenceOf('the Soviet\nUnion and the 1961 treaty', '1961 treaty')).toBe(
      'the Soviet\nUnion and the 1961 treaty',
    );
    expect(sentenceOf('Soviet Union\u2028The 1961 treaty', '1961 treaty')).toBe('The 1961 treaty');
  });

  it('keeps a closing quote with its sentence and stops far from the name', () => {
    expect(sentenceOf('He said “no.” The 1961 treaty held.', '1961 treaty')).toBe('The 1961 treaty held.');
    const long = `${'word '.repeat(400)}the 1961 treaty${' word'.repeat(400)}`;
    const start = long.indexOf('1961');
    const [from, to] = findSentence(long, start, start + 11);
    expect(start - from).toBeLessThanOrEqual(600);
    expect(to - start).toBeLessThanOrEqual(612);
  });
});

describe('related topics', () => {
  const all = createTopicMatcher(TOPIC_IDS);

  it('needs a North Korea cue for WPK and 김정은, and a China cue for the Cultural Revolution', () => {
    expect(markedOnPage(['The WPK met.'], all)).toEqual([]);
    expect(markedOnPage(['The WPK met in Pyongyang.'], all)).toEqual(['WPK (workers-party-of-korea)']);
    expect(markedOnPage(['배우 김정은이 드라마에 나온다.'], all)).toEqual([]);
    expect(markedOnPage(['북한의 김정은 위원장'], all)).toEqual(['김정은 (kim-jong-un)']);
    expect(markedOnPage(['A cultural revolution at the office.'], all)).toEqual([]);
    expect(markedOnPage(['The Cultural Revolution shook China.'], all)).toEqual([
      'Cultural Revolution (cultural-revolution)',
    ]);
    expect(markedOnPage(["China's ally.", "Iran's Cultural Revolution closed universities."], all)).toEqual([]);
  });
});
