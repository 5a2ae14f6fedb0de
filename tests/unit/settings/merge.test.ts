/**
 * Several writers: two options pages, the popup and a card each save whole settings from the copy
 * they hold. These tests check that a later save never puts back values another writer changed
 * meanwhile (src/settings/merge.ts and saveChange in src/settings/storage.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOPIC_IDS, type TopicId } from '../../../src/knowledge/types';
import { defaultSettings } from '../../../src/settings/defaults';
import { mergeSettings, sameValue } from '../../../src/settings/merge';
import type { Settings } from '../../../src/settings/schema';
import {
  loadSettings,
  type SettingsLock,
  saveChange,
  saveSettings,
  settingsLock,
  watchSettings,
} from '../../../src/settings/storage';
import { fakeStorage } from './fake-storage';

function edited(from: Settings, change: (draft: Settings) => void): Settings {
  const next = structuredClone(from);
  change(next);
  return next;
}

describe('mergeSettings', () => {
  const base = defaultSettings();

  it('keeps the edit’s changes and everything else from what is stored now', () => {
    const mine = edited(base, (s) => {
      s.topics['mao-zedong'].enabled = true;
    });
    const theirs = edited(base, (s) => {
      s.markStyle = 'underline';
      s.card.dwellMs = 800;
    });
    const merged = mergeSettings(base, mine, theirs);
    expect(merged.topics['mao-zedong'].enabled).toBe(true);
    expect(merged.markStyle).toBe('underline');
    expect(merged.card).toEqual({ dwellMs: 800, openOn: 'hover' });
  });

  it('merges two fields of one object, and lets the edit win where both changed one value', () => {
    const mine = edited(base, (s) => {
      s.card.openOn = 'click';
      s.topics['korean-war'].color = '#ffe0a0';
    });
    const theirs = edited(base, (s) => {
      s.card.dwellMs = 0;
      s.topics['korean-war'].color = '#a9d8ff';
      s.topics['korean-war'].enabled = false;
    });
    const merged = mergeSettings(base, mine, theirs);
    expect(merged.card).toEqual({ dwellMs: 0, openOn: 'click' });
    expect(merged.topics['korean-war']).toEqual({ enabled: false, color: '#ffe0a0' });
  });

  it('merges lists as sets: additions on both sides kept, a removal applied', () => {
    const start = edited(base, (s) => {
      s.customTerms['korean-war'] = ['armistice', 'Panmunjom'];
      s.sites.patterns = ['example.com', 'news.example.org'];
    });
    const mine = edited(start, (s) => {
      s.customTerms['korean-war'] = ['Panmunjom', 'Inchon landing'];
      s.sites.patterns = ['example.com', 'news.example.org', 'nknews.org'];
    });
    const theirs = edited(start, (s) => {
      s.customTerms['korean-war'] = ['armistice', 'Panmunjom', 'Chosin'];
      s.customTerms['mao-zedong'] = ['Chairman Mao'];
      s.sites.patterns = ['example.com'];
    });
    const merged = mergeSettings(start, mine, theirs);
    expect(merged.customTerms).toEqual({
      'korean-war': ['Panmunjom', 'Chosin', 'Inchon landing'],
      'mao-zedong': ['Chairman Mao'],
    });
    expect(merged.sites.patterns).toEqual(['example.com', 'nknews.org']);
  });

  it('treats a topic without terms as an empty list on either side', () => {
    const start = edited(base, (s) => {
      s.customTerms['kim-il-sung'] = ['Great Leader'];
    });
    const mine = edited(start, (s) => {
      delete s.customTerms['kim-il-sung'];
    });
    const theirs = edited(start, (s) => {
      s.customTerms['kim-il-sung'] = ['Great Leader', 'Suryong'];
    });
    expect(mergeSettings(start, mine, theirs).customTerms).toEqual({ 'kim-il-sung': ['Suryong'] });
    expect(mergeSettings(start, mine, start).customTerms).toEqual({});
  });

  it('returns what is stored when the edit changed nothing, and the edit when nothing else did', () => {
    const other = edited(base, (s) => {
      s.badge = false;
    });
    expect(mergeSettings(base, base, other)).toEqual(other);
    expect(mergeSettings(base, other, base)).toEqual(other);
  });

  it('compares values whatever the order of their keys', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});

describe('saveChange', () => {
  it('keeps a change saved by another page since this page read the settings', async () => {
    const storage = fakeStorage();
    // Both pages open over the defaults.
    const pageA = (await loadSettings(storage)).settings;
    const pageB = (await loadSettings(storage)).settings;
    const nextA = edited(pageA, (s) => {
      s.topics['cultural-revolution'].enabled = true;
    });
    await saveChange(storage, () => ({ base: pageA, next: nextA }));
    // B has not seen A's save yet and changes something else.
    const nextB = edited(pageB, (s) => {
      s.markStyle = 'background';
    });
    const saved = await saveChange(storage, () => ({ base: pageB, next: nextB }));
    const stored = (await loadSettings(storage)).settings;
    expect(stored.topics['cultural-revolution'].enabled).toBe(true);
    expect(stored.markStyle).toBe('background');
    expect(saved.settings).toEqual(stored);
  });

  it('keeps both changes when two pages save at the same moment', async () => {
    const storage = fakeStorage();
    const start = (await loadSettings(storage)).settings;
    // Each page's reads and writes interleave unless they take turns: a slow area shows it.
    const { get, set } = storage.sync;
    storage.sync.get = async (keys) => {
      await new Promise((done) => setTimeout(done, 5));
      return get.call(storage.sync, keys);
    };
    storage.sync.set = async (items) => {
      await new Promise((done) => setTimeout(done, 5));
      return set.call(storage.sync, items);
    };
    const lock: SettingsLock = settingsLock();
    await Promise.all([
      saveChange(
        storage,
        () => ({
          base: start,
          next: edited(start, (s) => {
            s.badge = false;
          }),
        }),
        { lock },
      ),
      saveChange(
        storage,
        () => ({
          base: start,
          next: edited(start, (s) => {
            s.customTerms['korean-war'] = ['armistice'];
          }),
        }),
        { lock },
      ),
      saveChange(
        storage,
        () => ({
          base: start,
          next: edited(start, (s) => {
            s.card.openOn = 'click';
          }),
        }),
        {
          lock,
        },
      ),
    ]);
    const stored = (await loadSettings(storage)).settings;
    expect(stored).toMatchObject({
      badge: false,
      customTerms: { 'korean-war': ['armistice'] },
      card: { openOn: 'click' },
    });
  });

  it('reads the edit only once the lock is held, and reports the merge before it writes', async () => {
    const storage = fakeStorage();
    const start = defaultSettings();
    const order: string[] = [];
    watchSettings(storage, () => order.push('change event'));
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => {
      release = done;
    });
    const lock = settingsLock();
    const blocker = lock(() => held);
    let latest = edited(start, (s) => {
      s.badge = false;
    });
    const saving = saveChange(storage, () => ({ base: start, next: latest }), {
      lock,
      onMerged: () => order.push('merged'),
    });
    // An edit made while the save waits for its turn is part of that save.
    latest = edited(latest, (s) => {
      s.pausedEverywhere = true;
    });
    release();
    await blocker;
    await saving;
    await new Promise((done) => setTimeout(done, 0));
    expect((await loadSettings(storage)).settings).toMatchObject({ badge: false, pausedEverywhere: true });
    expect(order[0]).toBe('merged');
    expect(order).toContain('change event');
  });

  it('does not write when the merged settings are what is stored already', async () => {
    const storage = fakeStorage();
    const start = defaultSettings();
    await saveSettings(storage, start);
    const writes = storage.sync.writes;
    const next = edited(start, (s) => {
      s.badge = false;
    });
    await saveChange(storage, () => ({ base: start, next }));
    expect(storage.sync.writes).toBe(writes + 1);
    // The same edit again (a second flush of one page) costs no write against the sync quota.
    expect((await saveChange(storage, () => ({ base: next, next }))).result).toEqual({ area: 'sync' });
    expect(storage.sync.writes).toBe(writes + 1);
  });

  it('tidies what two edits give together: a term in two topics is kept once, in the stored one', async () => {
    const storage = fakeStorage();
    const start = defaultSettings();
    await saveChange(storage, () => ({
      base: start,
      next: edited(start, (s) => {
        s.customTerms['kim-il-sung'] = ['Great Leader'];
      }),
    }));
    const saved = await saveChange(storage, () => ({
      base: start,
      next: edited(start, (s) => {
        s.customTerms['kim-jong-un'] = ['Great Leader'];
      }),
    }));
    expect(saved.settings.customTerms).toEqual({ 'kim-il-sung': ['Great Leader'] });
    expect((await loadSettings(storage)).problems).toEqual([]);
  });

  it('an import or a reset (saveSettings) waits for a save in progress, then replaces everything', async () => {
    const storage = fakeStorage();
    const start = defaultSettings();
    const lock = settingsLock();
    const edit = saveChange(
      storage,
      () => ({
        base: start,
        next: edited(start, (s) => {
          s.badge = false;
        }),
      }),
      {
        lock,
      },
    );
    const reset = saveSettings(storage, defaultSettings(), lock);
    await Promise.all([edit, reset]);
    expect((await loadSettings(storage)).settings).toEqual(defaultSettings());
  });

  it('uses the Web Locks API when the context has it', async () => {
    const names: string[] = [];
    const locks = {
      request: (async (name: string, task: () => Promise<unknown>) => {
        names.push(name);
        return task();
      }) as unknown as LockManager['request'],
    };
    const storage = fakeStorage();
    const start = defaultSettings();
    await saveChange(
      storage,
      () => ({
        base: start,
        next: edited(start, (s) => {
          s.badge = false;
        }),
      }),
      {
        lock: settingsLock(locks),
      },
    );
    expect(names).toEqual(['yalu-lens-settings']);
  });
});

describe('writers that each change their own settings from stale copies', () => {
  type Edit = { writer: 0 | 1; topic: TopicId; enabled: boolean };
  // Writer 0 owns the first half of the topics, writer 1 the second: their edits never overlap.
  const half = Math.ceil(TOPIC_IDS.length / 2);
  const editArb: fc.Arbitrary<Edit> = fc
    .record({ writer: fc.constantFrom(0 as const, 1 as const), index: fc.nat(half - 1), enabled: fc.boolean() })
    .map(({ writer, index, enabled }) => ({
      writer,
      topic: TOPIC_IDS[Math.min(TOPIC_IDS.length - 1, writer * half + index)] as TopicId,
      enabled,
    }));

  it('end with every writer’s last value for each setting it changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(editArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean()),
        async (edits, refresh) => {
          const storage = fakeStorage();
          // Each writer's copy is refreshed from storage only now and then, as change events arrive.
          const copies: Settings[] = [defaultSettings(), defaultSettings()];
          const expected = new Map<TopicId, boolean>();
          for (const [i, { writer, topic, enabled }] of edits.entries()) {
            const base = copies[writer] as Settings;
            const next = edited(base, (s) => {
              s.topics[topic].enabled = enabled;
            });
            const saved = await saveChange(storage, () => ({ base, next }));
            copies[writer] = saved.settings;
            expected.set(topic, enabled);
            if (refresh[i]) copies[1 - writer] = (await loadSettings(storage)).settings;
          }
          const stored = (await loadSettings(storage)).settings;
          for (const [topic, enabled] of expected) expect(stored.topics[topic].enabled).toBe(enabled);
        },
      ),
      { numRuns: 100 },
    );
  });
});
