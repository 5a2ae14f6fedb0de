import { describe, expect, it } from 'vitest';
import { TOPIC_IDS } from '../../../src/knowledge/types';
import { defaultSettings } from '../../../src/settings/defaults';
import { LIMITS } from '../../../src/settings/limits';
import type { Settings } from '../../../src/settings/schema';
import {
  itemBytes,
  joinFromStorage,
  type LoadedSettings,
  loadSettings,
  MAIN_KEY,
  packGroups,
  packList,
  RECOVERY_KEY,
  readRecovery,
  repairSettings,
  SITES_PREFIX,
  SYNC_QUOTA,
  saveSettings,
  splitForStorage,
  TERMS_PREFIX,
  WHERE_KEY,
  watchSettings,
} from '../../../src/settings/storage';
import { fakeStorage } from './fake-storage';

/** Settings with the most custom terms allowed, each as long as allowed, in `script`. */
function fullOfTerms(script: 'latin' | 'cjk'): Settings {
  const settings = defaultSettings();
  for (const [t, topic] of TOPIC_IDS.entries()) {
    settings.customTerms[topic] = Array.from({ length: LIMITS.termsPerTopic }, (_, i) => {
      const head = script === 'latin' ? `term ${t} ${i} ` : `用語${t}號${i}`;
      return (head + (script === 'latin' ? 'x' : '字').repeat(LIMITS.termMaxLength)).slice(0, LIMITS.termMaxLength);
    });
  }
  return settings;
}

function withSites(count: number): Settings {
  const settings = defaultSettings();
  settings.sites.patterns = Array.from({ length: count }, (_, i) => `site-number-${i}.news.example`);
  return settings;
}

describe('splitting for the sync quota', () => {
  it('keeps a small settings object in one item', () => {
    const items = splitForStorage(defaultSettings());
    expect(Object.keys(items)).toEqual([MAIN_KEY]);
  });

  it('splits large lists into parts that each fit in 8 KB, in order', () => {
    const settings = fullOfTerms('latin');
    settings.sites.patterns = withSites(LIMITS.sitePatterns).sites.patterns;
    const items = splitForStorage(settings);
    const termKeys = Object.keys(items).filter((key) => key.startsWith(TERMS_PREFIX));
    const siteKeys = Object.keys(items).filter((key) => key.startsWith(SITES_PREFIX));
    expect(termKeys.length).toBeGreaterThan(4);
    expect(siteKeys.length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(items)) {
      expect(itemBytes(key, value), key).toBeLessThanOrEqual(SYNC_QUOTA.bytesPerItem);
    }
    const joined = joinFromStorage(items);
    expect(joined.problems).toEqual([]);
    expect(joined.value).toEqual({ ...settings });
  });

  it('packs near the budget without passing it, also with multi-byte text', () => {
    for (const item of ['a', 'ab"c\\', '字字字字', 'é'.repeat(40)]) {
      const items = Array.from({ length: 700 }, (_, i) => `${item}${i}`);
      const parts = packList(items, 'p/', 1000);
      expect(parts.flat()).toEqual(items);
      for (const [index, part] of parts.entries()) {
        const bytes = itemBytes(`p/${index}`, part);
        expect(bytes).toBeLessThanOrEqual(1000);
        if (index < parts.length - 1) expect(bytes).toBeGreaterThan(900);
      }
    }
  });

  it('lets one topic’s terms span parts and joins them back in order', () => {
    const groups = { a: Array.from({ length: 300 }, (_, i) => `alpha ${i}`), b: ['beta'], c: ['gamma 1', 'gamma 2'] };
    const parts = packGroups(groups, 'g/', 600);
    expect(parts.length).toBeGreaterThan(3);
    for (const [index, part] of parts.entries()) expect(itemBytes(`g/${index}`, part)).toBeLessThanOrEqual(600);
    const joined: Record<string, string[]> = {};
    for (const part of parts) {
      for (const [group, items] of Object.entries(part)) joined[group] = [...(joined[group] ?? []), ...items];
    }
    expect(joined).toEqual(groups);
  });
});

describe('saving and loading', () => {
  it('starts from the defaults when nothing is stored', async () => {
    const storage = fakeStorage();
    const loaded = await loadSettings(storage);
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.problems).toEqual([]);
    expect(loaded.area).toBe('sync');
  });

  it('round-trips settings through storage.sync', async () => {
    const storage = fakeStorage();
    const settings = defaultSettings();
    settings.topics['mao-zedong'].enabled = true;
    settings.customTerms['korean-war'] = ['armistice'];
    expect(await saveSettings(storage, settings)).toEqual({ area: 'sync' });
    const loaded = await loadSettings(storage);
    expect(loaded.settings).toEqual(settings);
    expect(loaded.area).toBe('sync');
    expect(storage.local.data.size).toBe(0);
  });

  it('stores the largest Latin-script lists in sync, split across keys', async () => {
    const storage = fakeStorage();
    const settings = fullOfTerms('latin');
    expect(await saveSettings(storage, settings)).toEqual({ area: 'sync' });
    expect(storage.sync.data.size).toBeGreaterThan(5);
    expect(storage.sync.usedBytes()).toBeLessThanOrEqual(SYNC_QUOTA.totalBytes);
    expect((await loadSettings(storage)).settings).toEqual(settings);
  });

  it('removes parts a smaller list no longer needs', async () => {
    const storage = fakeStorage();
    await saveSettings(storage, fullOfTerms('latin'));
    const small = defaultSettings();
    small.customTerms['korean-war'] = ['armistice'];
    await saveSettings(storage, small);
    expect([...storage.sync.data.keys()].sort()).toEqual([MAIN_KEY, `${TERMS_PREFIX}0`]);
    expect((await loadSettings(storage)).settings).toEqual(small);
  });

  it('falls back to storage.local when the settings are too large for sync, and says why', async () => {
    const storage = fakeStorage();
    const settings = fullOfTerms('cjk');
    expect(await saveSettings(storage, settings)).toEqual({ area: 'local', reason: 'sync-full' });
    expect(storage.sync.writes).toBe(0);
    const loaded = await loadSettings(storage);
    expect(loaded).toMatchObject({ area: 'local', localReason: 'sync-full', problems: [] });
    expect(loaded.settings).toEqual(settings);
  });

  it('falls back when sync refuses a write over its quota', async () => {
    // Something else uses most of sync, so only the browser can tell the write does not fit.
    const storage = fakeStorage({ ...SYNC_QUOTA, totalBytes: 2000 });
    expect(await saveSettings(storage, withSites(150))).toEqual({ area: 'local', reason: 'sync-full' });
    expect((await loadSettings(storage)).settings.sites.patterns).toHaveLength(150);
  });

  it('falls back when sync is unavailable, and when the browser has none', async () => {
    const storage = fakeStorage();
    storage.sync.failWith = new Error('Sync is disabled by policy');
    expect(await saveSettings(storage, defaultSettings())).toEqual({ area: 'local', reason: 'sync-unavailable' });
    expect(await loadSettings(storage)).toMatchObject({ area: 'local', localReason: 'sync-unavailable' });

    const noSync = { local: storage.local, onChanged: storage.onChanged };
    expect(await saveSettings(noSync, defaultSettings())).toEqual({ area: 'local', reason: 'sync-unavailable' });
    expect(await loadSettings(noSync)).toMatchObject({ area: 'local', localReason: 'sync-unavailable' });
  });

  it('tells a rate limit apart from a full sync area', async () => {
    const storage = fakeStorage();
    storage.sync.set = async () => {
      throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.');
    };
    expect(await saveSettings(storage, defaultSettings())).toEqual({ area: 'local', reason: 'sync-rate-limited' });
  });

  it('moves back to sync at the next save that fits, and clears the local copy', async () => {
    const storage = fakeStorage();
    await saveSettings(storage, fullOfTerms('cjk'));
    expect(storage.local.data.has(WHERE_KEY)).toBe(true);
    const small = defaultSettings();
    small.badge = false;
    expect(await saveSettings(storage, small)).toEqual({ area: 'sync' });
    expect([...storage.local.data.keys()]).toEqual([]);
    expect(await loadSettings(storage)).toMatchObject({ area: 'sync', settings: small });
  });

  it('refuses to store settings that do not pass the schema', async () => {
    const settings = defaultSettings();
    settings.card.dwellMs = 99_999;
    await expect(saveSettings(fakeStorage(), settings)).rejects.toThrow(/refusing to store invalid settings/);
  });
});

describe('damaged storage', () => {
  it('never throws, even when both areas fail', async () => {
    const storage = fakeStorage();
    storage.sync.failWith = new Error('boom');
    storage.local.failWith = new Error('boom');
    const loaded = await loadSettings(storage);
    expect(loaded.settings).toEqual(defaultSettings());
  });

  it.each([
    ['a string', 'corrupt'],
    ['a list', [1, 2]],
    ['null', null],
  ])('reads a main item that is %s as the defaults and names the problem', async (_, value) => {
    const storage = fakeStorage();
    storage.sync.data.set(MAIN_KEY, value);
    const loaded = await loadSettings(storage);
    expect(loaded.settings).toEqual(defaultSettings());
    expect(loaded.problems).toEqual(['settings']);
  });

  it('keeps the parts that survive when one is missing or damaged', async () => {
    const storage = fakeStorage();
    const settings = fullOfTerms('latin');
    settings.sites.patterns = ['example.com'];
    await saveSettings(storage, settings);
    storage.sync.data.delete(`${TERMS_PREFIX}1`);
    storage.sync.data.set(`${TERMS_PREFIX}2`, 'garbage');
    const loaded = await loadSettings(storage);
    expect(loaded.problems).toEqual([`${TERMS_PREFIX}1`, `${TERMS_PREFIX}2`]);
    const kept = Object.values(loaded.settings.customTerms).flat();
    expect(kept.length).toBeGreaterThan(200);
    expect(kept.length).toBeLessThan(500);
    expect(loaded.settings.sites.patterns).toEqual(['example.com']);
    expect(loaded.settings.topics).toEqual(settings.topics);
  });

  it('repairs damaged settings and keeps the raw items for recovery', async () => {
    const storage = fakeStorage();
    const settings = defaultSettings();
    settings.markStyle = 'underline';
    await saveSettings(storage, settings);
    const main = storage.sync.data.get(MAIN_KEY) as Record<string, unknown>;
    const damaged = { ...main, badge: 'sometimes', topics: { ...(main.topics as object), 'korean-war': 'on' } };
    storage.sync.data.set(MAIN_KEY, damaged);

    const repaired = await repairSettings(storage, () => new Date('2025-11-28T10:00:00Z'));
    expect(repaired.problems).toEqual(['topics.korean-war', 'badge']);
    expect(repaired.saved).toEqual({ area: 'sync' });
    expect(repaired.settings.markStyle).toBe('underline');

    const recovery = await readRecovery(storage);
    expect(recovery).toEqual({
      savedAt: '2025-11-28T10:00:00.000Z',
      kind: 'damaged',
      problems: ['topics.korean-war', 'badge'],
      items: { [MAIN_KEY]: damaged },
    });
    const after = await loadSettings(storage);
    expect(after.problems).toEqual([]);
    expect(after.settings).toEqual(repaired.settings);
    expect(storage.local.data.has(RECOVERY_KEY)).toBe(true);
  });

  it('leaves sound settings alone', async () => {
    const storage = fakeStorage();
    await saveSettings(storage, defaultSettings());
    const writes = storage.sync.writes;
    const repaired = await repairSettings(storage);
    expect(repaired.saved).toBeUndefined();
    expect(storage.sync.writes).toBe(writes);
    expect(await readRecovery(storage)).toBeUndefined();
  });

  it('migrates pre-release settings from storage.local into sync', async () => {
    const storage = fakeStorage();
    storage.local.data.set(MAIN_KEY, { enabledTopics: ['korean-war', 'mao-zedong'], dwell: 450 });
    storage.local.data.set('tab-counts', { 3: 7 });
    const repaired = await repairSettings(storage);
    expect(repaired.fromVersion).toBe(0);
    expect(repaired.saved).toEqual({ area: 'sync' });
    const loaded = await loadSettings(storage);
    expect(loaded.area).toBe('sync');
    expect(loaded.fromVersion).toBe(1);
    expect(loaded.settings.topics['mao-zedong'].enabled).toBe(true);
    expect(loaded.settings.topics['sino-vietnamese-war'].enabled).toBe(false);
    expect(loaded.settings.card.dwellMs).toBe(450);
    expect([...storage.local.data.keys()]).toEqual(['tab-counts']);
  });

  it('does not overwrite settings written by a newer version', async () => {
    const storage = fakeStorage();
    storage.sync.data.set(MAIN_KEY, { ...defaultSettings(), version: 5, markStyle: 'underline' });
    const repaired = await repairSettings(storage);
    expect(repaired.newerVersion).toBe(5);
    expect(repaired.settings.markStyle).toBe('underline');
    expect(repaired.saved).toBeUndefined();
    expect((storage.sync.data.get(MAIN_KEY) as { version: number }).version).toBe(5);
  });
});

describe('watchSettings', () => {
  it('reports each change made from any context, and stops when asked', async () => {
    const storage = fakeStorage();
    const seen: LoadedSettings[] = [];
    const stop = watchSettings(storage, (loaded) => seen.push(loaded));
    const settings = defaultSettings();
    settings.topics['korean-war'].enabled = false;
    await saveSettings(storage, settings);
    await new Promise((done) => setTimeout(done, 0));
    expect(seen.at(-1)?.settings.topics['korean-war'].enabled).toBe(false);

    const count = seen.length;
    await storage.local.set({ 'tab-counts': { 1: 2 } });
    await new Promise((done) => setTimeout(done, 0));
    expect(seen.length).toBe(count);

    stop();
    await saveSettings(storage, defaultSettings());
    await new Promise((done) => setTimeout(done, 0));
    expect(seen.length).toBe(count);
  });

  it('delivers the last of several quick changes', async () => {
    const storage = fakeStorage();
    const seen: number[] = [];
    watchSettings(storage, (loaded) => seen.push(loaded.settings.card.dwellMs));
    for (const dwellMs of [100, 200, 300, 400]) {
      const settings = defaultSettings();
      settings.card.dwellMs = dwellMs;
      void saveSettings(storage, settings);
    }
    await new Promise((done) => setTimeout(done, 10));
    expect(seen.at(-1)).toBe(400);
  });
});
