import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CORE_TOPIC_IDS, RELATED_TOPIC_IDS, TOPIC_IDS } from '../../../src/knowledge/types';
import {
  contrastRatio,
  isHexColor,
  MIN_TEXT_CONTRAST,
  PALETTE,
  relativeLuminance,
  textContrastOn,
  underlineColor,
} from '../../../src/settings/colors';
import { defaultSettings } from '../../../src/settings/defaults';
import { coerceSettings, readStoredSettings } from '../../../src/settings/parse';
import { LIMITS, SETTINGS_VERSION, SettingsSchema } from '../../../src/settings/schema';

describe('defaults', () => {
  it('pass the schema and carry the current version', () => {
    const settings = defaultSettings();
    expect(v.safeParse(SettingsSchema, settings).success).toBe(true);
    expect(settings.version).toBe(SETTINGS_VERSION);
  });

  it('turn core topics on and related topics off', () => {
    const { topics } = defaultSettings();
    for (const id of CORE_TOPIC_IDS) expect(topics[id].enabled, id).toBe(true);
    for (const id of RELATED_TOPIC_IDS) expect(topics[id].enabled, id).toBe(false);
  });

  it('give every topic its own palette colour', () => {
    const colors = TOPIC_IDS.map((id) => defaultSettings().topics[id].color);
    expect(new Set(colors).size).toBe(TOPIC_IDS.length);
    for (const color of colors) expect(PALETTE.map((entry) => entry.hex)).toContain(color);
  });

  it('are a fresh copy each time', () => {
    const first = defaultSettings();
    first.topics['korean-war'].enabled = false;
    first.sites.patterns.push('example.com');
    expect(defaultSettings().topics['korean-war'].enabled).toBe(true);
    expect(defaultSettings().sites.patterns).toEqual([]);
  });
});

describe('palette', () => {
  it.each(PALETTE.map((color) => [color.name, color.hex]))('%s keeps black text at 4.5:1 or more', (_, hex) => {
    expect(textContrastOn(hex)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });

  it.each(PALETTE.map((color) => [color.name, color.hex]))(
    '%s has an underline visible on white and on black pages',
    (_, hex) => {
      const underline = underlineColor(hex);
      expect(isHexColor(underline)).toBe(true);
      expect(contrastRatio(underline, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(underline, '#000000')).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('has unique names and colours, written in lower case', () => {
    expect(new Set(PALETTE.map((color) => color.name)).size).toBe(PALETTE.length);
    expect(new Set(PALETTE.map((color) => color.hex)).size).toBe(PALETTE.length);
    for (const color of PALETTE) expect(color.hex).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('computes WCAG luminance and contrast', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('derives an underline for any custom colour, dark or grey ones too', () => {
    for (const hex of ['#000000', '#ffffff', '#808080', '#ff0000', '#123456', '#00ff00']) {
      const underline = underlineColor(hex);
      expect(contrastRatio(underline, '#ffffff'), hex).toBeGreaterThanOrEqual(4.4);
      expect(contrastRatio(underline, '#000000'), hex).toBeGreaterThanOrEqual(4.4);
    }
  });
});

describe('SettingsSchema', () => {
  const valid = () => defaultSettings() as unknown as Record<string, unknown> & ReturnType<typeof defaultSettings>;

  it.each([
    [
      'an unknown topic',
      (s: ReturnType<typeof valid>) => Object.assign(s.topics, { 'cold-war': s.topics['korean-war'] }),
    ],
    [
      'a colour name instead of hex',
      (s: ReturnType<typeof valid>) => Object.assign(s.topics['korean-war'], { color: 'red' }),
    ],
    [
      'a dwell over the limit',
      (s: ReturnType<typeof valid>) => Object.assign(s.card, { dwellMs: LIMITS.dwellMaxMs + 1 }),
    ],
    ['a negative dwell', (s: ReturnType<typeof valid>) => Object.assign(s.card, { dwellMs: -1 })],
    ['a fractional dwell', (s: ReturnType<typeof valid>) => Object.assign(s.card, { dwellMs: 10.5 })],
    ['an unknown mark style', (s: ReturnType<typeof valid>) => Object.assign(s, { markStyle: 'wavy' })],
    [
      'a term that is too short',
      (s: ReturnType<typeof valid>) => Object.assign(s.customTerms, { 'korean-war': ['ab'] }),
    ],
    [
      'too many terms',
      (s: ReturnType<typeof valid>) =>
        Object.assign(s.customTerms, {
          'korean-war': Array.from({ length: LIMITS.termsPerTopic + 1 }, (_, i) => `term ${i}`),
        }),
    ],
    ['a site with a path', (s: ReturnType<typeof valid>) => s.sites.patterns.push('example.com/news')],
    ['an unknown key', (s: ReturnType<typeof valid>) => Object.assign(s, { theme: 'dark' })],
    ['another version', (s: ReturnType<typeof valid>) => Object.assign(s, { version: 2 })],
  ])('refuses %s', (_, change) => {
    const settings = valid();
    change(settings);
    expect(v.safeParse(SettingsSchema, settings).success).toBe(false);
  });

  it('accepts CJK terms of two characters, custom colours and listed sites', () => {
    const settings = valid();
    settings.customTerms['korean-war'] = ['韓戰', '조선전쟁', 'armistice'];
    settings.topics['kim-il-sung'].color = '#336699';
    settings.sites = { mode: 'only-listed', patterns: ['example.com', 'xn--bcher-kva.de'] };
    expect(v.safeParse(SettingsSchema, settings).success).toBe(true);
  });
});

describe('reading damaged settings', () => {
  it('keeps every valid value and replaces each invalid one with its default', () => {
    const stored = {
      version: 1,
      topics: {
        'korean-war': { enabled: false, color: '#abcdef' },
        'kim-il-sung': { enabled: 'yes', color: '#A9D8FF' },
        'mao-zedong': 42,
        'cold-war': { enabled: true, color: '#000000' },
      },
      customTerms: { 'korean-war': ['armistice', 7, 'ab', 'armistice', 'Panmunjom'], 'no-such-topic': ['x'] },
      markStyle: 'wavy',
      card: { dwellMs: 99999, openOn: 'click' },
      sites: { mode: 'only-listed', patterns: ['example.com', 'not a site', 'news.example.org'] },
      pausedEverywhere: 'no',
      badge: false,
      somethingElse: true,
    };
    const { settings, problems } = coerceSettings(stored);
    const defaults = defaultSettings();
    expect(settings.topics['korean-war']).toEqual({ enabled: false, color: '#abcdef' });
    expect(settings.topics['kim-il-sung']).toEqual({ enabled: false, color: '#a9d8ff' });
    expect(settings.topics['mao-zedong']).toEqual(defaults.topics['mao-zedong']);
    expect(settings.customTerms).toEqual({ 'korean-war': ['armistice', 'Panmunjom'] });
    expect(settings.markStyle).toBe(defaults.markStyle);
    expect(settings.card).toEqual({ dwellMs: defaults.card.dwellMs, openOn: 'click' });
    expect(settings.sites).toEqual({ mode: 'only-listed', patterns: ['example.com', 'news.example.org'] });
    expect(settings.pausedEverywhere).toBe(false);
    expect(settings.badge).toBe(false);
    expect(v.safeParse(SettingsSchema, settings).success).toBe(true);
    expect(problems.sort()).toEqual(
      [
        'topics.kim-il-sung.enabled',
        'topics.mao-zedong',
        'topics.cold-war',
        'customTerms.korean-war.1',
        'customTerms.korean-war.2',
        'customTerms.korean-war.3',
        'customTerms.no-such-topic',
        'markStyle',
        'card.dwellMs',
        'sites.patterns.1',
        'pausedEverywhere',
        'somethingElse',
      ].sort(),
    );
  });

  it.each([
    ['a string', 'settings'],
    ['a number', 42],
    ['null', null],
    ['a list', [1, 2, 3]],
    ['a negative version', { version: -1 }],
    ['a version that is text', { version: 'one' }],
  ])('falls back to the defaults for %s', (_, raw) => {
    const stored = readStoredSettings(raw);
    expect(stored.settings).toEqual(defaultSettings());
    expect(stored.problems).toEqual(['settings']);
  });

  it('reads nothing stored as the defaults, without problems', () => {
    expect(readStoredSettings(undefined)).toEqual({ settings: defaultSettings(), problems: [], fromVersion: null });
  });

  it('reads settings of a newer version as far as they fit, and says so', () => {
    const newer = { ...defaultSettings(), version: 9, markStyle: 'underline', newThing: { a: 1 } };
    const stored = readStoredSettings(newer);
    expect(stored.newerVersion).toBe(9);
    expect(stored.settings.markStyle).toBe('underline');
    expect(stored.problems).toContain('version 9');
  });
});
