/**
 * The matcher against the slow reference (reference.ts) on random text: names of every topic,
 * disguised with case, dashes, spaces, soft hyphens, apostrophes and decomposed accents, among
 * noise built from the same letters, name fragments, CJK characters and invisible characters.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NAME_GUARDS, TOPIC_NAMES } from '../../../src/knowledge/names';
import { CORE_TOPIC_IDS, TOPIC_IDS, type TopicId } from '../../../src/knowledge/types';
import { type CustomTerm, compileMatcher, HIT_FLAG, nameKey } from '../../../src/matching';
import { PatternAutomaton } from '../../../src/matching/automaton';
import { referenceEntries, referenceScan } from './reference';

const NAME_TEXTS = [...TOPIC_NAMES.flatMap((topic) => topic.names.map((name) => name.text)), ...NAME_GUARDS];

const SPACES = [' ', ' ', ' ', '  ', '\u00a0', '\n', '\r\n ', '\t', '\u202f', '\u2007', ' - ', ' \u2013 ', ' \u00ad'];
const DASHES = ['-', '-', '\u2010', '\u2011', '\u2013', '\u2014', '\u2212', '\uff0d', ' ', '\u2013 '];
const APOSTROPHES = ["'", '\u2019', '\u2018', '\u02bc', '`'];
const DOTS = ['.', '\u00b7', '\u30fb', '\u2027'];
const INVISIBLES = ['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];

/** One way of writing a name, chosen by a stream of random numbers. */
function disguise(name: string, random: () => number): string {
  let out = '';
  for (const char of name) {
    const roll = random();
    if (char === ' ') out += SPACES[Math.floor(roll * SPACES.length)];
    else if (char === '-' || char === '\u2013') out += DASHES[Math.floor(roll * DASHES.length)];
    else if (char === "'") out += APOSTROPHES[Math.floor(roll * APOSTROPHES.length)];
    else if (char === '.' || char === '\u00b7') out += DOTS[Math.floor(roll * DOTS.length)];
    else if (roll < 0.15) out += char.toUpperCase();
    else if (roll < 0.2) out += char.normalize('NFD');
    else out += char;
    if (random() < 0.04) out += INVISIBLES[Math.floor(random() * INVISIBLES.length)];
  }
  return out;
}

const noiseChar = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyz KOREANWAR 0123456789.,;:!?()"\'-',
  ...[
    'Korean',
    'War',
    'war',
    'riors',
    'fare',
    's',
    'Sino',
    'Vietnamese',
    'China',
    'North',
    'treaty',
    'post-',
    '1961',
    '1979',
    '6.25',
  ],
  ...[
    '中',
    '朝',
    '鮮',
    '鲜',
    '戰',
    '战',
    '爭',
    '争',
    '韓',
    '略',
    '文',
    '革',
    '新',
    '한',
    '국',
    '전',
    '쟁',
    '북',
    '중',
    '越',
  ],
  ...[
    '\u00ad',
    '\u200b',
    '\u00a0',
    '\u2013',
    '\u2019',
    '\u0301',
    '\u0302',
    'é',
    'ệ',
    'Đ',
    'İ',
    'ﬂ',
    'ﬁ',
    'Ｋ',
    '６',
    '·',
    '\n',
    '😀',
  ],
);
const noise = fc.array(noiseChar, { maxLength: 8 }).map((chars) => chars.join(''));
const disguisedName = fc
  .tuple(
    fc.constantFrom(...NAME_TEXTS),
    fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 200, maxLength: 200 }),
  )
  .map(([name, numbers]) => {
    let index = 0;
    return disguise(name, () => numbers[index++ % numbers.length]!);
  });
const text = fc
  .array(fc.oneof(noise, disguisedName, disguisedName), { maxLength: 10 })
  .map((pieces) => pieces.join(''));

function compare(enabled: readonly TopicId[], customTerms: readonly CustomTerm[] = []) {
  const matcher = compileMatcher(TOPIC_NAMES, { enabledTopics: enabled, customTerms, guards: NAME_GUARDS });
  const entries = [
    ...referenceEntries(TOPIC_NAMES, new Set(enabled)).filter((entry) => entry.topic !== undefined),
    ...customTerms.map((term) => ({ text: term.text, topic: term.topic })),
    ...NAME_GUARDS.map((guard) => ({ text: guard, topic: undefined })),
  ];
  return (input: string) => {
    const actual = matcher.scan(input).matches.map(({ start, end, topic }) => ({ start, end, topic }));
    expect(actual).toEqual(referenceScan(input, entries));
  };
}

// Generous: CI machines are shared, and a property run is thousands of scans.
const PROPERTY_TIMEOUT_MS = 120_000;

describe('matcher against the reference implementation', () => {
  it(
    'agrees with every topic on',
    () => {
      fc.assert(fc.property(text, compare(TOPIC_IDS)), { numRuns: 1000 });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'agrees with the core topics only',
    () => {
      fc.assert(fc.property(text, compare(CORE_TOPIC_IDS)), { numRuns: 600 });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'agrees with custom terms full of regex metacharacters',
    () => {
      const customTerms: CustomTerm[] = [
        { topic: 'korean-war', text: 'a.b*c' },
        { topic: 'korean-war', text: '(war)' },
        { topic: 'mao-zedong', text: 'x|y+' },
        { topic: 'kim-il-sung', text: '[북중]' },
      ];
      const withTerms = fc
        .array(
          fc.oneof(text, fc.constantFrom('a.b*c', 'A.B*C', '(war)', '(WAR)', 'x|y+', '[북중]', 'abbbc', 'x', 'y')),
          {
            maxLength: 6,
          },
        )
        .map((pieces) => pieces.join(' '));
      fc.assert(fc.property(withTerms, compare(TOPIC_IDS, customTerms)), { numRuns: 500 });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'finds the same hits in a slice of a text as in the slice on its own',
    () => {
      const keys = [...new Set(NAME_TEXTS.map(nameKey))];
      const automaton = new PatternAutomaton(keys);
      const hits = (input: string, from?: number, to?: number): number[][] => {
        const found: number[][] = [];
        automaton.run(input, (pattern, start, end) => found.push([pattern, start, end]), from, to);
        return found.sort((a, b) => a[1]! - b[1]! || a[2]! - b[2]! || a[0]! - b[0]!);
      };
      fc.assert(
        fc.property(text, text, text, (before, middle, after) => {
          const shifted = hits(middle).map(([pattern, start, end]) => [
            pattern!,
            start! + before.length,
            end! + before.length,
          ]);
          expect(hits(before + middle + after, before.length, before.length + middle.length)).toEqual(shifted);
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('the prefilter', () => {
  /**
   * What the content script relies on to skip most of a page: fed a page's text nodes one after
   * another (any text before, the run cut anywhere), the prefilter reports a hit in a piece that
   * overlaps every mention `scan` finds. A miss here would be a mention never marked.
   */
  it(
    'hits inside every mention the matcher finds, however the text is cut into pieces',
    () => {
      const matcher = compileMatcher(TOPIC_NAMES, { enabledTopics: TOPIC_IDS, guards: NAME_GUARDS });
      fc.assert(
        fc.property(text, text, fc.array(fc.nat(), { maxLength: 6 }), (before, run, cutSeeds) => {
          const whole = before + run;
          const cuts = [...new Set([before.length, ...cutSeeds.map((seed) => seed % (whole.length + 1))])].sort(
            (a, b) => a - b,
          );
          const bounds = [0, ...cuts.filter((cut) => cut > 0 && cut < whole.length), whole.length];
          const hitPieces: [number, number][] = [];
          let state = 0;
          for (let index = 0; index + 1 < bounds.length; index++) {
            const result = matcher.prefilter.feed(whole, state, bounds[index], bounds[index + 1]);
            if ((result & HIT_FLAG) !== 0) hitPieces.push([bounds[index]!, bounds[index + 1]!]);
            state = result & ~HIT_FLAG;
          }
          for (const match of matcher.scan(run).matches) {
            const start = before.length + match.start;
            const end = before.length + match.end;
            expect(
              hitPieces.some(([from, to]) => from < end && to > start),
              JSON.stringify({ whole, match }),
            ).toBe(true);
          }
        }),
        { numRuns: 1000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('says nothing about text without a name', () => {
    const matcher = compileMatcher(TOPIC_NAMES, { enabledTopics: CORE_TOPIC_IDS, guards: NAME_GUARDS });
    const quiet = 'China and North Korea signed a trade deal; Vietnam said nothing about the warriors.';
    expect(matcher.prefilter.feed(quiet, 0) & HIT_FLAG).toBe(0);
    expect(matcher.prefilter.feed('the Korean War ended', 0) & HIT_FLAG).toBe(HIT_FLAG);
  });
});
