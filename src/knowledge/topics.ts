/**
 * The prose of the cards: one per topic id. Pure data, loaded only when a card first opens.
 *
 * Editorial rules (from `knowledge-notes.md`): summaries and explanations are in the project's
 * own words; only `Quote` texts are the article's, word for word, with the paragraph they come
 * from. Facts that no reliable source confirms are left out or attributed to the article.
 * Casualty figures appear only as ranges whose ends name their source.
 */
import type { CasualtyFigure, FactCheck, KeyFact, SourceLink, TopicCard, TopicId } from './types';
import { TOPIC_IDS } from './types';

const SOURCES = {
  wikiKoreanWar: { label: 'Wikipedia: Korean War', url: 'https://en.wikipedia.org/wiki/Korean_War' },
  chinaDaily2010: {
    label: 'China Daily (October 2010)',
    url: 'https://www.chinadaily.com.cn/china/2010-10/27/content_11464968.htm',
  },
  peoplesDaily2020: {
    label: 'People’s Daily Online (October 2020)',
    url: 'https://en.people.cn/n3/2020/1023/c90000-9772499.html',
  },
  xinhua2022: {
    label: 'Xinhua (October 2022, in Chinese)',
    url: 'https://news.cn/politics/2022-10/25/c_1129078861.htm',
  },
  yonhap2022: {
    label: 'Yonhap News Agency (September 2022)',
    url: 'https://en.yna.co.kr/view/AEN20220913004500325',
  },
  wikiDelury: { label: 'Wikipedia: John Delury', url: 'https://en.wikipedia.org/wiki/John_Delury' },
  wikiTreaty: {
    label: 'Wikipedia: Sino-North Korean Mutual Aid and Cooperation Friendship Treaty',
    url: 'https://en.wikipedia.org/wiki/Sino-North_Korean_Mutual_Aid_and_Cooperation_Friendship_Treaty',
  },
  upi2021: {
    label: 'UPI (7 July 2021)',
    url: 'https://www.upi.com/Top_News/World-News/2021/07/07/China-stands-by-mutual-defense-treaty-with-North-Korea-after-60-years/8851625677806/',
  },
  globalTimes2021: {
    label: 'Global Times (July 2021)',
    url: 'https://www.globaltimes.cn/page/202107/1228071.shtml',
  },
  nkNews2020: {
    label: 'NK News (July 2020)',
    url: 'https://www.nknews.org/2020/07/friends-forever-the-china-dprk-defense-treaty-turns-59/',
  },
  wikiSinoVietnameseWar: {
    label: 'Wikipedia: Sino-Vietnamese War',
    url: 'https://en.wikipedia.org/wiki/Sino-Vietnamese_War',
  },
  wilson1967: {
    label: 'Wilson Center Digital Archive: Soviet embassy report on the DPRK and the Cultural Revolution (March 1967)',
    url: 'https://digitalarchive.wilsoncenter.org/document/dprk-attitude-toward-so-called-cultural-revolution-china',
  },
  wikiVolunteers: {
    label: 'Wikipedia: People’s Volunteer Army',
    url: 'https://en.wikipedia.org/wiki/People%27s_Volunteer_Army',
  },
  wikiKimIlSung: { label: 'Wikipedia: Kim Il Sung', url: 'https://en.wikipedia.org/wiki/Kim_Il_Sung' },
  wikiMao: { label: 'Wikipedia: Mao Zedong', url: 'https://en.wikipedia.org/wiki/Mao_Zedong' },
  wikiCulturalRevolution: {
    label: 'Wikipedia: Cultural Revolution',
    url: 'https://en.wikipedia.org/wiki/Cultural_Revolution',
  },
  wikiWpk: {
    label: 'Wikipedia: Workers’ Party of Korea',
    url: 'https://en.wikipedia.org/wiki/Workers%27_Party_of_Korea',
  },
  wikiFirstIndochinaWar: {
    label: 'Wikipedia: First Indochina War',
    url: 'https://en.wikipedia.org/wiki/First_Indochina_War',
  },
  wikiKimJongUn: { label: 'Wikipedia: Kim Jong Un', url: 'https://en.wikipedia.org/wiki/Kim_Jong_Un' },
  wikiJangSongThaek: {
    label: 'Wikipedia: Jang Song-thaek',
    url: 'https://en.wikipedia.org/wiki/Jang_Song-thaek',
  },
} as const satisfies Record<string, SourceLink>;

// Shared by the Korean War and the intervention cards: the article's most visible factual slip.
const YALU_DATE_CHECK: FactCheck = {
  heading: 'When Chinese troops crossed the Yalu',
  claim: {
    by: 'article',
    quote: { text: 'Chinese troops crossed the\u00a0Yalu River on October 1, 1950', paragraph: 2 },
  },
  record:
    'The Chinese People’s Volunteers began crossing the Yalu on the evening of 19 October 1950 and fought ' +
    'their first battle on 25 October 1950, the date China commemorates. On 1 October 1950 it was South ' +
    'Korean forces that crossed the 38th parallel northward, a day South Korea now marks as Armed Forces ' +
    'Day; it was also the People’s Republic of China’s first National Day.',
  sources: [SOURCES.peoplesDaily2020, SOURCES.xinhua2022, SOURCES.yonhap2022],
};

// The insult is reported only at second hand, so the cards attribute its wording to the article.
const OLD_FOOL_CHECK: FactCheck = {
  heading: 'North Korea’s reported insult of Mao',
  claim: {
    by: 'article',
    quote: { text: 'referred to Mao Zedong as “an old fool who has gone out of his mind.”', paragraph: 9 },
  },
  record:
    'This wording appears only in secondary accounts and could not be traced to a primary source, so it is ' +
    'given here as the article’s. What a primary source does record is the tone of the time: a Soviet ' +
    'embassy report of March 1967 notes North Korean leaders calling the Cultural Revolution a “great ' +
    'madness”.',
  sources: [SOURCES.wilson1967],
};

// Chinese military dead in Korea: official figures have been revised upward over time.
const KOREA_CHINESE_DEAD: KeyFact = {
  kind: 'casualties',
  label: 'Chinese military dead',
  low: figure(183_108, 'official Chinese figure, 2010'),
  high: figure(197_653, 'official Chinese figure, 2020'),
  note: 'Western estimates are higher.',
};

function figure(value: number, source: string, approximate = false): CasualtyFigure {
  return { value, approximate, source };
}

/**
 * Keyed by id so that the compiler refuses a missing card or a card filed under the wrong id.
 */
const CARDS: { readonly [Id in TopicId]: TopicCard<Id> } = {
  'korean-war': {
    id: 'korean-war',
    displayName: 'Korean War',
    core: true,
    dates: { display: '25 June 1950 – 27 July 1953', start: '1950-06-25', end: '1953-07-27' },
    summary:
      'The 1950–1953 war between North Korea, backed by China and the Soviet Union, and South Korea, ' +
      'defended by a US-led United Nations Command; it ended in an armistice, and no peace treaty has ' +
      'followed.',
    whyItMatters: {
      text:
        'China’s entry into the war is usually taken as proof of a close bond, but the article argues the ' +
        'opposite. Kim Il-sung expected to unify Korea without Chinese help, relied on Moscow and turned ' +
        'away Chinese officers who asked to survey the front. Mao fought in Korea for China’s own ' +
        'strategic aims: to confront the United States where Chinese manpower could tell and to prove ' +
        'China a great power. Neither leader acted out of trust in the other, and in the article’s account ' +
        'that hardly changed for the rest of the war and the decade after it.',
      paragraphs: [2, 4, 5, 6, 7, 8],
    },
    quotes: [
      {
        text:
          'North Korea’s first leader, Kim Il-sung, was convinced that he would not need Chinese help to ' +
          'unify the Korean Peninsula at the beginning of the Korean War in 1950.',
        paragraph: 5,
      },
      {
        text: 'they did for their own reasons, not out of any great love for the North Koreans.',
        paragraph: 7,
        via: 'David Halberstam, The Coldest Winter: America and the Korean War, as quoted in the article',
      },
    ],
    keyFacts: [
      {
        kind: 'general',
        label: 'Dates',
        value:
          '25 June 1950 to 27 July 1953, when an armistice stopped the fighting; no peace treaty has been ' +
          'signed since.',
      },
      {
        kind: 'general',
        label: 'Sides',
        value:
          'North Korea and China (the Chinese People’s Volunteers), with Soviet support, against South ' +
          'Korea and the United Nations Command, to which 21 states contributed and the United States sent ' +
          'most of the troops.',
      },
      {
        kind: 'general',
        label: 'China’s entry',
        value: 'Chinese troops began crossing the Yalu River on the evening of 19 October 1950.',
      },
      KOREA_CHINESE_DEAD,
      {
        kind: 'general',
        label: 'Other names',
        value:
          'The Fatherland Liberation War in North Korea; the War to Resist US Aggression and Aid Korea in ' +
          'China; the 6.25 War in South Korea.',
      },
    ],
    factChecks: [YALU_DATE_CHECK],
    related: ['chinese-intervention', 'kim-il-sung', 'mao-zedong', 'sino-north-korean-treaty'],
    sources: [SOURCES.wikiKoreanWar, SOURCES.chinaDaily2010, SOURCES.peoplesDaily2020, SOURCES.yonhap2022],
  },

  'sino-north-korean-treaty': {
    id: 'sino-north-korean-treaty',
    displayName: '1961 Sino-North Korean Treaty',
    core: true,
    dates: {
      display: 'Signed 11 July 1961; in force since 10 September 1961',
      start: '1961-07-11',
    },
    summary:
      'The 1961 treaty of friendship and mutual assistance between China and North Korea, which commits ' +
      'each to come to the other’s aid in war and is China’s only mutual-defence treaty.',
    whyItMatters: {
      text:
        'On paper the treaty makes China and North Korea allies, each pledged to defend the other at once ' +
        'if attacked. The article argues that in Pyongyang the paper weighs less than the record. In 1979 ' +
        'China invaded Vietnam, a partner it had supported for almost three decades, and that confirmed ' +
        'for North Korea that a treaty with Beijing guarantees little; nor, in the article’s view, did ' +
        'China’s sacrifices in the Korean War earn its trust.',
      paragraphs: [4, 9],
    },
    quotes: [
      {
        text:
          'underlined the perception that Beijing, despite Chinese intervention in the Korean War and the ' +
          'signing of the\u00a01961 Sino-North Korean Mutual Aid and Friendship Treaty, is ultimately not ' +
          'to be trusted.',
        paragraph: 4,
      },
      {
        text:
          'if there is one word that sums up the North Korean perspective on the history of their ' +
          '‘alliance’ with China, it is probably ‘betrayal.’',
        paragraph: 9,
        via: 'John Delury, as quoted in the article',
      },
    ],
    keyFacts: [
      {
        kind: 'general',
        label: 'Signed',
        value: '11 July 1961 in Beijing, by Zhou Enlai for China and Kim Il-sung for North Korea.',
      },
      { kind: 'general', label: 'In force', value: 'Since 10 September 1961.' },
      {
        kind: 'general',
        label: 'Mutual defence',
        value:
          'Under Article II, if either party is attacked and finds itself at war, the other is to give ' +
          'military and other help at once, with every means it has.',
      },
      {
        kind: 'general',
        label: 'Duration',
        value: 'Under Article VII the treaty stays in force until both parties agree to amend or end it.',
      },
      {
        kind: 'general',
        label: 'Context',
        value:
          'Days earlier, on 6 July 1961, North Korea had signed a similar treaty with the Soviet Union. ' +
          'The treaty with North Korea remains China’s only mutual-defence treaty.',
      },
    ],
    factChecks: [
      {
        heading: 'The treaty’s name',
        claim: {
          by: 'article',
          quote: { text: '1961 Sino-North Korean Mutual Aid and Friendship Treaty', paragraph: 4 },
        },
        record:
          'The formal name is the Treaty of Friendship, Co-operation and Mutual Assistance between the ' +
          'People’s Republic of China and the Democratic People’s Republic of Korea. Zhou Enlai and Kim ' +
          'Il-sung signed it in Beijing on 11 July 1961.',
        sources: [SOURCES.wikiTreaty],
      },
      {
        heading: 'Automatic renewal every 20 years',
        claim: {
          by: 'others',
          text: 'The treaty is often said to renew itself automatically every 20 years, in 1981, 2001 and 2021.',
        },
        record:
          'This is disputed. The treaty’s own Article VII keeps it in force until both parties agree to ' +
          'amend or end it, and in July 2021, sixty years after the signing, China’s foreign ministry said ' +
          'only that the treaty remains in force, without speaking of a renewal.',
        sources: [SOURCES.upi2021, SOURCES.globalTimes2021, SOURCES.nkNews2020],
      },
      {
        heading: 'Who John Delury is',
        claim: { by: 'article', quote: { text: 'Chinese historian and North Korea expert', paragraph: 9 } },
        record:
          'John Delury is an American historian of China, with a doctorate from Yale, and a professor at ' +
          'the Graduate School of International Studies of Yonsei University in Seoul.',
        sources: [SOURCES.wikiDelury],
      },
    ],
    related: ['korean-war', 'sino-vietnamese-war', 'kim-il-sung', 'chinese-intervention'],
    sources: [SOURCES.wikiTreaty, SOURCES.upi2021, SOURCES.globalTimes2021, SOURCES.nkNews2020],
  },

  'sino-vietnamese-war': {
    id: 'sino-vietnamese-war',
    displayName: '1979 Sino-Vietnamese War',
    core: true,
    dates: { display: '17 February – 16 March 1979', start: '1979-02-17', end: '1979-03-16' },
    summary:
      'A short border war in which China invaded northern Vietnam in early 1979, weeks after Vietnam had ' +
      'overthrown the Beijing-backed Khmer Rouge in Cambodia.',
    whyItMatters: {
      text:
        'This is the article’s central case, and it argues that the war’s effect on North Korean thinking ' +
        'is often overlooked. China had helped the Vietnamese communists since 1950, yet in 1979 it sent ' +
        'its army against them. In the article’s reading, Pyongyang watched Beijing attack a long-standing ' +
        'ally and concluded that Beijing could not be relied on, whatever the 1961 treaty or China’s part ' +
        'in the Korean War might suggest.',
      paragraphs: [4],
    },
    quotes: [
      {
        text:
          'In particular, the negative influence and legacy of the 1979 Sino-Vietnamese War on North ' +
          'Korean perceptions of China has been neglected.',
        paragraph: 4,
      },
      {
        text:
          'China attacking a close ally in 1979 — one which it had supported since the first Indo-China ' +
          'War in the early 1950s',
        paragraph: 4,
      },
    ],
    keyFacts: [
      {
        kind: 'general',
        label: 'Dates',
        value:
          '17 February to 16 March 1979. China announced its withdrawal on 5 March, and both sides claimed victory.',
      },
      { kind: 'general', label: 'Sides', value: 'China against Vietnam.' },
      {
        kind: 'general',
        label: 'Background',
        value:
          'Vietnam signed a treaty with the Soviet Union on 3 November 1978 and in December 1978 invaded ' +
          'Cambodia, toppling the Khmer Rouge government that Beijing supported.',
      },
      {
        kind: 'casualties',
        label: 'Chinese military dead',
        low: figure(6_954, 'lowest official Chinese figure'),
        high: figure(26_000, 'Western estimates', true),
        note: 'The highest official Chinese figure is 8,531.',
      },
      {
        kind: 'casualties',
        label: 'Vietnamese military dead',
        low: figure(30_000, 'Western estimates'),
        high: figure(35_000, 'Western estimates'),
      },
      {
        kind: 'general',
        label: 'Other names',
        value:
          'In China, the Self-Defensive Counterattack against Vietnam; in Vietnam, the war to defend the ' +
          'northern border.',
      },
    ],
    factChecks: [
      {
        heading: 'A close ally in 1979?',
        claim: { by: 'article', quote: { text: 'China attacking a close ally in 1979', paragraph: 4 } },
        record:
          'Vietnam had been China’s close ally, but by 1979 the alliance had already broken down: Hanoi ' +
          'had signed a treaty with the Soviet Union, Beijing’s rival, in November 1978 and overthrown the ' +
          'Khmer Rouge, Beijing’s partner in Cambodia, in the weeks before the invasion. The article’s ' +
          'point rests on the long alliance that came before, when China aided the Viet Minh from 1950 and ' +
          'North Vietnam through the Vietnam War.',
        sources: [SOURCES.wikiSinoVietnameseWar],
      },
    ],
    related: ['first-indochina-war', 'sino-north-korean-treaty', 'korean-war'],
    sources: [SOURCES.wikiSinoVietnameseWar],
  },

  'chinese-intervention': {
    id: 'chinese-intervention',
    displayName: 'Chinese intervention in the Korean War',
    core: false,
    dates: {
      display: 'From 19 October 1950 to the armistice of 27 July 1953',
      start: '1950-10-19',
      end: '1953-07-27',
    },
    summary:
      'China’s entry into the Korean War in October 1950, when the Chinese People’s Volunteers crossed the ' +
      'Yalu River and fought US-led UN forces in North Korea.',
    whyItMatters: {
      text:
        'Ever since the intervention, the article notes, American policymakers have treated Beijing as the ' +
        'power behind the Kim family that can steer North Korea. The article reads the intervention ' +
        'differently: Mao sent his troops to confront the United States on ground where China’s numbers ' +
        'counted and to show China as a great power, with little regard for Kim Il-sung’s regime. Help ' +
        'given on those terms bought China little gratitude in Pyongyang.',
      paragraphs: [2, 4, 6, 7],
    },
    quotes: [
      {
        text:
          'Mao in particular saw mountainous North Korea as the battlefield where the People’s Liberation ' +
          'Army could bring its distinct relative advantage — superior numbers — to bear against the ' +
          'Americans',
        paragraph: 6,
      },
      {
        text: 'numerous U.S. policymakers have been looking to Beijing as the\u00a0éminence grise of the Kim dynasty',
        paragraph: 2,
      },
    ],
    keyFacts: [
      {
        kind: 'general',
        label: 'Crossing',
        value:
          'Chinese troops began crossing the Yalu on the evening of 19 October 1950 and fought their first ' +
          'battle on 25 October 1950, the date China commemorates.',
      },
      { kind: 'general', label: 'Commander', value: 'Peng Dehuai.' },
      {
        kind: 'general',
        label: 'Strength',
        value: 'About 2.9 million Chinese served in Korea over the course of the war.',
      },
      KOREA_CHINESE_DEAD,
    ],
    factChecks: [YALU_DATE_CHECK],
    related: ['korean-war', 'mao-zedong', 'kim-il-sung'],
    sources: [SOURCES.wikiVolunteers, SOURCES.peoplesDaily2020, SOURCES.xinhua2022, SOURCES.chinaDaily2010],
  },

  'kim-il-sung': {
    id: 'kim-il-sung',
    displayName: 'Kim Il-sung',
    core: false,
    dates: {
      display: '15 April 1912 – 8 July 1994; led North Korea from 1948 until his death',
      start: '1912-04-15',
      end: '1994-07-08',
    },
    summary: 'The founder of North Korea, which he led from its creation in 1948 until his death in 1994.',
    whyItMatters: {
      text:
        'The article traces North Korea’s distrust of China back to Kim himself. When the Korean War began ' +
        'he was sure he could unify the peninsula without Chinese help, looked to the Soviet Union ' +
        'instead, treated Chinese envoys with contempt and would not let Chinese officers survey the ' +
        'ground in advance. The article puts this down partly to pride and his Soviet ties, but also to a ' +
        'deep suspicion of the young communist state next door, whose role in Korea he tried to keep small.',
      paragraphs: [5],
    },
    quotes: [
      {
        text:
          'He treated Chinese representatives with disdain, even denying Chinese officers’ requests to ' +
          'study the battlefield in the event that Chinese military support was needed after all.',
        paragraph: 5,
      },
      {
        text:
          'Kim also harbored deep suspicions about the new communist government in China and he tried to ' +
          'minimize its role on the Korean Peninsula.',
        paragraph: 5,
      },
    ],
    keyFacts: [
      { kind: 'general', label: 'Lived', value: '15 April 1912 to 8 July 1994.' },
      { kind: 'general', label: 'Led North Korea', value: 'From 1948 until his death in 1994.' },
      {
        kind: 'general',
        label: 'Before the war',
        value: 'In May 1950 he told Mao that the Koreans could manage on their own.',
      },
      {
        kind: 'general',
        label: 'The 1961 treaty',
        value: 'He signed the treaty with China in Beijing on 11 July 1961.',
      },
    ],
    factChecks: [],
    related: ['korean-war', 'sino-north-korean-treaty', 'mao-zedong', 'workers-party-of-korea', 'kim-jong-un'],
    sources: [SOURCES.wikiKimIlSung, SOURCES.wikiKoreanWar, SOURCES.wikiTreaty],
  },

  'mao-zedong': {
    id: 'mao-zedong',
    displayName: 'Mao Zedong',
    core: false,
    dates: { display: '26 December 1893 – 9 September 1976', start: '1893-12-26', end: '1976-09-09' },
    summary:
      'Chairman of the Chinese Communist Party, who proclaimed the People’s Republic of China in 1949 and ' +
      'led it until his death in 1976.',
    whyItMatters: {
      text:
        'In the article, Mao’s motives explain why the intervention in Korea earned China so little trust. ' +
        'Unable to take Taiwan, where the United States backed Chiang Kai-shek, he saw China as already at ' +
        'war with America in all but name, and North Korea’s mountains as the place where Chinese manpower ' +
        'could tell. Korea mattered to him as a move in a contest between great powers, not for Kim’s ' +
        'sake. The article also reports that in the 1960s North Korea’s ruling party insulted Mao in ' +
        'person.',
      paragraphs: [6, 7, 9],
    },
    quotes: [
      {
        text:
          'For Mao, Korea was first and foremost a pawn in a much larger great powers game. He cared ' +
          'little about the Kim regime per se.',
        paragraph: 7,
      },
      {
        text: 'Chinese leader Mao Zedong saw Korea as a focal point of larger tensions between the East and West.',
        paragraph: 6,
      },
    ],
    keyFacts: [
      { kind: 'general', label: 'Lived', value: '26 December 1893 to 9 September 1976.' },
      {
        kind: 'general',
        label: 'Led China',
        value: 'From the founding of the People’s Republic in 1949 until 1976.',
      },
      {
        kind: 'general',
        label: 'Korea',
        value: 'Sent the Chinese People’s Volunteers into the Korean War in October 1950.',
      },
      { kind: 'general', label: 'Cultural Revolution', value: 'Launched it in 1966.' },
    ],
    factChecks: [OLD_FOOL_CHECK],
    related: ['chinese-intervention', 'korean-war', 'cultural-revolution', 'kim-il-sung'],
    sources: [SOURCES.wikiMao, SOURCES.wilson1967],
  },

  'cultural-revolution': {
    id: 'cultural-revolution',
    displayName: 'Cultural Revolution',
    core: false,
    dates: { display: '1966–1976', start: '1966', end: '1976' },
    summary: 'The political campaign Mao Zedong launched in 1966, which convulsed China until his death in 1976.',
    whyItMatters: {
      text:
        'The article places the Cultural Revolution in the 1960s slide in relations between Pyongyang and ' +
        'Beijing. North Korea’s leaders derided the campaign, and China answered by accusing them of ' +
        'revisionism. The article sees in that quarrel the start of a pattern of disagreement that has ' +
        'lasted to this day.',
      paragraphs: [9],
    },
    quotes: [
      {
        text: 'the Korean Workers Party (KWP)\u00a0called\u00a0the Cultural Revolution “great madness”',
        paragraph: 9,
      },
      {
        text:
          'This set a pattern of disagreement for the coming decades, continuing in the post-Cold War ' +
          'period down to the present.',
        paragraph: 9,
      },
    ],
    keyFacts: [
      { kind: 'general', label: 'Dates', value: '1966 to 1976.' },
      { kind: 'general', label: 'Launched by', value: 'Mao Zedong.' },
      {
        kind: 'general',
        label: 'North Korea’s view',
        value: 'A Soviet embassy report of March 1967 records North Korean leaders calling it a “great madness”.',
      },
      {
        kind: 'general',
        label: 'China’s answer',
        value: 'Red Guard wall posters denounced Kim Il-sung as a revisionist.',
      },
    ],
    factChecks: [],
    related: ['mao-zedong', 'workers-party-of-korea', 'kim-il-sung'],
    sources: [SOURCES.wilson1967, SOURCES.wikiCulturalRevolution],
  },

  'workers-party-of-korea': {
    id: 'workers-party-of-korea',
    // Straight apostrophe: must equal the name in names.ts, which the popup and badge show.
    displayName: "Workers' Party of Korea",
    core: false,
    dates: { display: 'Founding dated by the party to 10 October 1945', start: '1945-10-10' },
    summary: 'North Korea’s ruling party, called the Korean Workers Party (KWP) in the article.',
    whyItMatters: {
      text:
        'In the article the party is the voice of North Korea’s break with China in the 1960s: it ' +
        'describes the party scorning the Cultural Revolution and insulting Mao in person, while Beijing ' +
        'charged North Korea with revisionism. In the article’s account, that exchange began a pattern of ' +
        'discord between the two ruling parties that survived the end of the Cold War.',
      paragraphs: [9],
    },
    quotes: [{ text: 'China in turn accused North Korea of revisionist tendencies.', paragraph: 9 }],
    keyFacts: [
      { kind: 'general', label: 'Role', value: 'North Korea’s ruling party.' },
      { kind: 'general', label: 'Founded', value: 'The party dates its founding to 10 October 1945.' },
      {
        kind: 'general',
        label: 'Names',
        value: 'Also known in English as the Korean Workers’ Party (KWP); in Korean, 조선로동당.',
      },
    ],
    factChecks: [OLD_FOOL_CHECK],
    related: ['kim-il-sung', 'cultural-revolution', 'kim-jong-un'],
    sources: [SOURCES.wikiWpk, SOURCES.wilson1967],
  },

  'first-indochina-war': {
    id: 'first-indochina-war',
    displayName: 'First Indochina War',
    core: false,
    dates: { display: '19 December 1946 – July 1954', start: '1946-12-19', end: '1954-07' },
    summary:
      'The war in which the Viet Minh fought French rule in Indochina, ended by the Geneva Accords of July 1954.',
    whyItMatters: {
      text:
        'The article uses this war to show how long China had stood by the Vietnamese communists before ' +
        'turning on them. Beijing began aiding the Viet Minh in 1950, and nearly three decades of support ' +
        'ended with the invasion of 1979. That reversal, the article argues, is what made the 1979 war ' +
        'such a warning to North Korea.',
      paragraphs: [4],
    },
    quotes: [
      {
        text: 'one which it had supported since the first Indo-China War in the early 1950s',
        paragraph: 4,
      },
    ],
    keyFacts: [
      { kind: 'general', label: 'Dates', value: '19 December 1946 to July 1954.' },
      { kind: 'general', label: 'Sides', value: 'The Viet Minh against France.' },
      { kind: 'general', label: 'China’s role', value: 'Aided the Viet Minh from 1950.' },
      { kind: 'general', label: 'End', value: 'The Geneva Accords of July 1954.' },
    ],
    factChecks: [],
    related: ['sino-vietnamese-war'],
    sources: [SOURCES.wikiFirstIndochinaWar, SOURCES.wikiSinoVietnameseWar],
  },

  'kim-jong-un': {
    id: 'kim-jong-un',
    displayName: 'Kim Jong-un',
    core: false,
    dates: { display: 'Leader of North Korea since December 2011', start: '2011-12' },
    summary: 'North Korea’s leader since December 2011 and the grandson of its founder, Kim Il-sung.',
    whyItMatters: {
      text:
        'Writing in 2017, the article cites Kim Jong-un as evidence against the idea that North Korea is ' +
        'China’s client state. His relations with Beijing were tense: he had provoked China’s leaders in ' +
        'public and worked to reduce Chinese influence inside North Korea, which fits the long history of ' +
        'mistrust better than the image of a dependant taking orders.',
      paragraphs: [3],
    },
    quotes: [
      {
        text: 'the incumbent North Korean leader, Kim Jong-un, has a strained relationship with his big neighbor',
        paragraph: 3,
      },
      {
        text:
          'However, this narrative decidedly runs counter to the deep historical sense of mistrust between ' +
          'the two nations.',
        paragraph: 3,
      },
    ],
    keyFacts: [
      { kind: 'general', label: 'In power', value: 'Since December 2011.' },
      {
        kind: 'general',
        label: 'Link to Beijing',
        value: 'His uncle Jang Song-thaek, seen as Pyongyang’s main link to Beijing, was executed on 12 December 2013.',
      },
    ],
    factChecks: [],
    related: ['kim-il-sung', 'workers-party-of-korea', 'korean-war'],
    sources: [SOURCES.wikiKimJongUn, SOURCES.wikiJangSongThaek],
  },
};

/** Every card, in the order of `TOPIC_IDS` (core topics first). */
export const TOPICS: readonly TopicCard[] = TOPIC_IDS.map((id) => CARDS[id]);

export function getTopic<Id extends TopicId>(id: Id): TopicCard<Id> {
  return CARDS[id];
}

const NUMBER = new Intl.NumberFormat('en');

/**
 * A key fact's value as one line of text. Casualty ranges keep each end's source next to it,
 * since the ends often come from different, disagreeing sources.
 */
export function keyFactText(fact: KeyFact): string {
  if (fact.kind === 'general') return fact.value;
  const end = (f: CasualtyFigure) => `${f.approximate ? 'about ' : ''}${NUMBER.format(f.value)} (${f.source})`;
  const range =
    fact.low.source === fact.high.source && !fact.low.approximate && !fact.high.approximate
      ? `${NUMBER.format(fact.low.value)}–${NUMBER.format(fact.high.value)} (${fact.low.source})`
      : `${end(fact.low)} to ${end(fact.high)}`;
  return fact.note ? `${range}. ${fact.note}` : range;
}
