/**
 * Ordered migrations of stored settings, oldest first. Pure: no browser, no DOM.
 *
 * Each migration takes the plain object of one version and returns the plain object of the next.
 * It must not throw on bad input: it moves what it recognises and leaves the rest out or as it
 * was, and the lenient parse after it (parse.ts) puts defaults where values are missing or bad.
 * Every migration has a unit test that feeds it a real payload of its `from` version.
 *
 * Version history
 *
 * - 0: the pre-release builds (before 0.1.0). No `version` key; stored under `settings`:
 *      `{ enabledTopics: string[]; dwell: number; pausedHosts?: string[]; underlineOnly?: boolean }`
 *      `enabledTopics` listed topic ids, where the 1961 treaty was still `sino-nk-treaty`;
 *      `dwell` was the card delay in milliseconds, unbounded; `pausedHosts` held host names,
 *      possibly with a `www.` prefix or a scheme; `underlineOnly` chose underlines over the
 *      default of background and underline.
 * - 1: the first release: the `Settings` type in schema.ts.
 */
import { TOPIC_IDS, type TopicId } from '../knowledge/types';
import { LIMITS } from './limits';
import { SETTINGS_VERSION } from './schema';
import { normalizeSiteInput } from './site-patterns';

export type PlainObject = Record<string, unknown>;

export interface Migration {
  readonly from: number;
  readonly to: number;
  /** What changed, for people reading the code and test names. */
  readonly summary: string;
  migrate(old: PlainObject): PlainObject;
}

const RENAMED_TOPICS: Readonly<Record<string, TopicId>> = { 'sino-nk-treaty': 'sino-north-korean-treaty' };

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const fromV0: Migration = {
  from: 0,
  to: 1,
  summary: 'enabledTopics becomes topics.<id>.enabled, dwell becomes card.dwellMs, pausedHosts becomes sites.patterns',
  migrate(old) {
    const next: PlainObject = { version: 1 };
    if (Array.isArray(old.enabledTopics)) {
      const enabled = new Set(
        old.enabledTopics
          .filter((id): id is string => typeof id === 'string')
          .map((id) => RENAMED_TOPICS[id] ?? id)
          .filter((id): id is TopicId => (TOPIC_IDS as readonly string[]).includes(id)),
      );
      // Colours did not exist: leaving them out lets the parse fill in each topic's default.
      next.topics = Object.fromEntries(TOPIC_IDS.map((id) => [id, { enabled: enabled.has(id) }]));
    }
    if (typeof old.dwell === 'number' && Number.isFinite(old.dwell)) {
      next.card = { dwellMs: Math.round(Math.min(LIMITS.dwellMaxMs, Math.max(LIMITS.dwellMinMs, old.dwell))) };
    }
    if (Array.isArray(old.pausedHosts)) {
      const patterns: string[] = [];
      for (const host of old.pausedHosts) {
        if (typeof host !== 'string') continue;
        const { pattern } = normalizeSiteInput(host);
        // Version 0 matched `www.` hosts only exactly; the bare domain covers them and their siblings.
        const bare = pattern?.replace(/^www\./, '');
        if (bare && !patterns.includes(bare)) patterns.push(bare);
      }
      next.sites = { mode: 'all-except-paused', patterns: patterns.slice(0, LIMITS.sitePatterns) };
    }
    if (typeof old.underlineOnly === 'boolean') next.markStyle = old.underlineOnly ? 'underline' : 'both';
    return next;
  },
};

/** Every migration, in order: `MIGRATIONS[i].to === MIGRATIONS[i + 1].from`. */
export const MIGRATIONS: readonly Migration[] = [fromV0];

/**
 * The version a stored or imported value was written in: its `version` key, or 0 for an object
 * without one (the pre-release shape). Undefined when the value cannot be settings at all.
 */
export function versionOf(value: unknown): number | undefined {
  if (!isPlainObject(value)) return undefined;
  if (!('version' in value)) return 0;
  const { version } = value;
  return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : undefined;
}

export type MigrationResult =
  | { readonly ok: true; readonly value: PlainObject; readonly from: number }
  | { readonly ok: false; readonly reason: 'newer'; readonly version: number }
  | { readonly ok: false; readonly reason: 'not-settings' };

/**
 * Brings `value` up to `target` by running each migration from its version on, in order.
 * Refuses values of a newer version than this build knows: guessing at them could lose data.
 */
export function migrate(
  value: unknown,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = SETTINGS_VERSION,
): MigrationResult {
  const from = versionOf(value);
  if (from === undefined || !isPlainObject(value)) return { ok: false, reason: 'not-settings' };
  if (from > target) return { ok: false, reason: 'newer', version: from };
  let current: PlainObject = value;
  let version = from;
  while (version < target) {
    const step = migrations.find((migration) => migration.from === version);
    if (!step) throw new Error(`no migration from settings version ${version}`);
    current = step.migrate(current);
    current.version = step.to;
    version = step.to;
  }
  return { ok: true, value: current, from };
}
