import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/settings/defaults';
import { LIMITS } from '../../../src/settings/limits';
import { isSitePaused, pauseReason, sitePatternFor, withSitePaused } from '../../../src/settings/pause';
import type { Settings } from '../../../src/settings/schema';

function settingsWith(patterns: string[], mode: Settings['sites']['mode'] = 'all-except-paused'): Settings {
  const settings = defaultSettings();
  settings.sites = { mode, patterns };
  return settings;
}

function patternsAfter(settings: Settings, hostname: string, paused: boolean): string[] {
  const change = withSitePaused(settings, hostname, paused);
  if ('error' in change) throw new Error(change.error);
  return change.next.sites.patterns;
}

describe('pauseReason', () => {
  it('says why a page is not marked', () => {
    expect(pauseReason(settingsWith([]), 'example.com')).toBeUndefined();
    expect(pauseReason(settingsWith(['example.com']), 'news.example.com')).toBe('site');
    expect(pauseReason({ ...settingsWith([]), pausedEverywhere: true }, 'example.com')).toBe('everywhere');
    expect(pauseReason(settingsWith(['other.org'], 'only-listed'), 'example.com')).toBe('site');
  });
});

describe('sitePatternFor', () => {
  it.each([
    ['www.example.com', 'example.com'],
    ['news.example.com', 'news.example.com'],
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', 'localhost'],
    ['www.com', 'www.com'],
    ['', null],
  ])('takes %j to stand for %j', (hostname, pattern) => {
    expect(sitePatternFor(hostname)).toBe(pattern);
  });
});

describe('withSitePaused', () => {
  it('pauses a site by adding it to the paused list, and resumes by removing what covers it', () => {
    const paused = patternsAfter(settingsWith(['other.org']), 'www.example.com', true);
    expect(paused).toEqual(['other.org', 'example.com']);
    const resumed = patternsAfter(settingsWith(paused), 'www.example.com', false);
    expect(resumed).toEqual(['other.org']);
  });

  it('resumes a site paused through a broader entry by removing that entry', () => {
    expect(patternsAfter(settingsWith(['example.com', 'other.org']), 'news.example.com', false)).toEqual(['other.org']);
  });

  it('drops entries that the new one covers, which would only repeat it', () => {
    expect(patternsAfter(settingsWith(['news.example.com']), 'example.com', true)).toEqual(['example.com']);
  });

  it('works the other way round when only listed sites are marked', () => {
    const settings = settingsWith(['example.com'], 'only-listed');
    expect(isSitePaused(settings, 'www.example.com')).toBe(false);
    expect(patternsAfter(settings, 'www.example.com', true)).toEqual([]);
    expect(patternsAfter(settingsWith([], 'only-listed'), 'www.example.com', false)).toEqual(['example.com']);
  });

  it('changes nothing when the site is already as asked, and ignores pausing everywhere', () => {
    const settings = { ...settingsWith(['example.com']), pausedEverywhere: true };
    const change = withSitePaused(settings, 'example.com', true);
    expect(change).toEqual({ next: settings });
    expect(isSitePaused(settings, 'example.com')).toBe(true);
    expect(isSitePaused({ ...settingsWith([]), pausedEverywhere: true }, 'example.com')).toBe(false);
  });

  it('refuses pages without a host and a full list, with a message', () => {
    expect(withSitePaused(settingsWith([]), '', true)).toEqual({ error: expect.stringMatching(/no site name/) });
    const full = settingsWith(Array.from({ length: LIMITS.sitePatterns }, (_, index) => `site${index}.example`));
    expect(withSitePaused(full, 'example.com', true)).toEqual({ error: expect.stringMatching(/is full/) });
  });

  it('never changes the settings it is given', () => {
    const settings = settingsWith(['other.org']);
    const before = JSON.stringify(settings);
    withSitePaused(settings, 'example.com', true);
    expect(JSON.stringify(settings)).toBe(before);
  });
});
