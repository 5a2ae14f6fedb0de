/**
 * Site patterns: which sites are paused (or, in the other mode, the only ones marked).
 * Pure: no browser, no DOM (the WHATWG URL parser is used for its IDNA handling only).
 *
 * A pattern is a host name, stored lower case and in ASCII (punycode for international names),
 * and it covers that host and every subdomain: `example.com` covers `www.example.com` and
 * `news.example.com`, which is what a reader who pauses "example.com" means. A leading `*.` is
 * accepted and means the same. People paste addresses, so a scheme, path or port is cut off.
 */
import { LIMITS } from './limits';

/** The part of the settings that decides where marks are drawn. */
export interface SiteSettings {
  readonly pausedEverywhere: boolean;
  readonly sites: { readonly mode: 'all-except-paused' | 'only-listed'; readonly patterns: readonly string[] };
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const EXAMPLE = 'Use a site name like example.com or news.example.com.';

export type SiteInput =
  | { readonly pattern: string; readonly error: null }
  | { readonly pattern: null; readonly error: string };

function fail(error: string): SiteInput {
  return { pattern: null, error };
}

function quoted(text: string): string {
  return `“${text}”`;
}

/** The stored form of what a user typed or pasted, or why it is not a site. */
export function normalizeSiteInput(input: string): SiteInput {
  const typed = input.trim();
  if (typed === '') return fail(`Type a site to add. ${EXAMPLE}`);
  let host = typed;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) {
    let url: URL;
    try {
      url = new URL(host);
    } catch {
      return fail(`${quoted(typed)} is not a web address. ${EXAMPLE}`);
    }
    if (url.hostname === '') return fail(`${quoted(typed)} has no site name in it. ${EXAMPLE}`);
    host = url.hostname;
  } else {
    host = host.replace(/[/?#].*$/s, '').replace(/:\d*$/, '');
  }
  host = host.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('*.')) host = host.slice(2);
  if (host.includes('*')) return fail(`A “*” can only stand at the start, as in *.example.com.`);
  if (/\s/.test(host)) return fail(`A site name has no spaces. ${EXAMPLE}`);
  if (/[^\x21-\x7e]/.test(host)) {
    // International names are stored as the browser reports them in location.hostname: punycode.
    try {
      host = new URL(`http://${host}`).hostname;
    } catch {
      return fail(`${quoted(typed)} is not a site name. ${EXAMPLE}`);
    }
  }
  if (host.length > LIMITS.sitePatternMaxLength) {
    return fail(`A site name can have at most ${LIMITS.sitePatternMaxLength} characters.`);
  }
  if (host === '' || !host.split('.').every((label) => LABEL.test(label))) {
    return fail(`${quoted(typed)} is not a site name. ${EXAMPLE}`);
  }
  return { pattern: host, error: null };
}

/** What is wrong with a stored or imported pattern, or null when it is in stored form. */
export function sitePatternProblem(pattern: string): string | null {
  const result = normalizeSiteInput(pattern);
  if (result.error !== null) return result.error;
  if (result.pattern !== pattern) return `${quoted(pattern)} must be written as ${result.pattern}.`;
  return null;
}

/** Whether `hostname` (as in `location.hostname`) is `pattern` or one of its subdomains. */
export function hostMatches(hostname: string, pattern: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === pattern || host.endsWith(`.${pattern}`);
}

/**
 * The pattern to add for `input`, or a message saying why it cannot be added to `existing`
 * (the current list): not a site, already listed, covered by a broader entry, or the list is full.
 */
export function validateSitePattern(input: string, existing: readonly string[]): SiteInput {
  const result = normalizeSiteInput(input);
  if (result.error !== null) return result;
  const { pattern } = result;
  if (existing.includes(pattern)) return fail(`${pattern} is already in the list.`);
  const broader = existing.find((other) => hostMatches(pattern, other));
  if (broader) return fail(`${pattern} is already covered by ${broader}, which includes its subdomains.`);
  if (existing.length >= LIMITS.sitePatterns) {
    return fail(`The list holds at most ${LIMITS.sitePatterns} sites. Remove one to add another.`);
  }
  return result;
}

/** Whether marks are drawn on a page of `hostname` under these settings. */
export function isSiteActive(settings: SiteSettings, hostname: string): boolean {
  if (settings.pausedEverywhere) return false;
  const listed = settings.sites.patterns.some((pattern) => hostMatches(hostname, pattern));
  return settings.sites.mode === 'only-listed' ? listed : !listed;
}
