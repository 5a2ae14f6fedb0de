/**
 * Reading settings that may be damaged. Pure: no browser, no DOM.
 *
 * What storage returns was written by an older build, another device through sync, a hand
 * edit or a bug, so it is judged field by field: every value that is valid is kept, every one
 * that is not falls back to its default and is named in `problems`, and nothing throws. Imports
 * are stricter and all-or-nothing (transfer.ts).
 */
import * as v from 'valibot';
import { TOPIC_IDS, type TopicId } from '../knowledge/types';
import { defaultSettings } from './defaults';
import { LIMITS } from './limits';
import { migrate, type PlainObject } from './migrations';
import {
  CardSchema,
  HexColorSchema,
  MarkStyleSchema,
  SETTINGS_VERSION,
  type Settings,
  SitesSchema,
  TopicSettingsSchema,
} from './schema';
import { sitePatternProblem } from './site-patterns';
import { termKey, termShapeProblem } from './validate-term';

export interface CoercedSettings {
  readonly settings: Settings;
  /** Dot paths of values that were invalid and replaced by defaults or dropped. */
  readonly problems: string[];
}

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `fallback` unless `value` passes `schema`; a present but invalid value is a problem. */
function field<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  fallback: v.InferOutput<S>,
  path: string,
  problems: string[],
): v.InferOutput<S> {
  if (value === undefined) return fallback;
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  problems.push(path);
  return fallback;
}

function coerceTopics(value: unknown, defaults: Settings['topics'], problems: string[]): Settings['topics'] {
  const topics = { ...defaults };
  if (value === undefined) return topics;
  if (!isPlainObject(value)) {
    problems.push('topics');
    return topics;
  }
  for (const id of TOPIC_IDS) {
    const stored = value[id];
    if (stored === undefined) continue;
    const whole = v.safeParse(TopicSettingsSchema, stored);
    if (whole.success) {
      topics[id] = whole.output;
      continue;
    }
    if (!isPlainObject(stored)) {
      problems.push(`topics.${id}`);
      continue;
    }
    topics[id] = {
      enabled: field(v.boolean(), stored.enabled, defaults[id].enabled, `topics.${id}.enabled`, problems),
      color: field(HexColorSchema, stored.color, defaults[id].color, `topics.${id}.color`, problems),
    };
  }
  for (const key of Object.keys(value)) {
    if (!(TOPIC_IDS as readonly string[]).includes(key)) problems.push(`topics.${key}`);
  }
  return topics;
}

function coerceCustomTerms(value: unknown, problems: string[]): Settings['customTerms'] {
  const terms: Settings['customTerms'] = {};
  if (value === undefined) return terms;
  if (!isPlainObject(value)) {
    problems.push('customTerms');
    return terms;
  }
  const seen = new Set<string>();
  for (const [key, list] of Object.entries(value)) {
    if (!(TOPIC_IDS as readonly string[]).includes(key)) {
      problems.push(`customTerms.${key}`);
      continue;
    }
    const id = key as TopicId;
    if (!Array.isArray(list)) {
      problems.push(`customTerms.${id}`);
      continue;
    }
    const kept: string[] = [];
    list.forEach((term: unknown, index) => {
      const ok =
        typeof term === 'string' &&
        termShapeProblem(term) === null &&
        !seen.has(termKey(term)) &&
        kept.length < LIMITS.termsPerTopic;
      if (!ok) {
        problems.push(`customTerms.${id}.${index}`);
        return;
      }
      seen.add(termKey(term));
      kept.push(term);
    });
    if (kept.length > 0) terms[id] = kept;
  }
  return terms;
}

function coerceSites(value: unknown, defaults: Settings['sites'], problems: string[]): Settings['sites'] {
  if (value === undefined) return { ...defaults, patterns: [...defaults.patterns] };
  const whole = v.safeParse(SitesSchema, value);
  if (whole.success) return whole.output;
  if (!isPlainObject(value)) {
    problems.push('sites');
    return { ...defaults, patterns: [...defaults.patterns] };
  }
  const mode = field(SitesSchema.entries.mode, value.mode, defaults.mode, 'sites.mode', problems);
  const patterns: string[] = [];
  if (Array.isArray(value.patterns)) {
    value.patterns.forEach((pattern: unknown, index) => {
      const ok =
        typeof pattern === 'string' &&
        sitePatternProblem(pattern) === null &&
        !patterns.includes(pattern) &&
        patterns.length < LIMITS.sitePatterns;
      if (ok) patterns.push(pattern);
      else problems.push(`sites.patterns.${index}`);
    });
  } else if (value.patterns !== undefined) {
    problems.push('sites.patterns');
  }
  return { mode, patterns };
}

function coerceCard(value: unknown, defaults: Settings['card'], problems: string[]): Settings['card'] {
  if (value === undefined) return { ...defaults };
  const whole = v.safeParse(CardSchema, value);
  if (whole.success) return whole.output;
  if (!isPlainObject(value)) {
    problems.push('card');
    return { ...defaults };
  }
  return {
    dwellMs: field(CardSchema.entries.dwellMs, value.dwellMs, defaults.dwellMs, 'card.dwellMs', problems),
    openOn: field(CardSchema.entries.openOn, value.openOn, defaults.openOn, 'card.openOn', problems),
  };
}

/**
 * Current-version settings from a plain object of the current version: valid values kept,
 * invalid ones replaced by defaults and listed. Unknown keys are dropped and listed.
 */
export function coerceSettings(value: PlainObject): CoercedSettings {
  const defaults = defaultSettings();
  const problems: string[] = [];
  const settings: Settings = {
    version: SETTINGS_VERSION,
    topics: coerceTopics(value.topics, defaults.topics, problems),
    customTerms: coerceCustomTerms(value.customTerms, problems),
    markStyle: field(MarkStyleSchema, value.markStyle, defaults.markStyle, 'markStyle', problems),
    card: coerceCard(value.card, defaults.card, problems),
    sites: coerceSites(value.sites, defaults.sites, problems),
    pausedEverywhere: field(
      v.boolean(),
      value.pausedEverywhere,
      defaults.pausedEverywhere,
      'pausedEverywhere',
      problems,
    ),
    badge: field(v.boolean(), value.badge, defaults.badge, 'badge', problems),
  };
  const known = new Set(['version', ...Object.keys(settings)]);
  for (const key of Object.keys(value)) if (!known.has(key)) problems.push(key);
  return { settings, problems };
}

export interface StoredSettings extends CoercedSettings {
  /** The version the stored value was written in; null when nothing was stored. */
  readonly fromVersion: number | null;
  /** Set when the value was written by a newer build: it was read as far as it fits this one. */
  readonly newerVersion?: number;
}

/** Settings from whatever storage held (undefined when nothing): never throws. */
export function readStoredSettings(raw: unknown): StoredSettings {
  if (raw === undefined) return { settings: defaultSettings(), problems: [], fromVersion: null };
  let migrated: ReturnType<typeof migrate>;
  try {
    migrated = migrate(raw);
  } catch {
    migrated = { ok: false, reason: 'not-settings' };
  }
  if (migrated.ok) return { ...coerceSettings(migrated.value), fromVersion: migrated.from };
  if (migrated.reason === 'newer') {
    const { settings, problems } = coerceSettings(raw as PlainObject);
    return {
      settings,
      problems: [`version ${migrated.version}`, ...problems],
      fromVersion: migrated.version,
      newerVersion: migrated.version,
    };
  }
  return { settings: defaultSettings(), problems: ['settings'], fromVersion: null };
}
