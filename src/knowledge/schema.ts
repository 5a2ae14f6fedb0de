/**
 * Valibot schemas for the card prose. The data is authored by hand, so tests parse it against
 * these schemas to catch what the type checker cannot: empty or padded strings, placeholders,
 * citations of paragraphs that do not exist, impossible dates, casualty figures without a source.
 * Objects are strict so that a field added to a type but not to its schema fails loudly instead
 * of being stripped.
 */
import * as v from 'valibot';
import { ARTICLE_PARAGRAPH_COUNT } from './article';
import {
  type ArticleInfo,
  CORE_TOPIC_IDS,
  type FactCheck,
  type KeyFact,
  type Quote,
  type SourceLink,
  TOPIC_IDS,
  type TopicCard,
  type TopicDates,
} from './types';

// Markers of unfinished text that must never reach a card. Spelled with a character class in the
// middle so that searches for leftover markers in the source do not stop at this detector.
const PLACEHOLDER = /\b(TO[D]O|TBD|FIX[M]E|XXX|lorem[ ]ipsum)\b|\?\?\?|\[\s*\]/i;

/** Text a user will read: present, unpadded, single-spaced and with no leftover placeholder. */
export const ProseSchema = v.pipe(
  v.string(),
  v.nonEmpty('must not be empty'),
  v.check((s) => s === s.trim(), 'must not start or end with white space'),
  v.check((s) => !/ {2}|\n/.test(s), 'must be single-spaced on one line'),
  v.check((s) => !PLACEHOLDER.test(s), 'must not contain a placeholder'),
);

/** True for `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a date that exists. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [, y, mo, d] = m;
  const month = mo === undefined ? 1 : Number(mo);
  if (month < 1 || month > 12) return false;
  if (d === undefined) return true;
  const date = new Date(Date.UTC(Number(y), month - 1, Number(d)));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === Number(d);
}

export const IsoDateSchema = v.pipe(v.string(), v.check(isIsoDate, 'must be an ISO 8601 date'));

export const ParagraphSchema = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(1, 'paragraphs are numbered from 1'),
  v.maxValue(ARTICLE_PARAGRAPH_COUNT, `the article has ${ARTICLE_PARAGRAPH_COUNT} paragraphs`),
);

/** Ascending without repeats, so citations read in order and diff cleanly. */
export const ParagraphListSchema = v.pipe(
  v.array(ParagraphSchema),
  v.minLength(1, 'must cite at least one paragraph'),
  v.check((list) => list.every((p, i) => i === 0 || p > (list[i - 1] ?? 0)), 'paragraphs must be ascending and unique'),
);

export const SourceLinkSchema = v.strictObject({
  label: ProseSchema,
  url: v.pipe(v.string(), v.url(), v.startsWith('https://', 'sources must use https')),
});

const SourceListSchema = v.pipe(v.array(SourceLinkSchema), v.minLength(1, 'must name a source'));

export const QuoteSchema = v.strictObject({
  text: v.pipe(
    ProseSchema,
    // A quote cut inside a quotation would show an unmatched mark on the card.
    v.check((s) => count(s, '“') === count(s, '”'), 'curly double quotes must be balanced'),
  ),
  paragraph: ParagraphSchema,
  via: v.optional(ProseSchema),
});

export const FactCheckSchema = v.strictObject({
  heading: ProseSchema,
  claim: v.variant('by', [
    v.strictObject({ by: v.literal('article'), quote: QuoteSchema }),
    v.strictObject({ by: v.literal('others'), text: ProseSchema }),
  ]),
  record: ProseSchema,
  sources: SourceListSchema,
});

const CasualtyFigureSchema = v.strictObject({
  value: v.pipe(v.number(), v.integer(), v.minValue(1)),
  approximate: v.boolean(),
  source: ProseSchema,
});

export const KeyFactSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('general'), label: ProseSchema, value: ProseSchema }),
  v.pipe(
    v.strictObject({
      kind: v.literal('casualties'),
      label: ProseSchema,
      low: CasualtyFigureSchema,
      high: CasualtyFigureSchema,
      note: v.optional(ProseSchema),
    }),
    v.check((f) => f.low.value < f.high.value, 'a casualty range must run from low to high'),
  ),
]);

export const TopicDatesSchema = v.pipe(
  v.strictObject({
    display: ProseSchema,
    start: v.optional(IsoDateSchema),
    end: v.optional(IsoDateSchema),
  }),
  // Lexical order is date order for ISO dates, including mixed precision ('1954-07' > '1946-12-19').
  v.check((d) => !d.start || !d.end || d.start <= d.end, 'start must not be after end'),
);

export const CitedTextSchema = v.strictObject({
  text: ProseSchema,
  paragraphs: ParagraphListSchema,
});

const CORE = new Set<string>(CORE_TOPIC_IDS);

export const TopicCardSchema = v.pipe(
  v.strictObject({
    id: v.picklist(TOPIC_IDS),
    displayName: ProseSchema,
    core: v.boolean(),
    dates: TopicDatesSchema,
    summary: ProseSchema,
    whyItMatters: CitedTextSchema,
    quotes: v.pipe(v.array(QuoteSchema), v.minLength(1), v.maxLength(2)),
    keyFacts: v.pipe(v.array(KeyFactSchema), v.minLength(1)),
    factChecks: v.array(FactCheckSchema),
    related: v.pipe(
      v.array(v.picklist(TOPIC_IDS)),
      v.minLength(1),
      v.check((ids) => new Set(ids).size === ids.length, 'related ids must be unique'),
    ),
    sources: SourceListSchema,
  }),
  v.check((c) => c.core === CORE.has(c.id), 'core must be true exactly for the core topics'),
  v.check((c) => !c.related.includes(c.id), 'a topic must not list itself as related'),
);

/** All cards: one per topic id, in the order of `TOPIC_IDS`. */
export const TopicCardListSchema = v.pipe(
  v.array(TopicCardSchema),
  v.check(
    (cards) => cards.length === TOPIC_IDS.length && cards.every((c, i) => c.id === TOPIC_IDS[i]),
    'there must be one card per topic id, in the order of TOPIC_IDS',
  ),
);

export const ArticleInfoSchema = v.strictObject({
  title: ProseSchema,
  author: ProseSchema,
  outlet: ProseSchema,
  date: IsoDateSchema,
  url: v.pipe(v.string(), v.url(), v.startsWith('https://')),
  excerptNote: ProseSchema,
  paragraphCount: v.literal(ARTICLE_PARAGRAPH_COUNT),
  thesis: v.pipe(v.array(CitedTextSchema), v.minLength(3), v.maxLength(5)),
});

function count(text: string, mark: string): number {
  return text.split(mark).length - 1;
}

// Compile-time guard that each schema accepts nothing the hand-written types do not describe.
type Conforms<Out extends Target, Target> = Out;
// biome-ignore lint/correctness/noUnusedVariables: exists only to be type-checked
type SchemaConformance = [
  Conforms<v.InferOutput<typeof SourceLinkSchema>, SourceLink>,
  Conforms<v.InferOutput<typeof QuoteSchema>, Quote>,
  Conforms<v.InferOutput<typeof FactCheckSchema>, FactCheck>,
  Conforms<v.InferOutput<typeof KeyFactSchema>, KeyFact>,
  Conforms<v.InferOutput<typeof TopicDatesSchema>, TopicDates>,
  Conforms<v.InferOutput<typeof TopicCardSchema>, TopicCard>,
  Conforms<v.InferOutput<typeof ArticleInfoSchema>, ArticleInfo>,
];
