/**
 * The names of every topic, in English, Korean, Chinese (simplified and traditional), Japanese
 * and Vietnamese, with the context rules for the ambiguous ones. This is the only part of the
 * knowledge base the content script ships; sources are in shared/knowledge-notes.md.
 *
 * How names are matched (src/matching): case, dashes, spaces, soft hyphens, apostrophes, middle
 * dots and Latin diacritics are folded, and a dash counts as a space. So one entry covers
 * "Kim Il-sung" and "Kim Il Sung", "6·25 전쟁" and "6.25 전쟁", "Chiến tranh Triều Tiên" with or
 * without tones; entries that would fold to the same key are not listed twice (a unit test checks).
 * In Korean names a space next to a Hangul or Han character is optional ("6·25전쟁" is matched by
 * "6·25 전쟁"), but a space cannot be added, so both spacings are listed where both are common.
 *
 * A name is `needsContext` when it is also used for something else: it then counts only where the
 * page shows cues for the topic's parties and its sentence names none of the listed others.
 */

import type { NameLang, TopicId, TopicName, TopicNames } from './types';

function names(lang: NameLang, texts: readonly string[], needsContext = false): TopicName[] {
  return texts.map((text) => (needsContext ? { text, lang, needsContext } : { text, lang }));
}

function combine(prefixes: readonly string[], suffixes: readonly string[]): string[] {
  return prefixes.flatMap((prefix) => suffixes.map((suffix) => `${prefix} ${suffix}`));
}

// Page cues. A cue is found like a name (folded, word-bounded in Latin script, a substring in CJK).
// Unambiguous names of a topic count as its cues too (see src/matching/context.ts).

const CHINA_CUES: readonly string[] = [
  'China',
  'Chinese',
  'PRC',
  'P.R.C.',
  'Beijing',
  'Peking',
  'Mao',
  'Zhou Enlai',
  'Deng Xiaoping',
  'Xi Jinping',
  'Sino-North Korean',
  'Sino-DPRK',
  'Sino-Vietnamese',
  // zh (both scripts), ja
  '中国',
  '中國',
  '中华',
  '中華',
  '北京',
  '中共',
  '中朝',
  '中越',
  // ko
  '중국',
  '베이징',
  '북중',
  '조중',
  '중공',
  '중월',
  // vi
  'Trung Quốc',
  'Bắc Kinh',
];

const NORTH_KOREA_CUES: readonly string[] = [
  'North Korea',
  'North Korean',
  'North Koreans',
  'N. Korea',
  'DPRK',
  'D.P.R.K.',
  "Democratic People's Republic of Korea",
  'Pyongyang',
  'Kim Il-sung',
  'Kim Jong-il',
  'Kim Jong-un',
  'Sino-North Korean',
  'Sino-DPRK',
  // zh, ja
  '朝鲜',
  '朝鮮',
  '北韩',
  '北韓',
  '平壤',
  '平壌',
  '金日成',
  '金正日',
  '金正恩',
  // ko (not 김정은: that is also an actress's name, and a name of its own topic that needs context)
  '북한',
  '조선',
  '평양',
  '김일성',
  '김정일',
  '북중',
  '조중',
  // vi
  'Triều Tiên',
  'Bình Nhưỡng',
];

const VIETNAM_CUES: readonly string[] = [
  'Vietnam',
  'Viet Nam',
  'Vietnamese',
  'Hanoi',
  'Viet Minh',
  'Sino-Vietnamese',
  // zh, ja
  '越南',
  '中越',
  '河内',
  '河內',
  'ベトナム',
  // ko
  '베트남',
  '월남',
  '중월',
  // vi ('Việt Nam' folds to 'Viet Nam' above)
  'Hà Nội',
];

// Other parties. Not 'US' (it would fold to the pronoun "us") and not the Vietnamese 'Mỹ' (it
// folds to "my"); 'Hoa Kỳ' says the United States in Vietnamese.

/** Who else signed a treaty with a confusable name, or a "mutual defence" / "friendship" treaty. */
const TREATY_OTHER_PARTIES: readonly string[] = [
  // the Soviet–North Korean treaty (6 July 1961), the Sino-Soviet treaty (1950)
  'Soviet',
  'Soviets',
  'USSR',
  'U.S.S.R.',
  'Moscow',
  'Kremlin',
  'Khrushchev',
  'Stalin',
  // the Russia–North Korea treaty (2024)
  'Russia',
  'Russian',
  'Russians',
  'Putin',
  // other treaties of 1961
  'Antarctic',
  'Antarctica',
  'Vienna',
  // mutual defence treaties of the US with South Korea (1953), Japan (1960), the ROC (1954), the Philippines
  'United States',
  'U.S.',
  'American',
  'Washington',
  'South Korea',
  'South Korean',
  'ROK',
  'Seoul',
  'Japan',
  'Japanese',
  'Tokyo',
  'Philippines',
  'Taiwan',
  '1953',
  '1954',
  '1960',
  // the Soviet–Vietnamese friendship treaty (1978)
  'Vietnam',
  'Vietnamese',
  'Hanoi',
  // ko
  '소련',
  '러시아',
  '모스크바',
  '미국',
  '한미',
  '일본',
  '남극',
  // zh
  '苏联',
  '蘇聯',
  '俄罗斯',
  '俄羅斯',
  '莫斯科',
  '美国',
  '美國',
  '日本',
  '南极',
  '南極',
  '维也纳',
  '維也納',
  // ja
  'ソ連',
  'ソビエト',
  'ロシア',
  'アメリカ',
  '米国',
  'ウィーン',
  // vi
  'Liên Xô',
  'Nga',
  'Hoa Kỳ',
  'Nhật Bản',
  'Nam Cực',
];

/** Other wars called "the Forgotten War". "The Korean conflict" has no such list: see below. */
const FORGOTTEN_WAR_OTHERS: readonly string[] = ['Burma', 'Burmese', 'Myanmar', 'Yemen', 'Afghanistan', 'Sudan'];

/** Other wars of 1979, earlier China–Vietnam wars, and a feared future one at sea. */
const OTHER_1979_AND_CHINA_VIETNAM_WARS: readonly string[] = [
  'Uganda',
  'Tanzania',
  'Afghanistan',
  'Iran',
  'Iraq',
  'Yemen',
  'Rhodesia',
  'Chad',
  'Egypt',
  'Israel',
  'South China Sea',
  'Paracel',
  'Spratly',
  'Ming',
  'Qing',
  'Yuan dynasty',
  'Song dynasty',
  'Tang dynasty',
  'Han dynasty',
  'Mongol',
  'Mongols',
  '南海',
  '明朝',
  '清朝',
  '宋朝',
  'Biển Đông',
];

const CORE: readonly TopicNames[] = [
  {
    id: 'korean-war',
    core: true,
    displayName: 'Korean War',
    names: [
      ...names('en', [
        'Korean War',
        'Fatherland Liberation War',
        'War to Resist U.S. Aggression and Aid Korea',
        'War to Resist US Aggression and Aid Korea',
        'War to Resist America and Aid Korea',
        '6.25 War',
      ]),
      // "The Korean conflict" also names the whole division since 1945; "the Forgotten War" other wars.
      ...names('en', ['Korean Conflict', 'Forgotten War'], true),
      // '한국 전쟁' also matches 한국전쟁, '6·25 전쟁' also 6.25전쟁 (see the module comment).
      ...names('ko', ['한국 전쟁', '6·25 전쟁', '육이오 전쟁', '조국해방전쟁', '조선전쟁']),
      ...names('zh-Hans', ['朝鲜战争', '抗美援朝战争', '抗美援朝', '韩战']),
      ...names('zh-Hant', ['朝鮮戰爭', '抗美援朝戰爭', '韓戰']),
      ...names('ja', ['朝鮮戦争']),
      ...names('vi', ['Chiến tranh Triều Tiên']),
    ],
    context: {
      pageMustMention: [CHINA_CUES, NORTH_KOREA_CUES],
      sentenceMustNotMention: FORGOTTEN_WAR_OTHERS,
    },
  },
  {
    id: 'sino-north-korean-treaty',
    core: true,
    displayName: '1961 Sino-North Korean Treaty',
    names: [
      ...names('en', [
        'Sino-North Korean Mutual Aid and Cooperation Friendship Treaty',
        'Sino-North Korean Mutual Aid and Friendship Treaty',
        ...combine(
          [
            'Treaty of Friendship, Co-operation and Mutual Assistance',
            'Treaty of Friendship, Cooperation and Mutual Assistance',
          ],
          [
            'between China and North Korea',
            "between the People's Republic of China and the Democratic People's Republic of Korea",
            'between the PRC and the DPRK',
          ],
        ),
        ...combine(
          ['Sino-North Korean', 'China-North Korea', 'North Korea-China', 'Sino-DPRK', 'China-DPRK', 'DPRK-China'],
          ['friendship treaty', 'mutual defense treaty', 'mutual defence treaty'],
        ),
      ]),
      // Without "the": "China's 1961 treaty with Pyongyang" and "its friendship treaty" are mentions too.
      ...names(
        'en',
        [
          '1961 treaty',
          'friendship treaty',
          'mutual defense treaty',
          'mutual defence treaty',
          'Treaty of Friendship, Co-operation and Mutual Assistance',
          'Treaty of Friendship, Cooperation and Mutual Assistance',
        ],
        true,
      ),
      ...names('ko', ['조중우호, 협조 및 호상원조에 관한 조약', '북중 우호조약', '북중우호협력상호원조조약']),
      ...names('zh-Hans', ['中朝友好合作互助条约', '中华人民共和国和朝鲜民主主义人民共和国友好合作互助条约']),
      ...names('zh-Hant', ['中朝友好合作互助條約', '中華人民共和國和朝鮮民主主義人民共和國友好合作互助條約']),
      ...names('ja', ['中朝友好協力相互援助条約']),
    ],
    context: {
      pageMustMention: [CHINA_CUES, NORTH_KOREA_CUES],
      sentenceMustNotMention: TREATY_OTHER_PARTIES,
    },
  },
  {
    id: 'sino-vietnamese-war',
    core: true,
    displayName: '1979 Sino-Vietnamese War',
    names: [
      ...names('en', [
        'Sino-Vietnamese War',
        '1979 Sino-Vietnamese War',
        'Sino-Vietnamese War of 1979',
        'Sino-Vietnamese border war',
        '1979 China-Vietnam War',
        'China-Vietnam War of 1979',
        'China-Vietnam border war',
        'Vietnam-China border war',
        "China's 1979 invasion of Vietnam",
        '1979 Chinese invasion of Vietnam',
      ]),
      // "A China–Vietnam war" is also the feared next one over the South China Sea, and China fought
      // Vietnam under the Song, Yuan and Ming: only the year or the context makes it this war.
      ...names(
        'en',
        ['China-Vietnam War', 'Vietnam-China War', 'Chinese invasion of Vietnam', '1979 war', '1979 border war'],
        true,
      ),
      ...names('zh-Hans', ['中越战争', '对越自卫反击战', '中越边境战争']),
      ...names('zh-Hant', ['中越戰爭', '對越自衛反擊戰', '中越邊境戰爭']),
      ...names('ja', ['中越戦争']),
      ...names('ko', ['중월전쟁', '중국-베트남 전쟁']),
      ...names('vi', [
        'Chiến tranh biên giới Việt–Trung',
        'Chiến tranh biên giới Việt–Trung 1979',
        'Chiến tranh bảo vệ biên giới phía Bắc',
        'Chiến tranh biên giới phía Bắc',
      ]),
    ],
    context: {
      pageMustMention: [CHINA_CUES, VIETNAM_CUES],
      sentenceMustNotMention: OTHER_1979_AND_CHINA_VIETNAM_WARS,
    },
  },
];

const RELATED: readonly TopicNames[] = [
  {
    id: 'chinese-intervention',
    core: false,
    displayName: 'Chinese intervention in the Korean War',
    names: [
      ...names('en', [
        'Chinese intervention in the Korean War',
        "Chinese People's Volunteers",
        "Chinese People's Volunteer Army",
      ]),
      // CPV is also the Communist Party of Vietnam (and "cost per view").
      ...names('en', ['CPV', "People's Volunteer Army"], true),
      ...names('zh-Hans', ['中国人民志愿军', '抗美援朝出国作战']),
      ...names('zh-Hant', ['中國人民志願軍', '抗美援朝出國作戰']),
    ],
    context: {
      pageMustMention: [CHINA_CUES, NORTH_KOREA_CUES],
      sentenceMustNotMention: ['Vietnam', 'Vietnamese'],
    },
  },
  {
    id: 'kim-il-sung',
    core: false,
    displayName: 'Kim Il-sung',
    names: [...names('en', ['Kim Il-sung']), ...names('ko', ['김일성']), ...names('zh-Hans', ['金日成'])],
    context: { pageMustMention: [NORTH_KOREA_CUES], sentenceMustNotMention: [] },
  },
  {
    id: 'mao-zedong',
    core: false,
    displayName: 'Mao Zedong',
    names: [
      ...names('en', ['Mao Zedong', 'Mao Tse-tung', 'Chairman Mao']),
      ...names('zh-Hans', ['毛泽东']),
      ...names('zh-Hant', ['毛澤東']),
      ...names('ko', ['마오쩌둥']),
      ...names('ja', ['毛沢東']),
      ...names('vi', ['Mao Trạch Đông']),
    ],
    context: { pageMustMention: [CHINA_CUES], sentenceMustNotMention: [] },
  },
  {
    id: 'cultural-revolution',
    core: false,
    displayName: 'Cultural Revolution',
    names: [
      ...names('en', ['Great Proletarian Cultural Revolution']),
      ...names('zh-Hans', ['文化大革命']),
      ...names('ko', ['문화대혁명']),
      // "A cultural revolution" at a company, in Vietnamese too; 文革 is two characters (see NAME_GUARDS).
      ...names('en', ['Cultural Revolution'], true),
      ...names('zh-Hans', ['文革'], true),
      ...names('vi', ['Cách mạng Văn hóa'], true),
    ],
    // Iran had a Cultural Revolution of its own (1980–1983).
    context: { pageMustMention: [CHINA_CUES], sentenceMustNotMention: ['Iran', 'Iranian'] },
  },
  {
    id: 'workers-party-of-korea',
    core: false,
    displayName: "Workers' Party of Korea",
    names: [
      ...names('en', [
        "Workers' Party of Korea",
        'Workers Party of Korea',
        "Korean Workers' Party",
        'Korean Workers Party',
      ]),
      ...names('en', ['WPK', 'KWP'], true),
      ...names('ko', ['조선로동당']),
    ],
    context: { pageMustMention: [NORTH_KOREA_CUES], sentenceMustNotMention: [] },
  },
  {
    id: 'first-indochina-war',
    core: false,
    displayName: 'First Indochina War',
    names: [
      ...names('en', ['First Indochina War', 'First Indo-China War', 'French Indochina War']),
      ...names('vi', ['Kháng chiến chống Pháp']),
    ],
    context: { pageMustMention: [VIETNAM_CUES], sentenceMustNotMention: [] },
  },
  {
    id: 'kim-jong-un',
    core: false,
    displayName: 'Kim Jong-un',
    names: [
      ...names('en', ['Kim Jong-un']),
      ...names('zh-Hans', ['金正恩']),
      // 김정은 is also a South Korean actress.
      ...names('ko', ['김정은'], true),
    ],
    context: { pageMustMention: [NORTH_KOREA_CUES], sentenceMustNotMention: ['배우', '드라마', '영화'] },
  },
];

/** Every topic, core first, in the order of `TOPIC_IDS`. */
export const TOPIC_NAMES: readonly TopicNames[] = [...CORE, ...RELATED];

/**
 * Longer strings that contain a short CJK name by accident and must not be marked. They take
 * part in leftmost-longest selection like names, so they win over the name inside them, and mark
 * nothing: 北韓戰略 is "North Korea's strategy" (北韓 + 戰略), not 韓戰 "the Korean War"; 人文革新
 * is "humanities innovation", not 文革.
 */
export const NAME_GUARDS: readonly string[] = [
  ...['略', '機', '鬥', '術', '艦', '力', '車', '備', '區'].map((char) => `韓戰${char}`),
  ...['略', '机', '斗', '术', '舰', '力', '车', '备', '区'].map((char) => `韩战${char}`),
  '文革新',
];

export function topicNamesById(id: TopicId): TopicNames {
  const topic = TOPIC_NAMES.find((candidate) => candidate.id === id);
  if (topic === undefined) throw new Error(`unknown topic ${id}`);
  return topic;
}
