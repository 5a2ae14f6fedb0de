/**
 * Types of the knowledge base. Pure data shapes: nothing here touches a browser.
 *
 * The knowledge base is split in two so that the content script, which runs on every page,
 * ships only what the matcher needs (`names.ts`), while the prose of the cards (`topics.ts`,
 * `article.ts`) is loaded only when a card first opens.
 */

export const CORE_TOPIC_IDS = ['korean-war', 'sino-north-korean-treaty', 'sino-vietnamese-war'] as const;

export const RELATED_TOPIC_IDS = [
  'chinese-intervention',
  'kim-il-sung',
  'mao-zedong',
  'cultural-revolution',
  'workers-party-of-korea',
  'first-indochina-war',
  'kim-jong-un',
] as const;

export const TOPIC_IDS = [...CORE_TOPIC_IDS, ...RELATED_TOPIC_IDS] as const;

export type CoreTopicId = (typeof CORE_TOPIC_IDS)[number];
export type RelatedTopicId = (typeof RELATED_TOPIC_IDS)[number];
export type TopicId = (typeof TOPIC_IDS)[number];

/** BCP 47 tags of the languages the names are given in. */
export type NameLang = 'en' | 'ko' | 'zh-Hans' | 'zh-Hant' | 'ja' | 'vi';

/** One name (alias) of a topic, as the matcher needs it. */
export interface TopicName {
  /** The name as written; matching normalises case, dashes, spaces and apostrophes. */
  readonly text: string;
  readonly lang: NameLang;
  /**
   * Ambiguous names ("the 1961 treaty", "the Forgotten War") count only where the page is about
   * the topic's parties and the sentence names no other party. See `ContextRule`.
   */
  readonly needsContext?: boolean;
}

/**
 * When a context-dependent name counts. A name flagged `needsContext` is a mention only when
 * every group in `pageMustMention` has at least one cue somewhere on the page (e.g. one China
 * cue and one North Korea cue), and the sentence holding the name contains none of
 * `sentenceMustNotMention` (other parties: the Soviet Union, Russia, Antarctica...).
 * Cues are literal names matched like aliases (normalised, word-bounded for Latin script,
 * substrings for CJK).
 */
export interface ContextRule {
  readonly pageMustMention: readonly (readonly string[])[];
  readonly sentenceMustNotMention: readonly string[];
}

/** What the content script needs for one topic: its names and its context rule. */
export interface TopicNames {
  readonly id: TopicId;
  readonly core: boolean;
  /** Display name in English, for counts in the popup and the badge tooltip. */
  readonly displayName: string;
  readonly names: readonly TopicName[];
  readonly context: ContextRule;
}

// Card prose
//
// The shapes below hold what a card shows. They live apart from `TopicNames` so that the content
// script, which needs only names, never pulls the prose into every page.

/**
 * A date in ISO 8601 form at the precision the record supports: `1966`, `1954-07` or `1950-10-19`.
 * Reduced precision is deliberate: a day that no source gives must not be invented.
 */
export type IsoDate = string;

/** A public source for the facts on a card. */
export interface SourceLink {
  readonly label: string;
  readonly url: string;
}

/**
 * Words taken verbatim from the article, with the article's own curly quotes and apostrophes,
 * cited by its paragraph number ([P1]...). Everything else on a card is the project's own wording.
 */
export interface Quote {
  readonly text: string;
  readonly paragraph: number;
  /**
   * Whom the article is quoting, when the words are not Gady's own. Such quotes are shown as the
   * article gives them; they have not been checked against the original work.
   */
  readonly via?: string;
}

/** Who makes a claim that a fact-check corrects or qualifies. */
export type CheckedClaim =
  /** The article's own words. */
  | { readonly by: 'article'; readonly quote: Quote }
  /** A claim made elsewhere (press, reference works) that readers are likely to meet. */
  | { readonly by: 'others'; readonly text: string };

/** A note where the article errs or is loose, or where a widespread story is disputed. */
export interface FactCheck {
  /** A short heading: what is being checked. */
  readonly heading: string;
  readonly claim: CheckedClaim;
  /** What the record says, in the project's own words. */
  readonly record: string;
  readonly sources: readonly SourceLink[];
}

/** A fact shown as a label and a value on a card. */
export interface GeneralFact {
  readonly kind: 'general';
  readonly label: string;
  readonly value: string;
}

/** One end of a casualty range and whose figure it is. */
export interface CasualtyFigure {
  readonly value: number;
  /** True for estimates given as "about N". */
  readonly approximate: boolean;
  /** Whose figure this is, e.g. "official Chinese figure, 2020" or "Western estimates". */
  readonly source: string;
}

/**
 * Casualty figures differ widely by source, so the product gives them only as a range whose two
 * ends each name their source, never as a single authoritative number.
 */
export interface CasualtyFact {
  readonly kind: 'casualties';
  readonly label: string;
  readonly low: CasualtyFigure;
  readonly high: CasualtyFigure;
  readonly note?: string;
}

export type KeyFact = GeneralFact | CasualtyFact;

/** When a topic happened: a display string, and machine dates where they are meaningful. */
export interface TopicDates {
  readonly display: string;
  readonly start?: IsoDate;
  /** Absent while the topic continues (a treaty in force, a leader in office). */
  readonly end?: IsoDate;
}

/** Prose tied to the paragraphs of the article it draws on. */
export interface CitedText {
  readonly text: string;
  /** Paragraph numbers of the article, ascending. */
  readonly paragraphs: readonly number[];
}

/** Everything a card shows for one topic. */
export interface TopicCard<Id extends TopicId = TopicId> {
  readonly id: Id;
  readonly displayName: string;
  readonly core: boolean;
  readonly dates: TopicDates;
  /** One line on what the topic is. */
  readonly summary: string;
  /** Why the topic matters to North Korea's mistrust of China, as the article argues it. */
  readonly whyItMatters: CitedText;
  /** One or two quotes from the article. */
  readonly quotes: readonly Quote[];
  readonly keyFacts: readonly KeyFact[];
  readonly factChecks: readonly FactCheck[];
  readonly related: readonly TopicId[];
  readonly sources: readonly SourceLink[];
}

/** The article the cards draw on. */
export interface ArticleInfo {
  readonly title: string;
  readonly author: string;
  readonly outlet: string;
  /** Publication date, ISO 8601. */
  readonly date: IsoDate;
  readonly url: string;
  /** Which text the quotes and paragraph numbers follow. */
  readonly excerptNote: string;
  /** Number of paragraphs ([P1]...) in that text; every citation must fall within it. */
  readonly paragraphCount: number;
  /** The article's argument in three to five points, in the project's own words. */
  readonly thesis: readonly CitedText[];
}
