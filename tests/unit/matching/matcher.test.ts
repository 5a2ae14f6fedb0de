import { describe, expect, it } from 'vitest';
import { NAME_GUARDS, TOPIC_NAMES } from '../../../src/knowledge/names';
import { CORE_TOPIC_IDS, TOPIC_IDS, type TopicId } from '../../../src/knowledge/types';
import { compileMatcher, createTopicMatcher, type Matcher, spacingVariants } from '../../../src/matching';

const core = createTopicMatcher(CORE_TOPIC_IDS);
const all = createTopicMatcher(TOPIC_IDS);

/** What each match covers in the text, with its topic. */
function found(matcher: Matcher, text: string): [string, TopicId][] {
  return matcher.scan(text).matches.map((match) => [text.slice(match.start, match.end), match.topic]);
}

describe('Latin-script names', () => {
  it.each([
    ['plain', 'He fought in the Korean War as a boy.', 'Korean War'],
    ['possessive', "the Korean War's legacy", 'Korean War'],
    ['possessive with a curly apostrophe', 'the Korean War’s legacy', 'Korean War'],
    ['compound with a hyphen', 'Korean War-era veterans', 'Korean War'],
    ['compound with a prefix', 'the post-Korean War order', 'Korean War'],
    ['memorial', 'the Korean War Veterans Memorial', 'Korean War'],
    ['line break', 'the Korean\nWar', 'Korean\nWar'],
    ['CRLF and indentation', 'the Korean\r\n      War', 'Korean\r\n      War'],
    ['no-break space', 'the Korean\u00a0War', 'Korean\u00a0War'],
    ['narrow no-break space', 'the Korean\u202fWar', 'Korean\u202fWar'],
    ['soft hyphen', 'the Ko\u00adrean War', 'Ko\u00adrean War'],
    ['zero-width space', 'the Korean\u200b War', 'Korean\u200b War'],
    ['upper case', 'THE KOREAN WAR', 'KOREAN WAR'],
    ['lower case', 'the korean war', 'korean war'],
    ['in parentheses', '(Korean War)', 'Korean War'],
    ['next to CJK text', '在Korean War期间', 'Korean War'],
    ['before a Korean particle', 'Korean War는', 'Korean War'],
  ])('finds the Korean War: %s', (_, text, expected) => {
    expect(found(core, text)).toEqual([[expected, 'korean-war']]);
  });

  it.each([
    ['Korean Warriors'],
    ['Korean warfare'],
    ['Korean wartime'],
    ['Korean Wars'],
    ['Korean War\u00adriors'],
    ['xKorean War'],
    ['ÉKorean War'],
    ['Korean Warъ'],
  ])('does not take %s for the Korean War', (text) => {
    expect(found(all, text)).toEqual([]);
  });

  it('matches dashes of every kind and a dash for a space', () => {
    for (const dash of [
      '-',
      '\u2010',
      '\u2011',
      '\u2012',
      '\u2013',
      '\u2014',
      '\u2015',
      '\u2212',
      '\ufe58',
      '\ufe63',
      '\uff0d',
    ]) {
      expect(found(core, `the Sino${dash}Vietnamese War`)).toEqual([
        [`Sino${dash}Vietnamese War`, 'sino-vietnamese-war'],
      ]);
    }
    expect(found(core, 'the Sino Vietnamese War')).toEqual([['Sino Vietnamese War', 'sino-vietnamese-war']]);
    expect(found(core, 'China\u2013North Korea friendship treaty')).toEqual([
      ['China\u2013North Korea friendship treaty', 'sino-north-korean-treaty'],
    ]);
    expect(found(core, 'China – North Korea friendship treaty')).toEqual([
      ['China – North Korea friendship treaty', 'sino-north-korean-treaty'],
    ]);
    expect(found(all, 'Kim Il Sung and KIM IL-SUNG')).toEqual([
      ['Kim Il Sung', 'kim-il-sung'],
      ['KIM IL-SUNG', 'kim-il-sung'],
    ]);
  });

  it('takes the longest of overlapping names, leftmost first', () => {
    expect(found(core, 'the 1979 Sino-Vietnamese War')).toEqual([['1979 Sino-Vietnamese War', 'sino-vietnamese-war']]);
    expect(found(all, 'Chinese intervention in the Korean War')).toEqual([
      ['Chinese intervention in the Korean War', 'chinese-intervention'],
    ]);
    // With the related topic off, the war's own name inside it is what remains.
    expect(found(core, 'Chinese intervention in the Korean War')).toEqual([['Korean War', 'korean-war']]);
    expect(found(core, '抗美援朝战争')).toEqual([['抗美援朝战争', 'korean-war']]);
    expect(found(all, '抗美援朝出国作战')).toEqual([['抗美援朝出国作战', 'chinese-intervention']]);
    expect(found(core, '抗美援朝出国作战')).toEqual([['抗美援朝', 'korean-war']]);
  });

  it('finds several names in one run, sorted and not overlapping', () => {
    const text =
      'After the Korean War and the 1961 Sino-North Korean Mutual Aid and Friendship Treaty came the Sino-Vietnamese War.';
    expect(found(core, text)).toEqual([
      ['Korean War', 'korean-war'],
      ['Sino-North Korean Mutual Aid and Friendship Treaty', 'sino-north-korean-treaty'],
      ['Sino-Vietnamese War', 'sino-vietnamese-war'],
    ]);
  });

  it('finds names with diacritics, precomposed or not, and typed without tones', () => {
    expect(found(core, 'Chiến tranh Triều Tiên')).toEqual([['Chiến tranh Triều Tiên', 'korean-war']]);
    const decomposed = 'Chie\u0302\u0301n tranh Trie\u0302\u0300u Tie\u0302n';
    expect(found(core, decomposed)).toEqual([[decomposed, 'korean-war']]);
    expect(found(core, 'chien tranh trieu tien')).toEqual([['chien tranh trieu tien', 'korean-war']]);
    // A trailing combining mark belongs to the name's last letter.
    expect(found(all, 'Cách mạng Văn hoa\u0301.')).toEqual([['Cách mạng Văn hoa\u0301', 'cultural-revolution']]);
  });

  it('finds a name written with a ligature or in fullwidth letters', () => {
    expect(found(core, 'the Korean Conﬂict')).toEqual([['Korean Conﬂict', 'korean-war']]);
    expect(found(core, 'ＫＯＲＥＡＮ ＷＡＲ')).toEqual([['ＫＯＲＥＡＮ ＷＡＲ', 'korean-war']]);
  });

  it('reports offsets into the original text', () => {
    const text = '\u00adA\u00a0line: the Ko\u00adrean\n War\u2019s end';
    const [match] = core.scan(text).matches;
    expect(match).toBeDefined();
    expect(text.slice(match!.start, match!.end)).toBe('Ko\u00adrean\n War');
  });
});

describe('CJK names match as substrings', () => {
  it.each([
    ['ko', '한국전쟁은 1950년에 시작되었다', '한국전쟁', 'korean-war'],
    ['ko, spaced', '한국 전쟁 당시', '한국 전쟁', 'korean-war'],
    ['ko, 6·25', '6·25 전쟁 때', '6·25 전쟁', 'korean-war'],
    ['ko, 6.25 unspaced', '6.25전쟁 당시', '6.25전쟁', 'korean-war'],
    ['ko, north', '조국해방전쟁 승리', '조국해방전쟁', 'korean-war'],
    ['ko, treaty', '북중우호협력상호원조조약을 체결했다', '북중우호협력상호원조조약', 'sino-north-korean-treaty'],
    ['ko, 1979', '중월전쟁과 북한', '중월전쟁', 'sino-vietnamese-war'],
    ['zh-Hans', '在朝鲜战争期间', '朝鲜战争', 'korean-war'],
    ['zh-Hant', '在朝鮮戰爭期間', '朝鮮戰爭', 'korean-war'],
    ['zh-Hant, Taiwan', '韓戰爆發', '韓戰', 'korean-war'],
    ['zh-Hans, treaty', '签订中朝友好合作互助条约', '中朝友好合作互助条约', 'sino-north-korean-treaty'],
    ['zh-Hant, treaty', '簽訂中朝友好合作互助條約', '中朝友好合作互助條約', 'sino-north-korean-treaty'],
    ['zh-Hans, 1979', '对越自卫反击战中', '对越自卫反击战', 'sino-vietnamese-war'],
    ['zh-Hant, 1979', '中越戰爭後', '中越戰爭', 'sino-vietnamese-war'],
    ['ja', '朝鮮戦争では', '朝鮮戦争', 'korean-war'],
    ['ja, treaty', '中朝友好協力相互援助条約を結んだ', '中朝友好協力相互援助条約', 'sino-north-korean-treaty'],
    ['ja, 1979', '中越戦争の後', '中越戦争', 'sino-vietnamese-war'],
    ['ja, fullwidth digits', '６・２５戦争', undefined, undefined],
    ['vi', 'trong Chiến tranh biên giới Việt–Trung năm 1979', 'Chiến tranh biên giới Việt–Trung 1979', undefined],
    [
      'vi, 1979',
      'Chiến tranh bảo vệ biên giới phía Bắc',
      'Chiến tranh bảo vệ biên giới phía Bắc',
      'sino-vietnamese-war',
    ],
  ])('%s', (_, text, expected, topic) => {
    if (expected === undefined) {
      expect(found(core, text)).toEqual([]);
    } else if (topic === undefined) {
      // "...Việt–Trung năm 1979": the longer name does not match, the shorter one does.
      expect(found(core, text)).toEqual([['Chiến tranh biên giới Việt–Trung', 'sino-vietnamese-war']]);
    } else {
      expect(found(core, text)).toEqual([[expected, topic]]);
    }
  });

  it('lets a guard win over a short name inside a longer word', () => {
    expect(found(core, '北韓戰略與南韓戰機')).toEqual([]);
    expect(found(core, '韓戰爆發')).toEqual([['韓戰', 'korean-war']]);
    expect(found(all, '人文革新')).toEqual([]);
    expect(found(all, '文革期间')).toEqual([['文革', 'cultural-revolution']]);
  });

  it('makes spaces next to CJK characters optional, not the other way round', () => {
    expect(spacingVariants('6.25 전쟁')).toEqual(['6.25 전쟁', '6.25전쟁']);
    expect(spacingVariants('korean war')).toEqual(['korean war']);
    expect(found(core, '중국-베트남 전쟁, 중국-베트남전쟁, 중국베트남전쟁').map(([text]) => text)).toEqual([
      '중국-베트남 전쟁',
      '중국-베트남전쟁',
      '중국베트남전쟁',
    ]);
  });
});

describe('custom terms', () => {
  it('matches custom terms as literal text, regex metacharacters included', () => {
    const terms = ['a.b*c', '(KW)', '[1950]', '$100+', 'x|y', 'Yalu^River?', '\\d+'];
    const matcher = compileMatcher(TOPIC_NAMES, {
      enabledTopics: CORE_TOPIC_IDS,
      customTerms: terms.map((text) => ({ topic: 'korean-war' as const, text })),
    });
    for (const term of terms) {
      expect(found(matcher, `see ${term} here`)).toEqual([[term, 'korean-war']]);
    }
    expect(found(matcher, 'aXbbbc (KW (K) 1950 $100 x y YaluRiver 42')).toEqual([]);
  });

  it('folds a custom term like a name', () => {
    const matcher = compileMatcher(TOPIC_NAMES, {
      enabledTopics: ['korean-war'],
      customTerms: [{ topic: 'korean-war', text: 'Battle of Chosin Reservoir' }],
    });
    expect(found(matcher, 'the BATTLE OF CHOSIN\u00a0RESERVOIR')).toEqual([
      ['BATTLE OF CHOSIN\u00a0RESERVOIR', 'korean-war'],
    ]);
  });

  it('ignores custom terms of disabled topics and terms with nothing to match', () => {
    const matcher = compileMatcher(TOPIC_NAMES, {
      enabledTopics: ['korean-war'],
      customTerms: [
        { topic: 'mao-zedong', text: 'Great Helmsman' },
        { topic: 'korean-war', text: ' - ' },
        { topic: 'korean-war', text: '\u00ad' },
      ],
    });
    expect(found(matcher, 'the Great Helmsman - said')).toEqual([]);
  });

  it('keeps a built-in name for its own topic when a custom term repeats it', () => {
    const matcher = compileMatcher(TOPIC_NAMES, {
      enabledTopics: TOPIC_IDS,
      customTerms: [{ topic: 'mao-zedong', text: 'korean war' }],
    });
    expect(found(matcher, 'Korean War')).toEqual([['Korean War', 'korean-war']]);
  });
});

describe('topic selection', () => {
  it('matches only enabled topics', () => {
    expect(found(core, 'Kim Il-sung and Mao Zedong')).toEqual([]);
    const onlyMao = compileMatcher(TOPIC_NAMES, { enabledTopics: ['mao-zedong'] });
    expect(found(onlyMao, 'Kim Il-sung, Mao Zedong and the Korean War')).toEqual([['Mao Zedong', 'mao-zedong']]);
  });

  it('returns nothing for an empty run or a matcher with no topics', () => {
    expect(core.scan('').matches).toEqual([]);
    const none = compileMatcher(TOPIC_NAMES, { enabledTopics: [] });
    expect(none.scan('Korean War').matches).toEqual([]);
  });

  it('can scan with the guards of the knowledge base', () => {
    const matcher = compileMatcher(TOPIC_NAMES, { enabledTopics: ['korean-war'], guards: NAME_GUARDS });
    expect(found(matcher, '北韓戰略')).toEqual([]);
  });
});
