/**
 * Three-way merge of settings. Pure: no browser, no DOM.
 *
 * Every context (two options pages, the popup, a card) holds a copy of the settings and saves a
 * whole settings object. Saving that copy as it is would undo whatever another context saved in
 * the meantime: the options page in one tab writing back the old value of a switch just turned
 * on in another. So a save says which settings it started from (`base`), and the stored settings
 * are read again just before the write (`theirs`): each value this edit changed takes the edit's
 * value, every other value keeps what is stored now.
 *
 * Values are compared field by field, down to the leaves. Lists (custom terms, site patterns)
 * are merged as sets: what the edit added is added to the stored list, what it removed is taken
 * out of it, and what someone else added stays. Where both sides changed the same leaf, the edit
 * wins: it is what the person saving is looking at.
 */
import type { Settings } from './schema';

type Json = unknown;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values; key order does not matter. */
export function sameValue(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a).filter((key) => a[key] !== undefined);
  if (keys.length !== Object.keys(b).filter((key) => b[key] !== undefined).length) return false;
  return keys.every((key) => sameValue(a[key], b[key]));
}

function isList(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

function includes(list: readonly unknown[], item: unknown): boolean {
  return list.some((other) => sameValue(other, item));
}

/** Lists as sets: the stored order, less what the edit removed, then what the edit added. */
function mergeLists(base: readonly unknown[], mine: readonly unknown[], theirs: readonly unknown[]): unknown[] {
  const removed = base.filter((item) => !includes(mine, item));
  const added = mine.filter((item) => !includes(base, item));
  const kept = theirs.filter((item) => !includes(removed, item));
  return [...kept, ...added.filter((item) => !includes(kept, item))];
}

function mergeValues(base: Json, mine: Json, theirs: Json): Json {
  if (sameValue(mine, base)) return theirs;
  if (sameValue(theirs, base) || sameValue(theirs, mine)) return mine;
  // A list that one side has not created yet (no custom terms for a topic) is an empty list.
  const listish = (value: Json) => value === undefined || isList(value);
  if ((isList(mine) || isList(theirs)) && listish(base) && listish(mine) && listish(theirs)) {
    return mergeLists((base as unknown[]) ?? [], (mine as unknown[]) ?? [], (theirs as unknown[]) ?? []);
  }
  if (isPlainObject(mine) && isPlainObject(theirs)) {
    const from = isPlainObject(base) ? base : {};
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(theirs), ...Object.keys(mine)])) {
      const value = mergeValues(from[key], mine[key], theirs[key]);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  return mine;
}

/**
 * The settings to store when `mine` was edited from `base` and storage now holds `theirs`.
 * The result may need tidying (two edits can together pass a list's limit, or give two topics
 * the same term): `coerceSettings` does that.
 */
export function mergeSettings(base: Settings, mine: Settings, theirs: Settings): Settings {
  return mergeValues(base, mine, theirs) as Settings;
}
