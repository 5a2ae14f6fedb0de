/**
 * What storage does to settings when things go wrong: sync full, rate-limited, turned off or
 * missing; lists whose parts are missing, damaged or miscounted; settings from a newer version.
 * In every case the user's change is kept somewhere it is read back from, and the reason shows.
 */
import { describe, expect, it } from 'vitest';
import { TOPIC_IDS } from '../../../src/knowledge/types';
import { defaultSettings } from '../../../src/settings/defaults';
import { LIMITS } from '../../../src/settings/limits';
import type { Settings } from '../../../src/settings/schema';
import {
  loadSettings,
  MAIN_KEY,
  RECOVERY_KEY,
  readRecovery,
  repairSettings,
  SITES_PREFIX,
  SYNC_QUOTA,
  saveChange,
  saveSettings,
  TERMS_PREFIX,
  WHERE_KEY,
} from '../../../src/settings/storage';
import { FIREFOX_SYNC_DISABLED, fakeStorage, QUOTA_MESSAGES } from './fake-storage';

function changed(change: (draft: Settings) => void, from: Settings = defaultSettings()): Settings {
  const next = structuredClone(from);
  change(next);
  return next;
}

/** Latin terms enough to need several parts in sync. */
function manyTerms(): Settings {
  return changed((s) => {
    for (const [t, topic] of TOPIC_IDS.slice(0, 4).entries()) {
      s.customTerms[topic] = Array.from({ length: LIMITS.termsPerTopic }, (_, i) =>
        `term ${t} ${i} `.padEnd(LIMITS.termMaxLength, 'x'),
      );
    }
  });
}

/** Fills sync with someone else's items until `room` bytes are left. */
function fillSync(storage: ReturnType<typeof fakeStorage>, room: number): void {
  let left = SYNC_QUOTA.totalBytes - storage.sync.usedBytes();
  for (let index = 0; left > room; index++) {
    const key = `filler/${index}`;
    const size = Math.min(8000, left - room);
    storage.sync.data.set(key, 'f'.repeat(Math.max(0, size - key.length - 2)));
    left = SYNC_QUOTA.totalBytes - storage.sync.usedBytes();
  }
}

describe('a save that storage.sync refuses', () => {
  const sizeRefusals = [
    ...Object.entries(QUOTA_MESSAGES.chromium)
      .filter(([quota]) => !quota.startsWith('per'))
      .map(([quota, message]) => [`Chromium, ${quota}`, message]),
    ['Firefox, any size quota', QUOTA_MESSAGES.firefox.totalBytes],
    // Chrome before the wording changed, still in the field on older installs.
    ['older Chrome, QUOTA_BYTES', 'QUOTA_BYTES quota exceeded'],
  ];

  it.each(sizeRefusals)('goes to storage.local as “sync full” (%s) and keeps the change', async (_, message) => {
    const storage = fakeStorage();
    storage.sync.set = async () => {
      throw new Error(message);
    };
    const next = changed((s) => {
      s.markStyle = 'underline';
    });
    expect(await saveSettings(storage, next)).toEqual({ area: 'local', reason: 'sync-full' });
    const loaded = await loadSettings(storage);
    expect(loaded).toMatchObject({ area: 'local', localReason: 'sync-full', problems: [] });
    expect(loaded.settings).toEqual(next);
  });

  it.each([
    ['per minute', QUOTA_MESSAGES.chromium.perMinute],
    ['per hour', QUOTA_MESSAGES.chromium.perHour],
  ])('goes to storage.local as “rate-limited” when writes %s run out', async (_, message) => {
    const storage = fakeStorage();
    storage.sync.set = async () => {
      throw new Error(message);
    };
    expect(
      await saveSettings(
        storage,
        changed((s) => void Object.assign(s, { badge: false })),
      ),
    ).toEqual({
      area: 'local',
      reason: 'sync-rate-limited',
    });
    expect((await loadSettings(storage)).settings.badge).toBe(false);
  });

  it('falls back when other items fill sync, leaves them alone, and returns to sync once there is room', async () => {
    const storage = fakeStorage();
    await saveSettings(storage, defaultSettings());
    fillSync(storage, 300);
    const fillers = [...storage.sync.data.keys()].filter((key) => key.startsWith('filler/'));
    const next = manyTerms();
    expect(await saveSettings(storage, next)).toEqual({ area: 'local', reason: 'sync-full' });
    expect([...storage.sync.data.keys()].filter((key) => key.startsWith('filler/'))).toEqual(fillers);
    // What a reload reads: the change, from local, with the reason for the note.
    expect(await loadSettings(storage)).toMatchObject({ area: 'local', localReason: 'sync-full', settings: next });

    for (const key of fillers) storage.sync.data.delete(key);
    const later = changed((s) => {
      s.badge = false;
    }, next);
    expect(await saveSettings(storage, later)).toEqual({ area: 'sync' });
    expect([...storage.local.data.keys()]).toEqual([]);
    expect(await loadSettings(storage)).toMatchObject({ area: 'sync', settings: later });
  });

  it('keeps the change when sync takes the write but refuses the clean-up after it', async () => {
    const storage = fakeStorage();
    await saveSettings(storage, manyTerms());
    // One write left this minute: the set of the smaller settings, not the removal of old parts.
    storage.sync.writesLeftThisMinute = 1;
    const small = changed((s) => {
      s.customTerms['korean-war'] = ['armistice'];
    });
    expect(await saveSettings(storage, small)).toEqual({ area: 'local', reason: 'sync-rate-limited' });
    expect((await loadSettings(storage)).settings).toEqual(small);
    // Next minute, the next change goes back to sync and tidies the old parts away.
    storage.sync.writesLeftThisMinute = Number.POSITIVE_INFINITY;
    const later = changed((s) => {
      s.badge = false;
    }, small);
    expect(await saveSettings(storage, later)).toEqual({ area: 'sync' });
    expect([...storage.sync.data.keys()].sort()).toEqual([MAIN_KEY, `${TERMS_PREFIX}0`]);
    expect(await loadSettings(storage)).toMatchObject({ area: 'sync', settings: later, problems: [] });
  });

  it('rejects, for the page to show, only when storage.local refuses too', async () => {
    const storage = fakeStorage();
    storage.sync.failWith = new Error(QUOTA_MESSAGES.chromium.totalBytes);
    storage.local.set = async () => {
      throw new Error('QuotaExceededError: storage.local API call exceeded its quota limitations.');
    };
    await expect(saveSettings(storage, defaultSettings())).rejects.toThrow(/storage\.local/);
  });

  it('an edit (saveChange) falls back the same way and keeps what another page saved', async () => {
    const storage = fakeStorage();
    const start = defaultSettings();
    await saveSettings(
      storage,
      changed((s) => {
        s.pausedEverywhere = true;
      }),
    );
    storage.sync.set = async () => {
      throw new Error(QUOTA_MESSAGES.chromium.perMinute);
    };
    const saved = await saveChange(storage, () => ({
      base: start,
      next: changed((s) => {
        s.card.openOn = 'click';
      }),
    }));
    expect(saved.result).toEqual({ area: 'local', reason: 'sync-rate-limited' });
    expect((await loadSettings(storage)).settings).toMatchObject({ pausedEverywhere: true, card: { openOn: 'click' } });
  });
});

describe('storage.sync turned off or missing', () => {
  it('uses storage.local with a reason when Firefox has sync turned off', async () => {
    const storage = fakeStorage();
    storage.sync.failWith = new Error(FIREFOX_SYNC_DISABLED);
    expect(await loadSettings(storage)).toMatchObject({ area: 'local', localReason: 'sync-unavailable' });
    const next = changed((s) => {
      s.topics['kim-jong-un'].enabled = true;
    });
    expect(await saveSettings(storage, next)).toEqual({ area: 'local', reason: 'sync-unavailable' });
    expect(await loadSettings(storage)).toMatchObject({
      area: 'local',
      localReason: 'sync-unavailable',
      settings: next,
    });
    expect(storage.local.data.get(WHERE_KEY)).toEqual({ area: 'local', reason: 'sync-unavailable' });
  });

  it('keeps settings saved on this device when sync comes back, until the next save moves them', async () => {
    const storage = fakeStorage();
    storage.sync.failWith = new Error(FIREFOX_SYNC_DISABLED);
    const next = changed((s) => {
      s.markStyle = 'background';
    });
    await saveSettings(storage, next);
    storage.sync.failWith = undefined;
    // Sync is back but empty: the device's copy is still what counts.
    expect(await loadSettings(storage)).toMatchObject({ area: 'local', settings: next });
    const later = changed((s) => {
      s.badge = false;
    }, next);
    expect(await saveSettings(storage, later)).toEqual({ area: 'sync' });
    expect(await loadSettings(storage)).toMatchObject({ area: 'sync', settings: later });
  });

  it('works without a sync area at all, and an edit still merges', async () => {
    const storage = fakeStorage();
    const areas = { local: storage.local, onChanged: storage.onChanged };
    const start = (await loadSettings(areas)).settings;
    await saveChange(areas, () => ({
      base: start,
      next: changed((s) => {
        s.badge = false;
      }),
    }));
    const saved = await saveChange(areas, () => ({
      base: start,
      next: changed((s) => {
        s.markStyle = 'underline';
      }),
    }));
    expect(saved.result).toEqual({ area: 'local', reason: 'sync-unavailable' });
    expect((await loadSettings(areas)).settings).toMatchObject({ badge: false, markStyle: 'underline' });
  });

  it('never throws while loading, whatever the areas do', async () => {
    const storage = fakeStorage();
    storage.sync.get = () => Promise.reject(new Error('An unexpected error occurred'));
    storage.local.get = () => Promise.reject(new Error('An unexpected error occurred'));
    expect((await loadSettings(storage)).settings).toEqual(defaultSettings());
    expect((await repairSettings(storage)).settings).toEqual(defaultSettings());
  });
});

describe('split lists that arrive damaged or in part', () => {
  /** Sync holding settings with several parts of terms and one of sites. */
  async function stored(): Promise<{ storage: ReturnType<typeof fakeStorage>; settings: Settings }> {
    const storage = fakeStorage();
    const settings = manyTerms();
    settings.sites.patterns = ['example.com', 'news.example.org'];
    await saveSettings(storage, settings);
    return { storage, settings };
  }

  it.each([
    ['text', '3'],
    ['negative', -1],
    ['a fraction', 1.5],
    ['missing', undefined],
  ])('reads every part present when the count of parts is %s, and repairs the count', async (_, count) => {
    const { storage, settings } = await stored();
    const main = structuredClone(storage.sync.data.get(MAIN_KEY)) as { parts: Record<string, unknown> };
    main.parts.terms = count;
    storage.sync.data.set(MAIN_KEY, main);
    const loaded = await loadSettings(storage);
    expect(loaded.settings.customTerms).toEqual(settings.customTerms);
    expect(loaded.problems).toEqual([`${MAIN_KEY}.parts.terms`]);
    const repaired = await repairSettings(storage);
    expect(repaired.saved).toEqual({ area: 'sync' });
    expect(await loadSettings(storage)).toMatchObject({ problems: [], settings });
  });

  it('reads the lists when the main item lost its `parts` altogether', async () => {
    const { storage, settings } = await stored();
    const { parts: _, ...main } = storage.sync.data.get(MAIN_KEY) as Record<string, unknown>;
    storage.sync.data.set(MAIN_KEY, main);
    const loaded = await loadSettings(storage);
    expect(loaded.settings).toEqual(settings);
    expect(loaded.problems).toEqual([`${MAIN_KEY}.parts.terms`, `${MAIN_KEY}.parts.sites`]);
  });

  it('keeps the good values of a part with wrong types in it, and names the bad ones', async () => {
    const { storage, settings } = await stored();
    storage.sync.data.set(`${TERMS_PREFIX}0`, { 'korean-war': ['armistice', 42, null], 'mao-zedong': 'Mao' });
    storage.sync.data.set(`${SITES_PREFIX}0`, ['example.com', { host: 'x' }, 7]);
    const loaded = await loadSettings(storage);
    expect(loaded.settings.customTerms['korean-war']).toEqual(['armistice']);
    expect(loaded.settings.sites.patterns).toEqual(['example.com']);
    expect(loaded.settings.topics).toEqual(settings.topics);
    expect(loaded.problems).toEqual([
      `${TERMS_PREFIX}0.mao-zedong`,
      'customTerms.korean-war.1',
      'customTerms.korean-war.2',
      'sites.patterns.1',
      'sites.patterns.2',
    ]);
    // The damaged part is repaired, with a copy of it kept for the user.
    await repairSettings(storage);
    expect((await readRecovery(storage))?.items[`${TERMS_PREFIX}0`]).toEqual({
      'korean-war': ['armistice', 42, null],
      'mao-zedong': 'Mao',
    });
  });

  it('reads one wrongly typed field as its default and keeps every other field', async () => {
    const storage = fakeStorage();
    const settings = changed((s) => {
      s.markStyle = 'underline';
      s.card = { dwellMs: 700, openOn: 'click' };
      s.topics['mao-zedong'].enabled = true;
    });
    await saveSettings(storage, settings);
    const main = structuredClone(storage.sync.data.get(MAIN_KEY)) as Record<string, unknown>;
    storage.sync.data.set(MAIN_KEY, { ...main, card: { dwellMs: '700', openOn: 'click' } });
    const loaded = await loadSettings(storage);
    expect(loaded.problems).toEqual(['card.dwellMs']);
    expect(loaded.settings).toEqual(changed((s) => void Object.assign(s.card, { dwellMs: 300 }), settings));
  });

  it('does not repair away a part that sync has not brought yet, and keeps it once it arrives', async () => {
    const { storage, settings } = await stored();
    const late = storage.sync.data.get(`${TERMS_PREFIX}1`);
    storage.sync.data.delete(`${TERMS_PREFIX}1`);
    const partial = await repairSettings(storage);
    expect(partial.missingParts).toEqual([`${TERMS_PREFIX}1`]);
    expect(partial.saved).toBeUndefined();
    expect(await readRecovery(storage)).toBeUndefined();

    // The options page shows the partial settings; the part arrives before the user's edit is saved.
    storage.sync.data.set(`${TERMS_PREFIX}1`, late);
    const edit = changed((s) => {
      s.badge = false;
    }, partial.settings);
    await saveChange(storage, () => ({ base: partial.settings, next: edit }));
    const after = await loadSettings(storage);
    expect(after.problems).toEqual([]);
    expect(after.settings).toEqual(changed((s) => void Object.assign(s, { badge: false }), settings));
  });

  it('ignores parts beyond the count (a newer main item still on its way) without a problem', async () => {
    const { storage, settings } = await stored();
    storage.sync.data.set(`${SITES_PREFIX}1`, ['later.example']);
    const loaded = await loadSettings(storage);
    expect(loaded.settings).toEqual(settings);
    expect(loaded.problems).toEqual([]);
  });
});

describe('settings from a newer version', () => {
  const newer = () => ({
    ...structuredClone(storageShape()),
    version: 7,
    markStyle: 'underline',
    futureFeature: { on: true },
  });
  function storageShape() {
    return { ...defaultSettings(), parts: { terms: 0, sites: 0 } };
  }

  it('are read as far as they fit and left as they are by the repair', async () => {
    const storage = fakeStorage();
    storage.sync.data.set(MAIN_KEY, newer());
    const repaired = await repairSettings(storage);
    expect(repaired).toMatchObject({ newerVersion: 7, settings: { markStyle: 'underline' } });
    expect(repaired.saved).toBeUndefined();
    expect(storage.sync.data.get(MAIN_KEY)).toEqual(newer());
  });

  it('are copied for recovery before this version first writes over them', async () => {
    const storage = fakeStorage();
    storage.sync.data.set(MAIN_KEY, newer());
    const loaded = await loadSettings(storage);
    // The popup pauses a site: this version's settings replace the newer ones in sync.
    const saved = await saveChange(storage, () => ({
      base: loaded.settings,
      next: changed((s) => {
        s.sites.patterns = ['example.com'];
      }, loaded.settings),
    }));
    expect(saved.settings).toMatchObject({ version: 1, markStyle: 'underline', sites: { patterns: ['example.com'] } });
    const recovery = await readRecovery(storage);
    expect(recovery).toMatchObject({ kind: 'newer-version', items: { [MAIN_KEY]: newer() } });
    expect(recovery?.problems).toContain('version 7');

    // Later saves leave that copy alone.
    await saveSettings(storage, defaultSettings());
    expect((await readRecovery(storage))?.items).toEqual({ [MAIN_KEY]: newer() });
  });

  it('do not replace an earlier recovery copy the user has not looked at', async () => {
    const storage = fakeStorage();
    const earlier = { savedAt: '2025-01-01T00:00:00.000Z', kind: 'damaged', problems: ['badge'], items: { x: 1 } };
    storage.local.data.set(RECOVERY_KEY, earlier);
    storage.sync.data.set(MAIN_KEY, newer());
    await saveSettings(storage, defaultSettings());
    expect(storage.local.data.get(RECOVERY_KEY)).toEqual(earlier);
  });
});
