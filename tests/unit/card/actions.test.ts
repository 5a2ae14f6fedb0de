import { describe, expect, it } from 'vitest';
import { pauseSite, withTopicMarked } from '../../../src/content/card/actions';
import { defaultSettings, isSiteActive } from '../../../src/settings';

describe('Stop marking this topic', () => {
  it('turns the topic off and its undo turns it back on, keeping changes made in between', () => {
    const settings = defaultSettings();
    const change = withTopicMarked(settings, 'korean-war', false);
    expect(change.next.topics['korean-war'].enabled).toBe(false);
    expect(settings.topics['korean-war'].enabled).toBe(true);
    const meanwhile = structuredClone(change.next);
    meanwhile.markStyle = 'underline';
    const undone = change.undo(meanwhile);
    expect(undone.topics['korean-war'].enabled).toBe(true);
    expect(undone.markStyle).toBe('underline');
  });
});

describe('Pause on this site', () => {
  it('adds the site without www and undoes by resuming it', () => {
    const settings = defaultSettings();
    const change = pauseSite(settings, 'www.example.com');
    if ('error' in change) throw new Error(change.error);
    expect(change.next.sites.patterns).toEqual(['example.com']);
    expect(isSiteActive(change.next, 'news.example.com')).toBe(false);
    const undone = change.undo(change.next);
    expect(undone.sites.patterns).toEqual([]);
    expect(isSiteActive(undone, 'www.example.com')).toBe(true);
  });

  it('removes the site from the list of sites to mark in the other mode', () => {
    const settings = defaultSettings();
    settings.sites = { mode: 'only-listed', patterns: ['example.com', 'other.org'] };
    const change = pauseSite(settings, 'news.example.com');
    if ('error' in change) throw new Error(change.error);
    expect(change.next.sites.patterns).toEqual(['other.org']);
    expect(change.undo(change.next).sites.patterns).toEqual(['other.org', 'example.com']);
    expect(isSiteActive(change.undo(change.next), 'news.example.com')).toBe(true);
  });

  it('undoes exactly what it did: entries the pause folded into the new one come back', () => {
    const settings = defaultSettings();
    settings.sites.patterns = ['news.example.com', 'other.org'];
    const change = pauseSite(settings, 'example.com');
    if ('error' in change) throw new Error(change.error);
    expect(change.next.sites.patterns).toEqual(['other.org', 'example.com']);
    expect(change.undo(change.next).sites.patterns.sort()).toEqual(['news.example.com', 'other.org']);
  });

  it('says why a page without a host cannot be paused', () => {
    expect(pauseSite(defaultSettings(), '')).toEqual({ error: expect.stringContaining('no site name') });
  });
});
