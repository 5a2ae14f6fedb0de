import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/settings/defaults';
import { LIMITS } from '../../../src/settings/limits';
import {
  hostMatches,
  isSiteActive,
  normalizeSiteInput,
  sitePatternProblem,
  validateSitePattern,
} from '../../../src/settings/site-patterns';

describe('normalizeSiteInput', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM. ', 'example.com'],
    ['*.example.com', 'example.com'],
    ['https://www.nytimes.com/section/world?x=1#top', 'www.nytimes.com'],
    ['news.example.com/world/asia', 'news.example.com'],
    ['localhost:8080', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['조선일보.com', 'xn--on3b99etzg31a.com'],
  ])('stores %j as %j', (input, pattern) => {
    expect(normalizeSiteInput(input)).toEqual({ pattern, error: null });
  });

  it.each([
    ['', /Type a site to add/],
    ['exa mple.com', /no spaces/],
    ['news.*.com', /can only stand at the start/],
    ['-bad.com', /is not a site name/],
    ['bad..com', /is not a site name/],
    ['file:///home/me/page.html', /has no site name/],
    ['https://', /is not a web address/],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`, /at most 253 characters/],
  ])('refuses %j with a message', (input, message) => {
    const result = normalizeSiteInput(input);
    expect(result.pattern).toBeNull();
    expect(result.error).toMatch(message);
  });
});

describe('validateSitePattern', () => {
  it('refuses what is already listed or covered by a broader entry', () => {
    expect(validateSitePattern('example.com', ['example.com']).error).toBe('example.com is already in the list.');
    expect(validateSitePattern('news.example.com', ['example.com']).error).toBe(
      'news.example.com is already covered by example.com, which includes its subdomains.',
    );
    expect(validateSitePattern('example.com', ['news.example.com'])).toEqual({ pattern: 'example.com', error: null });
  });

  it(`refuses a site past the ${LIMITS.sitePatterns} that fit`, () => {
    const full = Array.from({ length: LIMITS.sitePatterns }, (_, i) => `site${i}.example`);
    expect(validateSitePattern('one-more.example', full).error).toMatch(/at most 200 sites/);
  });

  it('judges stored patterns by their stored form', () => {
    expect(sitePatternProblem('example.com')).toBeNull();
    expect(sitePatternProblem('Example.com')).toBe('“Example.com” must be written as example.com.');
  });
});

describe('isSiteActive', () => {
  const settings = (mode: 'all-except-paused' | 'only-listed', patterns: string[], pausedEverywhere = false) => ({
    ...defaultSettings(),
    sites: { mode, patterns },
    pausedEverywhere,
  });

  it('covers a host and its subdomains, not look-alikes', () => {
    expect(hostMatches('example.com', 'example.com')).toBe(true);
    expect(hostMatches('www.example.com', 'example.com')).toBe(true);
    expect(hostMatches('WWW.Example.com.', 'example.com')).toBe(true);
    expect(hostMatches('badexample.com', 'example.com')).toBe(false);
    expect(hostMatches('example.com.evil.net', 'example.com')).toBe(false);
  });

  it('marks everywhere except paused sites by default', () => {
    expect(isSiteActive(defaultSettings(), 'www.nytimes.com')).toBe(true);
    const paused = settings('all-except-paused', ['nytimes.com']);
    expect(isSiteActive(paused, 'www.nytimes.com')).toBe(false);
    expect(isSiteActive(paused, 'www.bbc.co.uk')).toBe(true);
  });

  it('marks only the listed sites in that mode', () => {
    const only = settings('only-listed', ['nknews.org']);
    expect(isSiteActive(only, 'www.nknews.org')).toBe(true);
    expect(isSiteActive(only, 'www.nytimes.com')).toBe(false);
    expect(isSiteActive(settings('only-listed', []), 'example.com')).toBe(false);
  });

  it('marks nothing while paused everywhere', () => {
    expect(isSiteActive(settings('all-except-paused', [], true), 'example.com')).toBe(false);
    expect(isSiteActive(settings('only-listed', ['example.com'], true), 'example.com')).toBe(false);
  });
});
