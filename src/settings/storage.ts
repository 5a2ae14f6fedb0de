/**
 * The settings in browser storage. This adapter never imports the browser: callers pass the
 * storage areas (`browser.storage` in the extension, a fake in tests).
 *
 * Layout. Settings live in `storage.sync` so they follow the user between browsers, within its
 * quotas (8 KB per item, 100 KB in all, 512 items). The lists that can grow past one item are
 * split across keys: custom terms under `settings/terms/<n>` and site patterns under
 * `settings/sites/<n>`; the main item `settings` holds everything else and how many parts
 * each list has. Writes go in one `set` call (one change event), stale parts are removed after.
 *
 * Fallback. When sync is missing, refuses the write or would be over quota, the same items go to
 * `storage.local` with a marker (`settings/where`) saying why; reads follow the marker, and the
 * next write that sync accepts clears the local copy. The options page shows the reason.
 *
 * Damage. Reading never throws: whatever is stored is migrated and judged field by field
 * (parse.ts). `repairSettings` (run by the background at install and update, and by the options
 * page) keeps the raw items of damaged settings in `storage.local` under `recovery/settings`
 * before it writes the repaired ones, so nothing a user had is lost without a copy. A part of a
 * split list that is missing (sync may still be bringing it from another device) is not
 * repaired away, and settings written by a newer version are copied there before this version
 * first writes over them.
 *
 * Several writers. Options pages in two tabs, the popup and the cards each hold a copy and save
 * whole settings. `saveChange` reads the stored settings again just before it writes and merges
 * field by field (merge.ts), inside a lock shared by the extension's pages, so a later save never
 * puts back values another context changed meanwhile.
 */
import * as v from 'valibot';
import { MAIN_KEY, RECOVERY_KEY, SITES_PREFIX, TERMS_PREFIX, WHERE_KEY } from './keys';
import { mergeSettings, sameValue } from './merge';
import { coerceSettings, readStoredSettings, type StoredSettings } from './parse';
import { SETTINGS_VERSION, type Settings, SettingsSchema } from './schema';

/** The part of a `browser.storage` area the adapter uses. */
export interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface StorageChangeLike {
  oldValue?: unknown;
  newValue?: unknown;
}

export type StorageChangeListener = (changes: Record<string, StorageChangeLike>, areaName: string) => void;

export interface StorageEventLike {
  addListener(listener: StorageChangeListener): void;
  removeListener(listener: StorageChangeListener): void;
}

/** `browser.storage`, or a fake of it. `sync` may be missing where a browser has none. */
export interface SettingsAreas {
  readonly sync?: StorageAreaLike;
  readonly local: StorageAreaLike;
  readonly onChanged: StorageEventLike;
}

export { MAIN_KEY, RECOVERY_KEY, SITES_PREFIX, TERMS_PREFIX, WHERE_KEY };

/** chrome.storage.sync's quotas; Firefox's are the same. */
export const SYNC_QUOTA = { bytesPerItem: 8192, totalBytes: 102_400, maxItems: 512 } as const;

/** Room left in each part for how browsers count bytes slightly differently. */
const PART_BUDGET = SYNC_QUOTA.bytesPerItem - 192;

export type LocalReason = 'sync-unavailable' | 'sync-full' | 'sync-rate-limited';

export type SaveResult = { readonly area: 'sync' } | { readonly area: 'local'; readonly reason: LocalReason };

export interface LoadedSettings extends StoredSettings {
  /** Where the settings were read from. */
  readonly area: 'sync' | 'local';
  /** Why they are in local storage instead of sync, when that is a fallback. */
  readonly localReason?: LocalReason;
  /** The stored items as they were, for recovery. */
  readonly raw: Record<string, unknown>;
  /** Parts of split lists that the main item counts but storage does not hold (yet). */
  readonly missingParts: readonly string[];
}

export interface Recovery {
  readonly savedAt: string;
  /** Why the copy was kept: damaged values, or settings of a newer version written over. */
  readonly kind: 'damaged' | 'newer-version';
  /** Dot paths of the values that could not be used. */
  readonly problems: readonly string[];
  /** The stored items as they were found. */
  readonly items: Record<string, unknown>;
}

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a storage key belongs to the settings (the recovery copy does not). */
export function isSettingsKey(key: string): boolean {
  return key === MAIN_KEY || key.startsWith(`${MAIN_KEY}/`);
}

const encoder = new TextEncoder();

/** Bytes an item costs against the sync quota: its key plus its value as JSON, in UTF-8. */
export function itemBytes(key: string, value: unknown): number {
  return encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;
}

function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

/** Splits lists into parts that each stay within `budget` bytes as stored under `prefix<n>`. */
export function packList(items: readonly string[], prefix: string, budget = PART_BUDGET): string[][] {
  const keyBytes = encoder.encode(`${prefix}0000`).length;
  const parts: string[][] = [];
  let current: string[] = [];
  let size = keyBytes + 2;
  for (const item of items) {
    const add = jsonBytes(item) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && size + add > budget) {
      parts.push(current);
      current = [];
      size = keyBytes + 2;
    }
    size += jsonBytes(item) + (current.length > 0 ? 1 : 0);
    current.push(item);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** Like `packList` for lists kept per group (custom terms per topic); a group may span parts. */
export function packGroups(
  groups: Readonly<Record<string, readonly string[] | undefined>>,
  prefix: string,
  budget = PART_BUDGET,
): Record<string, string[]>[] {
  const keyBytes = encoder.encode(`${prefix}0000`).length;
  const parts: Record<string, string[]>[] = [];
  let current: Record<string, string[]> = {};
  let size = keyBytes + 2;
  const cost = (group: string, item: string): number => {
    const list = current[group];
    if (list) return 1 + jsonBytes(item);
    return (Object.keys(current).length > 0 ? 1 : 0) + jsonBytes(group) + 1 + 2 + jsonBytes(item);
  };
  for (const [group, items] of Object.entries(groups)) {
    for (const item of items ?? []) {
      if (Object.keys(current).length > 0 && size + cost(group, item) > budget) {
        parts.push(current);
        current = {};
        size = keyBytes + 2;
      }
      size += cost(group, item);
      const list = current[group] ?? [];
      list.push(item);
      current[group] = list;
    }
  }
  if (Object.keys(current).length > 0) parts.push(current);
  return parts;
}

/** The storage items for `settings`: the main item and the parts of its long lists. */
export function splitForStorage(settings: Settings): Record<string, unknown> {
  const { customTerms, sites, ...rest } = settings;
  const termParts = packGroups(customTerms, TERMS_PREFIX);
  const siteParts = packList(sites.patterns, SITES_PREFIX);
  const items: Record<string, unknown> = {
    [MAIN_KEY]: { ...rest, sites: { mode: sites.mode }, parts: { terms: termParts.length, sites: siteParts.length } },
  };
  termParts.forEach((part, index) => {
    items[`${TERMS_PREFIX}${index}`] = part;
  });
  siteParts.forEach((part, index) => {
    items[`${SITES_PREFIX}${index}`] = part;
  });
  return items;
}

function isPartCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= SYNC_QUOTA.maxItems;
}

/**
 * How many parts of a list to read. The main item says; where its count is damaged or gone, the
 * parts present from 0 up are read instead of none, so a bad count does not cost the whole list.
 */
function partsToRead(declared: unknown, items: Record<string, unknown>, prefix: string): number {
  if (isPartCount(declared)) return declared;
  let count = 0;
  while (`${prefix}${count}` in items) count++;
  return count;
}

export interface JoinedItems {
  readonly value: unknown;
  /** Parts missing or damaged, and counts that could not be used. */
  readonly problems: string[];
  /** The parts among the problems that are missing rather than damaged. */
  readonly missing: string[];
}

/**
 * The settings object the items hold, lists joined from their parts, as the migrations and the
 * lenient parse expect it. A missing or damaged part is a problem; the other parts are kept.
 */
export function joinFromStorage(items: Record<string, unknown>): JoinedItems {
  const main = items[MAIN_KEY];
  const hasParts = (prefix: string) => `${prefix}0` in items;
  if (!isPlainObject(main)) return { value: main, problems: [], missing: [] };
  // Version 0 had no parts; a current main item whose `parts` went missing still has its lists.
  if (!('parts' in main) && !hasParts(TERMS_PREFIX) && !hasParts(SITES_PREFIX)) {
    return { value: main, problems: [], missing: [] };
  }
  const { parts: declared, ...rest } = main;
  const parts = isPlainObject(declared) ? declared : {};
  const problems: string[] = [];
  const missing: string[] = [];
  for (const list of ['terms', 'sites'] as const) {
    if (!isPartCount(parts[list])) problems.push(`${MAIN_KEY}.parts.${list}`);
  }
  const customTerms: Record<string, unknown[]> = {};
  for (let index = 0; index < partsToRead(parts.terms, items, TERMS_PREFIX); index++) {
    const key = `${TERMS_PREFIX}${index}`;
    const part = items[key];
    if (!isPlainObject(part)) {
      problems.push(key);
      if (part === undefined) missing.push(key);
      continue;
    }
    for (const [topic, terms] of Object.entries(part)) {
      if (Array.isArray(terms)) customTerms[topic] = [...(customTerms[topic] ?? []), ...terms];
      else problems.push(`${key}.${topic}`);
    }
  }
  const patterns: unknown[] = [];
  for (let index = 0; index < partsToRead(parts.sites, items, SITES_PREFIX); index++) {
    const key = `${SITES_PREFIX}${index}`;
    const part = items[key];
    if (Array.isArray(part)) patterns.push(...part);
    else {
      problems.push(key);
      if (part === undefined) missing.push(key);
    }
  }
  const sites = isPlainObject(rest.sites) ? { ...rest.sites, patterns } : rest.sites;
  return { value: { ...rest, customTerms, sites }, problems, missing };
}

/** Whether the items fit within storage.sync's quotas. */
export function fitsSync(items: Record<string, unknown>): boolean {
  const entries = Object.entries(items);
  if (entries.length > SYNC_QUOTA.maxItems) return false;
  let total = 0;
  for (const [key, value] of entries) {
    const bytes = itemBytes(key, value);
    if (bytes > SYNC_QUOTA.bytesPerItem) return false;
    total += bytes;
  }
  return total <= SYNC_QUOTA.totalBytes;
}

function settingsItems(all: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(all).filter(([key]) => isSettingsKey(key)));
}

function reasonFor(error: unknown): LocalReason {
  const message = error instanceof Error ? error.message : String(error);
  if (/MAX_WRITE_OPERATIONS|MAX_SUSTAINED/i.test(message)) return 'sync-rate-limited';
  if (/quota/i.test(message)) return 'sync-full';
  return 'sync-unavailable';
}

const LOCAL_REASONS: readonly LocalReason[] = ['sync-unavailable', 'sync-full', 'sync-rate-limited'];

function fromItems(items: Record<string, unknown>, area: 'sync' | 'local', localReason?: LocalReason): LoadedSettings {
  const joined = joinFromStorage(items);
  const stored = readStoredSettings(joined.value);
  return {
    ...stored,
    problems: [...joined.problems, ...stored.problems],
    area,
    raw: items,
    missingParts: joined.missing,
    ...(localReason ? { localReason } : {}),
  };
}

/** The settings in storage, migrated and repaired in memory. Never throws; never writes. */
export async function loadSettings(areas: SettingsAreas): Promise<LoadedSettings> {
  let local: Record<string, unknown> = {};
  try {
    local = settingsItems(await areas.local.get(null));
  } catch {
    // An unreadable local area leaves sync to answer, or the defaults.
  }
  const where = local[WHERE_KEY];
  if (isPlainObject(where) && where.area === 'local') {
    const reason = LOCAL_REASONS.find((known) => known === where.reason) ?? 'sync-unavailable';
    return fromItems(local, 'local', reason);
  }
  if (!areas.sync) return fromItems(local, 'local', 'sync-unavailable');
  let sync: Record<string, unknown>;
  try {
    sync = settingsItems(await areas.sync.get(null));
  } catch {
    return fromItems(local, 'local', 'sync-unavailable');
  }
  // Pre-release builds kept their settings in storage.local; they move to sync at the next save.
  if (sync[MAIN_KEY] === undefined && local[MAIN_KEY] !== undefined) return fromItems(local, 'local');
  return fromItems(sync, 'sync');
}

/** Writes the items in one call, then removes parts the new items no longer have. */
async function writeItems(area: StorageAreaLike, items: Record<string, unknown>): Promise<void> {
  const before = settingsItems(await area.get(null));
  await area.set(items);
  const stale = Object.keys(before).filter((key) => !(key in items));
  if (stale.length > 0) await area.remove(stale);
}

async function clearSettingsItems(area: StorageAreaLike): Promise<void> {
  const keys = Object.keys(settingsItems(await area.get(null)));
  if (keys.length > 0) await area.remove(keys);
}

/**
 * Keeps a copy of settings written by a newer version before this version writes over them:
 * their fields this version does not know would otherwise be gone without a trace. An existing
 * copy is left alone (the user has not looked at it yet).
 */
async function keepNewerVersion(areas: SettingsAreas, stored: LoadedSettings): Promise<void> {
  if (stored.newerVersion === undefined) return;
  if ((await areas.local.get(RECOVERY_KEY))[RECOVERY_KEY] !== undefined) return;
  const recovery: Recovery = {
    savedAt: new Date().toISOString(),
    kind: 'newer-version',
    problems: stored.problems,
    items: stored.raw,
  };
  await areas.local.set({ [RECOVERY_KEY]: recovery });
}

async function writeSettings(areas: SettingsAreas, settings: Settings, stored: LoadedSettings): Promise<SaveResult> {
  const checked = v.safeParse(SettingsSchema, settings);
  if (!checked.success) {
    throw new Error(`refusing to store invalid settings: ${v.summarize(checked.issues)}`);
  }
  const items = splitForStorage(checked.output);
  await keepNewerVersion(areas, stored).catch(() => undefined);
  let reason: LocalReason;
  if (!areas.sync) reason = 'sync-unavailable';
  else if (!fitsSync(items)) reason = 'sync-full';
  else {
    try {
      await writeItems(areas.sync, items);
      await clearSettingsItems(areas.local);
      return { area: 'sync' };
    } catch (error) {
      reason = reasonFor(error);
    }
  }
  await writeItems(areas.local, { ...items, [WHERE_KEY]: { area: 'local', reason } });
  return { area: 'local', reason };
}

/** Runs `task` alone among the contexts that share the lock; resolves with its result. */
export type SettingsLock = <T>(task: () => Promise<T>) => Promise<T>;

export const LOCK_NAME = 'yalu-lens-settings';

let localQueue: Promise<unknown> = Promise.resolve();

/**
 * A lock on the settings: the Web Locks API where the context has it (extension pages and the
 * service worker share one origin, so two options pages wait for each other), else a queue within
 * this context. Content scripts run in the page's origin and cannot share it.
 */
export function settingsLock(locks?: Pick<LockManager, 'request'>): SettingsLock {
  // The callback's promise is awaited by the lock manager; its typing does not say so.
  if (locks) return <T>(task: () => Promise<T>) => locks.request(LOCK_NAME, task) as unknown as Promise<T>;
  return (task) => {
    const run = localQueue.then(task);
    localQueue = run.catch(() => undefined);
    return run;
  };
}

/**
 * Stores `settings` as they are, in sync, or in local with the reason when sync cannot take
 * them. Use it where the settings replace whatever is stored (an import, a reset); an edit of
 * settings read earlier goes through `saveChange`, which keeps what others changed meanwhile.
 * Throws only for settings that do not pass the schema (a bug in the caller) and when local
 * storage refuses the write too.
 */
export async function saveSettings(
  areas: SettingsAreas,
  settings: Settings,
  lock: SettingsLock = settingsLock(),
): Promise<SaveResult> {
  return lock(async () => writeSettings(areas, settings, await loadSettings(areas)));
}

export interface SavedChange {
  readonly result: SaveResult;
  /** What was written: the edit merged into what was stored. */
  readonly settings: Settings;
}

export interface SaveChangeOptions {
  readonly lock?: SettingsLock;
  /**
   * Called with the merged settings just before they are written, so a caller that shows them
   * can take them as its new starting point before the change event of the write arrives.
   */
  readonly onMerged?: (merged: Settings) => void;
}

/**
 * Stores an edit: `edit()` gives the settings the edit started from (`base`) and the edited
 * settings (`next`). Under the lock, the stored settings are read again and the edit is merged
 * into them field by field (merge.ts), so values another context saved since `base` are kept.
 * `edit` is called only once the lock is held, so it sees the caller's latest state.
 */
export async function saveChange(
  areas: SettingsAreas,
  edit: () => { readonly base: Settings; readonly next: Settings },
  { lock = settingsLock(), onMerged }: SaveChangeOptions = {},
): Promise<SavedChange> {
  return lock(async () => {
    const stored = await loadSettings(areas);
    const { base, next } = edit();
    // Two edits can together pass a list's limit or give two topics one term: the lenient parse
    // tidies that, keeping what was stored first.
    const merged = coerceSettings(mergeSettings(base, next, stored.settings) as unknown as PlainObject).settings;
    onMerged?.(merged);
    // Nothing to write (an edit undone, or already written by an earlier save of the same edits):
    // storage.sync counts every write against its quota of about 120 a minute.
    const sound = stored.problems.length === 0 && stored.fromVersion === SETTINGS_VERSION;
    if (sound && sameValue(merged, stored.settings)) {
      if (stored.area === 'sync') return { result: { area: 'sync' }, settings: merged };
      if (stored.localReason) return { result: { area: 'local', reason: stored.localReason }, settings: merged };
    }
    const result = await writeSettings(areas, merged, stored);
    return { result, settings: merged };
  });
}

/**
 * Calls `onChange` with freshly loaded settings whenever any context changes them; returns a
 * function that stops watching. Loads that finish out of order are dropped, so the last change wins.
 */
export function watchSettings(areas: SettingsAreas, onChange: (loaded: LoadedSettings) => void): () => void {
  let latest = 0;
  const listener: StorageChangeListener = (changes, areaName) => {
    if (areaName !== 'sync' && areaName !== 'local') return;
    if (!Object.keys(changes).some(isSettingsKey)) return;
    const mine = ++latest;
    void loadSettings(areas).then((loaded) => {
      if (mine === latest) onChange(loaded);
    });
  };
  areas.onChanged.addListener(listener);
  return () => areas.onChanged.removeListener(listener);
}

/** The copy of damaged or newer-version settings, if there is one. */
export async function readRecovery(areas: SettingsAreas): Promise<Recovery | undefined> {
  try {
    const stored = (await areas.local.get(RECOVERY_KEY))[RECOVERY_KEY];
    if (isPlainObject(stored) && typeof stored.savedAt === 'string' && isPlainObject(stored.items)) {
      const problems = Array.isArray(stored.problems) ? stored.problems.filter((p) => typeof p === 'string') : [];
      const kind = stored.kind === 'newer-version' ? 'newer-version' : 'damaged';
      return { savedAt: stored.savedAt, kind, problems, items: stored.items };
    }
  } catch {
    // No recovery copy is the same as an unreadable one for the user.
  }
  return undefined;
}

export async function discardRecovery(areas: SettingsAreas): Promise<void> {
  await areas.local.remove(RECOVERY_KEY);
}

export interface RepairedSettings extends LoadedSettings {
  /** Set when the repaired or migrated settings were written back. */
  readonly saved?: SaveResult;
}

/**
 * Loads the settings and, when they were damaged or written by an older version, keeps a copy of
 * the raw items (damage only) and stores the repaired, current-version settings. Settings written
 * by a newer version are read as far as they fit and left in place: writing them back would
 * lose what this version does not know. Nor is anything written while a part of a split list is
 * missing: sync may still be bringing it, and writing now would drop what it holds.
 */
export async function repairSettings(
  areas: SettingsAreas,
  now: () => Date = () => new Date(),
  lock: SettingsLock = settingsLock(),
): Promise<RepairedSettings> {
  const needsRepair = (loaded: LoadedSettings) => {
    if (loaded.newerVersion !== undefined || loaded.missingParts.length > 0) return false;
    const damaged = loaded.problems.length > 0;
    const outdated = loaded.fromVersion !== null && loaded.fromVersion < SETTINGS_VERSION;
    const misplaced = loaded.area === 'local' && loaded.localReason === undefined && loaded.fromVersion !== null;
    return damaged || outdated || misplaced;
  };
  const first = await loadSettings(areas);
  if (!needsRepair(first)) return first;
  // Again under the lock: another context may have saved sound settings meanwhile.
  return lock(async () => {
    const loaded = await loadSettings(areas);
    if (!needsRepair(loaded)) return loaded;
    try {
      if (loaded.problems.length > 0) {
        const recovery: Recovery = {
          savedAt: now().toISOString(),
          kind: 'damaged',
          problems: loaded.problems,
          items: loaded.raw,
        };
        await areas.local.set({ [RECOVERY_KEY]: recovery });
      }
      const saved = await writeSettings(areas, loaded.settings, loaded);
      return { ...loaded, saved };
    } catch {
      // Storage refused even the local write: the repaired settings still work in memory.
      return loaded;
    }
  });
}
