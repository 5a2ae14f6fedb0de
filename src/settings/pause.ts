/**
 * Pausing: why a page is not marked, and the popup's "Pause on this site" switch as a pure change
 * to the settings. Pure: no browser, no DOM.
 *
 * "This site" is the page's host without a leading "www.", since a pattern covers its subdomains:
 * pausing on www.example.com stores example.com and so also pauses news.example.com, which is what
 * a reader who pauses "example.com" means. The card's "Pause on this site" stores the same pattern.
 */
import { LIMITS } from './limits';
import type { Settings } from './schema';
import { hostMatches, isSiteActive, normalizeSiteInput, type SiteSettings } from './site-patterns';

export type PauseReason = 'site' | 'everywhere';

/** Why marks are not drawn on a page of `hostname`, or undefined when they are. */
export function pauseReason(settings: SiteSettings, hostname: string): PauseReason | undefined {
  if (settings.pausedEverywhere) return 'everywhere';
  return isSiteActive(settings, hostname) ? undefined : 'site';
}

/** The pattern that stands for "this site" on a page of `hostname`, or null for pages with no host. */
export function sitePatternFor(hostname: string): string | null {
  if (!hostname) return null;
  const host = /^www\.[^.]+\.[^.]/i.test(hostname) ? hostname.slice(4) : hostname;
  return normalizeSiteInput(host).pattern;
}

/** Whether the site list alone (pausing everywhere aside) keeps `hostname` unmarked. */
export function isSitePaused(settings: SiteSettings, hostname: string): boolean {
  return !isSiteActive({ ...settings, pausedEverywhere: false }, hostname);
}

/** The entries of the site list that cover `hostname`. */
export function patternsCovering(settings: SiteSettings, hostname: string): string[] {
  return settings.sites.patterns.filter((pattern) => hostMatches(hostname, pattern));
}

export type SitePauseChange = { readonly next: Settings } | { readonly error: string };

/**
 * The settings with `hostname` paused or resumed, whichever way the site list is read: in the
 * usual mode the list holds paused sites, so pausing adds this site and resuming removes every
 * entry that covers it; with "only the sites listed" it is the other way round.
 */
export function withSitePaused(settings: Settings, hostname: string, paused: boolean): SitePauseChange {
  const pattern = sitePatternFor(hostname);
  if (!pattern) return { error: 'This page has no site name, so it cannot be paused on its own.' };
  if (isSitePaused(settings, hostname) === paused) return { next: settings };
  const listPauses = settings.sites.mode === 'all-except-paused';
  const next = structuredClone(settings);
  if (paused === listPauses) {
    // Entries the new one covers (news.example.com under example.com) would only repeat it.
    const kept = settings.sites.patterns.filter((entry) => !hostMatches(entry, pattern));
    if (kept.length >= LIMITS.sitePatterns) {
      const list = listPauses ? 'paused sites' : 'sites to mark';
      return {
        error: `The list of ${list} is full (${LIMITS.sitePatterns}). Remove a site in the options to add this one.`,
      };
    }
    next.sites.patterns = [...kept, pattern];
  } else {
    const covering = patternsCovering(settings, hostname);
    next.sites.patterns = settings.sites.patterns.filter((entry) => !covering.includes(entry));
  }
  return { next };
}
