/**
 * The settings: one shape, its limits and its valibot schema. Pure: no browser, no DOM.
 *
 * `SettingsSchema` is strict (unknown keys are refused) because it judges whole files a user
 * imports, where a misspelt key would otherwise be dropped without a word. What storage returns
 * is judged field by field instead (parse.ts), so one bad value never costs the others.
 */
import * as v from 'valibot';
import { TOPIC_IDS, type TopicId } from '../knowledge/types';
import { isHexColor } from './colors';
import { LIMITS } from './limits';
import { sitePatternProblem } from './site-patterns';
import { termShapeProblem } from './validate-term';

export { LIMITS };

/** The version of the settings shape this build writes. Bump it with a migration (migrations.ts). */
export const SETTINGS_VERSION = 1;

export const MARK_STYLES = ['underline', 'background', 'both'] as const;
export const CARD_OPEN_ON = ['hover', 'click'] as const;
export const SITE_MODES = ['all-except-paused', 'only-listed'] as const;

export type MarkStyle = (typeof MARK_STYLES)[number];
export type CardOpenOn = (typeof CARD_OPEN_ON)[number];
export type SiteMode = (typeof SITE_MODES)[number];

export interface TopicSettings {
  enabled: boolean;
  /** Lower-case `#rrggbb`: the mark's background; the underline is derived (colors.ts). */
  color: string;
}

export interface Settings {
  version: number;
  topics: Record<TopicId, TopicSettings>;
  /** The user's own names per topic: literal text, matched like built-in names. */
  customTerms: Partial<Record<TopicId, string[]>>;
  markStyle: MarkStyle;
  card: { dwellMs: number; openOn: CardOpenOn };
  sites: { mode: SiteMode; patterns: string[] };
  /** The popup's "pause everywhere": marks nothing on any site while on. */
  pausedEverywhere: boolean;
  /** The mention count on the toolbar icon. */
  badge: boolean;
}

export const HexColorSchema = v.pipe(
  v.string('must be a colour written like #ffd966'),
  v.check(isHexColor, 'must be a colour written like #ffd966'),
  v.toLowerCase(),
);

export const TopicSettingsSchema = v.strictObject({
  enabled: v.boolean('must be true or false'),
  color: HexColorSchema,
});

function perTopic<S extends v.GenericSchema>(schema: S): Record<TopicId, S> {
  return Object.fromEntries(TOPIC_IDS.map((id) => [id, schema])) as Record<TopicId, S>;
}

export const TopicsSchema = v.strictObject(perTopic(TopicSettingsSchema));

/** A custom term on its own: length and characters. Duplicates need the names (validate-term.ts). */
export const CustomTermSchema = v.pipe(
  v.string('must be text'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = termShapeProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);

export const TermListSchema = v.pipe(
  v.array(CustomTermSchema, 'must be a list of terms'),
  v.maxLength(LIMITS.termsPerTopic, `must hold at most ${LIMITS.termsPerTopic} terms`),
);

export const CustomTermsSchema = v.strictObject(perTopic(v.optional(TermListSchema)));

export const SitePatternSchema = v.pipe(
  v.string('must be text'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = sitePatternProblem(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);

export const SitePatternListSchema = v.pipe(
  v.array(SitePatternSchema, 'must be a list of sites'),
  v.maxLength(LIMITS.sitePatterns, `must hold at most ${LIMITS.sitePatterns} sites`),
);

export const MarkStyleSchema = v.picklist(MARK_STYLES, `must be one of ${MARK_STYLES.join(', ')}`);

export const DwellSchema = v.pipe(
  v.number('must be a number of milliseconds'),
  v.integer('must be a whole number of milliseconds'),
  v.minValue(LIMITS.dwellMinMs, `must be at least ${LIMITS.dwellMinMs}`),
  v.maxValue(LIMITS.dwellMaxMs, `must be at most ${LIMITS.dwellMaxMs}`),
);

export const CardSchema = v.strictObject({
  dwellMs: DwellSchema,
  openOn: v.picklist(CARD_OPEN_ON, `must be one of ${CARD_OPEN_ON.join(', ')}`),
});

export const SitesSchema = v.strictObject({
  mode: v.picklist(SITE_MODES, `must be one of ${SITE_MODES.join(', ')}`),
  patterns: SitePatternListSchema,
});

export const SettingsSchema = v.strictObject({
  version: v.literal(SETTINGS_VERSION, `must be ${SETTINGS_VERSION}`),
  topics: TopicsSchema,
  customTerms: CustomTermsSchema,
  markStyle: MarkStyleSchema,
  card: CardSchema,
  sites: SitesSchema,
  pausedEverywhere: v.boolean('must be true or false'),
  badge: v.boolean('must be true or false'),
});

/** The schema's output is the `Settings` type, field for field; the compiler checks both ways. */
type Parsed = Omit<v.InferOutput<typeof SettingsSchema>, 'version'>;
type Declared = Omit<Settings, 'version'>;
const sameShape: [Parsed extends Declared ? true : false, Declared extends Parsed ? true : false] = [true, true];
void sameShape;

/** "topics.korean-war.color": where in the settings an issue is. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  return v.getDotPath(issue) ?? '';
}
