import { describe, expect, it } from 'vitest';
import { TOPIC_NAMES } from '../../../src/knowledge/names';
import { defaultSettings } from '../../../src/settings/defaults';
import { SETTINGS_VERSION } from '../../../src/settings/schema';
import { exportSettings, importSettings } from '../../../src/settings/transfer';

function custom() {
  const settings = defaultSettings();
  settings.topics['kim-il-sung'] = { enabled: true, color: '#336699' };
  settings.customTerms = { 'korean-war': ['armistice', '정전협정'], 'mao-zedong': ['Great Helmsman'] };
  settings.markStyle = 'underline';
  settings.card = { dwellMs: 800, openOn: 'click' };
  settings.sites = { mode: 'only-listed', patterns: ['nknews.org', 'xn--bcher-kva.de'] };
  settings.badge = false;
  return settings;
}

function refused(text: string): string {
  const result = importSettings(text, TOPIC_NAMES);
  if (result.ok) throw new Error('expected the import to be refused');
  return result.message;
}

describe('export and import', () => {
  it('round-trips every setting', () => {
    const settings = custom();
    const result = importSettings(exportSettings(settings), TOPIC_NAMES);
    expect(result).toEqual({ ok: true, settings, fromVersion: SETTINGS_VERSION });
  });

  it('writes readable, versioned JSON', () => {
    const text = exportSettings(defaultSettings());
    expect(text).toMatch(/^\{\n {2}"version": 1,/);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('migrates a file from version 0 and fills in what it lacked', () => {
    const result = importSettings(JSON.stringify({ enabledTopics: ['mao-zedong'], dwell: 100 }), TOPIC_NAMES);
    if (!result.ok) throw new Error(result.message);
    expect(result.fromVersion).toBe(0);
    expect(result.settings.topics['mao-zedong'].enabled).toBe(true);
    expect(result.settings.topics['korean-war'].enabled).toBe(false);
    expect(result.settings.card).toEqual({ dwellMs: 100, openOn: 'hover' });
  });
});

describe('refused imports say what is wrong', () => {
  it('an empty file', () => {
    expect(refused('  \n')).toBe('This file is empty, so there is nothing to import.');
  });

  it('a file that is not JSON', () => {
    expect(refused('{"version": 1,')).toMatch(
      /^This file is not valid JSON \(.+\)\. Choose a file that Yalu Lens exported\.$/,
    );
  });

  it.each([
    ['[1, 2]', 'a list'],
    ['"settings"', 'a string'],
    ['null', 'null'],
  ])('JSON that is not an object: %s', (text, kind) => {
    expect(refused(text)).toBe(
      `This file holds ${kind} where Yalu Lens settings are an object with a “version” number.`,
    );
  });

  it('an object that is not settings', () => {
    expect(refused('{"name": "something else"}')).toMatch(/no “version” number/);
  });

  it('a newer version', () => {
    expect(refused(JSON.stringify({ ...custom(), version: SETTINGS_VERSION + 1 }))).toBe(
      `These settings come from a newer version of Yalu Lens (settings version ${SETTINGS_VERSION + 1}; this one reads up to ${SETTINGS_VERSION}). Update Yalu Lens, then import the file again.`,
    );
  });

  it('a version that is not a whole number', () => {
    expect(refused('{"version": "1"}')).toBe('The “version” of this file must be a whole number, like 1.');
  });

  it('the wrong shape, naming the first few problems', () => {
    const bad = JSON.parse(exportSettings(custom()));
    bad.topics['korean-war'].color = 'yellow';
    delete bad.markStyle;
    bad.card.dwellMs = 9000;
    bad.sites.patterns.push('not a site');
    bad.colour = 'blue';
    const message = refused(JSON.stringify(bad));
    expect(message).toMatch(/^This file has the wrong shape: /);
    expect(message).toContain('topics.korean-war.color: must be a colour written like #ffd966');
    expect(message).toContain('markStyle is missing');
    expect(message).toContain('card.dwellMs: must be at most 1500');
    expect(message).toMatch(/and 2 more\.$/);
  });

  it('a term that duplicates a built-in name', () => {
    const bad = custom();
    bad.customTerms['mao-zedong'] = ['Mao Zedong'];
    expect(refused(JSON.stringify(bad))).toBe(
      'This file has settings Yalu Lens cannot use: customTerms.mao-zedong.0: “Mao Zedong” is already a built-in name of Mao Zedong.',
    );
  });

  it('a site covered twice', () => {
    const bad = custom();
    bad.sites.patterns = ['example.com', 'news.example.com'];
    expect(refused(JSON.stringify(bad))).toMatch(
      /sites\.patterns\.1: news\.example\.com is already covered by example\.com/,
    );
  });
});
