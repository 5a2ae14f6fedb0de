/** The names are data, tested like code: every one is found as itself, none collide. */

import { describe, expect, it } from 'vitest';
import { NAME_GUARDS, TOPIC_NAMES } from '../../../src/knowledge/names';
import { CORE_TOPIC_IDS, type NameLang, TOPIC_IDS } from '../../../src/knowledge/types';
import { createTopicMatcher, isCjkChar, nameKey, spacingVariants } from '../../../src/matching';

const all = createTopicMatcher(TOPIC_IDS);
const allNames = TOPIC_NAMES.flatMap((topic) => topic.names.map((name) => ({ topic, name })));
const hasCjk = (text: string): boolean => [...text].some((char) => isCjkChar(char.charCodeAt(0)));

describe('TOPIC_NAMES', () => {
  it('lists every topic once, in TOPIC_IDS order, with core set for the core topics only', () => {
    expect(TOPIC_NAMES.map((topic) => topic.id)).toEqual([...TOPIC_IDS]);
    for (const topic of TOPIC_NAMES) expect(topic.core).toBe((CORE_TOPIC_IDS as readonly string[]).includes(topic.id));
  });

  it('gives no two names the same key, not even through optional CJK spaces', () => {
    const owner = new Map<string, string>();
    for (const { topic, name } of allNames) {
      for (const key of new Set(spacingVariants(nameKey(name.text)))) {
        const previous = owner.get(key);
        expect(previous, `${name.text} (${topic.id}) folds like ${previous}`).toBeUndefined();
        owner.set(key, `${name.text} (${topic.id})`);
      }
    }
  });

  it('writes names without stray spaces', () => {
    for (const { name } of allNames) {
      expect(name.text).toBe(name.text.trim());
      expect(name.text).not.toMatch(/\s{2}/);
      expect(nameKey(name.text).length).toBeGreaterThan(1);
    }
  });

  it.each(allNames.map(({ topic, name }) => [name.text, topic.id]))('finds "%s" as %s and nothing else', (text, id) => {
    const matches = all.scan(text).matches;
    expect(matches.map((match) => [match.start, match.end, match.topic])).toEqual([[0, text.length, id]]);
  });

  it.each(allNames.map(({ topic, name }) => [name.text, topic.id]))('finds "%s" inside a sentence', (text, id) => {
    const sentence = hasCjk(text) ? `在${text}期间。` : `Before ${text}, after (${text}).`;
    const matches = all.scan(sentence).matches;
    expect(matches.map((match) => sentence.slice(match.start, match.end))).toEqual(
      hasCjk(text) ? [text] : [text, text],
    );
    expect(new Set(matches.map((match) => match.topic))).toEqual(new Set([id]));
  });

  it('has names in all five languages for each core topic (Vietnamese except the treaty)', () => {
    for (const id of CORE_TOPIC_IDS) {
      const langs = new Set<NameLang>(TOPIC_NAMES.find((topic) => topic.id === id)!.names.map((name) => name.lang));
      const expected: NameLang[] = ['en', 'ko', 'zh-Hans', 'zh-Hant', 'ja'];
      if (id !== 'sino-north-korean-treaty') expected.push('vi');
      for (const lang of expected) expect(langs, `${id} in ${lang}`).toContain(lang);
    }
  });

  it('gives every topic with ambiguous names page cues in all five languages', () => {
    for (const topic of TOPIC_NAMES) {
      if (!topic.names.some((name) => name.needsContext)) continue;
      expect(topic.context.pageMustMention.length, topic.id).toBeGreaterThan(0);
      for (const group of topic.context.pageMustMention) {
        expect(
          group.some((cue) => /^[\x20-\x7e]+$/.test(cue)),
          `${topic.id}: en`,
        ).toBe(true);
        expect(
          group.some((cue) => /[\uac00-\ud7af]/.test(cue)),
          `${topic.id}: ko`,
        ).toBe(true);
        expect(
          group.some((cue) => /[\u4e00-\u9fff]/.test(cue)),
          `${topic.id}: zh/ja`,
        ).toBe(true);
        expect(
          group.some((cue) => /[\u00c0-\u024f\u1e00-\u1eff]/.test(cue)),
          `${topic.id}: vi`,
        ).toBe(true);
      }
    }
  });

  it('marks the ambiguous names the design names as needing context', () => {
    const needsContext = (text: string): boolean | undefined =>
      allNames.find(({ name }) => nameKey(name.text) === nameKey(text))?.name.needsContext;
    for (const text of [
      'Korean Conflict',
      'Forgotten War',
      '1961 treaty',
      'friendship treaty',
      'mutual defence treaty',
      'mutual defense treaty',
      'Treaty of Friendship, Co-operation and Mutual Assistance',
      '1979 war',
      'China-Vietnam War',
    ]) {
      expect(needsContext(text), text).toBe(true);
    }
    for (const text of ['Korean War', 'Sino-Vietnamese War', 'Sino-DPRK friendship treaty', '朝鮮戰爭']) {
      expect(needsContext(text), text).toBeFalsy();
    }
  });

  it('keeps cue and exclusion lists free of duplicates after folding', () => {
    for (const topic of TOPIC_NAMES) {
      for (const list of [...topic.context.pageMustMention, topic.context.sentenceMustNotMention]) {
        const keys = list.map(nameKey);
        expect(new Set(keys).size, `${topic.id}: ${keys.join(', ')}`).toBe(keys.length);
      }
    }
  });

  it('has guards that each contain a name and win over it', () => {
    for (const guard of NAME_GUARDS) {
      expect(
        allNames.some(({ name }) => nameKey(guard).includes(nameKey(name.text))),
        guard,
      ).toBe(true);
      expect(all.scan(guard).matches).toEqual([]);
    }
  });
});
