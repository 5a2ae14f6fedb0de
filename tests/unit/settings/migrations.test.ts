import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/settings/defaults';
import { MIGRATIONS, type Migration, migrate, versionOf } from '../../../src/settings/migrations';
import { readStoredSettings } from '../../../src/settings/parse';
import { SETTINGS_VERSION, SettingsSchema } from '../../../src/settings/schema';

/** What a pre-release build (settings version 0) wrote, as it wrote it. */
const V0_PAYLOAD = {
  enabledTopics: ['korean-war', 'sino-nk-treaty', 'kim-il-sung', 'no-longer-a-topic', 12],
  dwell: 2250.7,
  pausedHosts: ['www.nytimes.com', 'https://news.example.org/world', 'not a host', 'nytimes.com', 5],
  underlineOnly: true,
};

describe('migration table', () => {
  it('is ordered and contiguous from version 0 to the current version', () => {
    expect(MIGRATIONS[0]?.from).toBe(0);
    MIGRATIONS.forEach((migration, index) => {
      expect(migration.to).toBe(migration.from + 1);
      if (index > 0) expect(migration.from).toBe(MIGRATIONS[index - 1]?.to);
    });
    expect(MIGRATIONS.at(-1)?.to).toBe(SETTINGS_VERSION);
  });
});

describe('version 0 to 1', () => {
  const step = MIGRATIONS.find((migration) => migration.from === 0) as Migration;

  it('moves enabled topics, renamed ids, the dwell, paused hosts and the underline choice', () => {
    const next = step.migrate(structuredClone(V0_PAYLOAD));
    expect(next.version).toBe(1);
    const topics = next.topics as Record<string, { enabled: boolean }>;
    expect(topics['korean-war']).toEqual({ enabled: true });
    expect(topics['sino-north-korean-treaty']).toEqual({ enabled: true });
    expect(topics['kim-il-sung']).toEqual({ enabled: true });
    expect(topics['sino-vietnamese-war']).toEqual({ enabled: false });
    expect(topics['no-longer-a-topic']).toBeUndefined();
    expect(next.card).toEqual({ dwellMs: 1500 });
    expect(next.sites).toEqual({ mode: 'all-except-paused', patterns: ['nytimes.com', 'news.example.org'] });
    expect(next.markStyle).toBe('underline');
  });

  it('gives valid current settings after the parse, with defaults for what version 0 lacked', () => {
    const stored = readStoredSettings(structuredClone(V0_PAYLOAD));
    expect(stored.fromVersion).toBe(0);
    expect(stored.problems).toEqual([]);
    expect(v.safeParse(SettingsSchema, stored.settings).success).toBe(true);
    const defaults = defaultSettings();
    expect(stored.settings.topics['korean-war']).toEqual({ enabled: true, color: defaults.topics['korean-war'].color });
    expect(stored.settings.topics['sino-vietnamese-war'].enabled).toBe(false);
    expect(stored.settings.card).toEqual({ dwellMs: 1500, openOn: 'hover' });
    expect(stored.settings.badge).toBe(true);
    expect(stored.settings.customTerms).toEqual({});
  });

  it('leaves damaged version 0 fields to their defaults instead of throwing', () => {
    const stored = readStoredSettings({ enabledTopics: 'korean-war', dwell: 'slow', pausedHosts: null });
    expect(stored.fromVersion).toBe(0);
    expect(stored.settings).toEqual(defaultSettings());
  });

  it('reads a version 0 payload with only some fields', () => {
    const stored = readStoredSettings({ dwell: 0 });
    expect(stored.settings.card.dwellMs).toBe(0);
    expect(stored.settings.topics).toEqual(defaultSettings().topics);
  });
});

describe('migrate', () => {
  it('recognises the version of stored values', () => {
    expect(versionOf({ enabledTopics: [] })).toBe(0);
    expect(versionOf({ version: 1 })).toBe(1);
    expect(versionOf({ version: 1.5 })).toBeUndefined();
    expect(versionOf('text')).toBeUndefined();
    expect(versionOf([])).toBeUndefined();
  });

  it('leaves current settings as they are', () => {
    const settings = defaultSettings();
    expect(migrate(settings)).toEqual({ ok: true, value: settings, from: SETTINGS_VERSION });
  });

  it('refuses a newer version instead of guessing', () => {
    expect(migrate({ version: SETTINGS_VERSION + 1 })).toEqual({
      ok: false,
      reason: 'newer',
      version: SETTINGS_VERSION + 1,
    });
  });

  it('runs every step in order, each on the output of the one before', () => {
    const seen: number[] = [];
    const chain: Migration[] = [0, 1, 2].map((from) => ({
      from,
      to: from + 1,
      summary: `step ${from}`,
      migrate: (old) => {
        seen.push(old.version as number);
        return { ...old, trail: [...((old.trail as number[]) ?? []), from] };
      },
    }));
    const result = migrate({ version: 1 }, chain, 3);
    expect(result).toEqual({ ok: true, value: { version: 3, trail: [1, 2] }, from: 1 });
    expect(seen).toEqual([1, 2]);
  });

  it('fails loudly when a step is missing, which is a bug in the table', () => {
    expect(() => migrate({ version: 0 }, [], 1)).toThrow(/no migration from settings version 0/);
  });
});
