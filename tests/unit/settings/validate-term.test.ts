import { describe, expect, it } from 'vitest';
import { TOPIC_NAMES } from '../../../src/knowledge/names';
import type { TopicNames } from '../../../src/knowledge/types';
import { LIMITS } from '../../../src/settings/limits';
import { normalizeTermInput, termKey, termShapeProblem, validateCustomTerm } from '../../../src/settings/validate-term';

const NAMES: readonly TopicNames[] = [
  {
    id: 'korean-war',
    core: true,
    displayName: 'Korean War',
    names: [
      { text: 'Korean War', lang: 'en' },
      { text: '6·25 전쟁', lang: 'ko' },
    ],
    context: { pageMustMention: [], sentenceMustNotMention: [] },
  },
  {
    id: 'kim-il-sung',
    core: false,
    displayName: 'Kim Il-sung',
    names: [{ text: 'Kim Il-sung', lang: 'en' }],
    context: { pageMustMention: [], sentenceMustNotMention: [] },
  },
];

const none = { customTerms: {} };

describe('validateCustomTerm', () => {
  it('accepts a new literal term', () => {
    expect(validateCustomTerm('armistice', 'korean-war', none, NAMES)).toBeNull();
    expect(validateCustomTerm('  Panmunjom  talks ', 'korean-war', none, NAMES)).toBeNull();
  });

  it.each([
    ['', /Type a term/],
    ['    ', /Type a term/],
    ['ab', /at least 3 characters \(2 in Chinese, Japanese or Korean\)/],
    ['a', /at least 3 characters/],
    ['!!!', /letter or digit/],
    ['x'.repeat(LIMITS.termMaxLength + 1), /at most 80 characters; this one has 81/],
    ['韓', /Chinese, Japanese or Korean needs at least 2/],
  ])('refuses %j with a message', (term, message) => {
    expect(validateCustomTerm(term, 'korean-war', none, NAMES)).toMatch(message);
  });

  it('takes two CJK characters and 80 of anything', () => {
    expect(validateCustomTerm('韓戰', 'korean-war', none, NAMES)).toBeNull();
    expect(validateCustomTerm('한국', 'korean-war', none, NAMES)).toBeNull();
    expect(validateCustomTerm('x'.repeat(LIMITS.termMaxLength), 'korean-war', none, NAMES)).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(validateCustomTerm('𠀋𠀌', 'korean-war', none, NAMES)).toBeNull();
  });

  it('refuses a built-in name of the same topic, in any case, spacing or dash', () => {
    expect(validateCustomTerm('Korean War', 'korean-war', none, NAMES)).toBe(
      '“Korean War” is already a built-in name of Korean War.',
    );
    expect(validateCustomTerm('korean–war', 'korean-war', none, NAMES)).toBe(
      '“korean–war” is already a built-in name of Korean War (as “Korean War”).',
    );
    expect(validateCustomTerm('6·25전쟁', 'korean-war', none, NAMES)).toMatch(/already a built-in name of Korean War/);
  });

  it('refuses a built-in name of another topic and names that topic', () => {
    expect(validateCustomTerm('Kim Il Sung', 'korean-war', none, NAMES)).toBe(
      '“Kim Il Sung” is already a built-in name of another topic, Kim Il-sung (as “Kim Il-sung”).',
    );
  });

  it('refuses a term already added to this or another topic', () => {
    const settings = { customTerms: { 'korean-war': ['armistice'], 'kim-il-sung': ['Great Leader'] } };
    expect(validateCustomTerm('Armistice', 'korean-war', settings, NAMES)).toBe(
      '“Armistice” is already one of your terms for Korean War (as “armistice”).',
    );
    expect(validateCustomTerm('great leader', 'korean-war', settings, NAMES)).toBe(
      '“great leader” is already one of your terms for another topic, Kim Il-sung (as “Great Leader”).',
    );
  });

  it(`refuses a ${LIMITS.termsPerTopic + 1}st term for one topic`, () => {
    const full = { customTerms: { 'korean-war': Array.from({ length: LIMITS.termsPerTopic }, (_, i) => `term ${i}`) } };
    expect(validateCustomTerm('one more', 'korean-war', full, NAMES)).toMatch(
      /Korean War already has 50 terms of yours, the most a topic can hold/,
    );
    expect(validateCustomTerm('one more', 'kim-il-sung', full, NAMES)).toBeNull();
  });

  it('treats terms as literal text, never as patterns', () => {
    expect(validateCustomTerm('K.*War', 'korean-war', none, NAMES)).toBeNull();
    expect(validateCustomTerm('(a|b)+', 'korean-war', none, NAMES)).toBeNull();
    expect(termKey('K.*War')).not.toBe(termKey('Korean War'));
  });

  it('works with the real knowledge base', () => {
    expect(validateCustomTerm('armistice', 'korean-war', none, TOPIC_NAMES)).toBeNull();
    expect(validateCustomTerm('Korean War', 'korean-war', none, TOPIC_NAMES)).toMatch(/already a built-in name/);
  });
});

describe('term shape', () => {
  it('normalises what people type', () => {
    expect(normalizeTermInput('  the\u00a0 Yalu\n crossing ')).toBe('the Yalu crossing');
    expect(normalizeTermInput('Chie\u0302\u0301n')).toBe('Chiến');
  });

  it('refuses stored terms that are not in their normal form or hold control characters', () => {
    expect(termShapeProblem(' armistice')).toMatch(/start or end with spaces/);
    expect(termShapeProblem('armi\u0007stice')).toMatch(/control characters/);
    expect(termShapeProblem('armi\nstice')).toMatch(/control characters/);
    expect(termShapeProblem('armistice')).toBeNull();
  });
});
