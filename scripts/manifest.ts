/**
 * One manifest source (`manifest.json`), two targets. Chrome runs the background as an MV3
 * service worker; Firefox's MV3 has no service workers for extensions and wants
 * `background.scripts`, a fixed add-on id and data-collection consent (required for new
 * add-ons since November 2025). crxjs expects each target's manifest to already be in that
 * target's shape, so we derive both here rather than keep two copies that drift apart.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Target = 'chrome' | 'firefox';

export const FIREFOX_ADDON_ID = 'yalu-lens@yalu-lens.org';

/**
 * Minimum versions follow the APIs used: the CSS Custom Highlight API arrived in Chrome 105
 * and Firefox 140 (highlightsFromPoint is newer still and has a fallback).
 */
export const MIN_VERSION = { chrome: '105', firefox: '140.0' } as const;

const sourcePath = fileURLToPath(new URL('../manifest.json', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: the manifest is plain JSON whose shape crxjs checks.
type Manifest = Record<string, any>;

export function readManifestSource(): Manifest {
  const manifest = JSON.parse(readFileSync(sourcePath, 'utf8')) as Manifest;
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  // The version lives in package.json only, so a release bumps one number.
  manifest.version = pkg.version;
  return manifest;
}

export function manifestFor(target: Target, source: Manifest = readManifestSource()): Manifest {
  const manifest: Manifest = structuredClone(source);
  for (const script of manifest.content_scripts as Manifest[]) {
    // Frames with no URL of their own are still part of the page that made them: an about:blank
    // frame its parent writes into (comment and ad widgets do), an <iframe srcdoc>, a data: or
    // blob: frame. Without these keys neither browser runs the content script there and their
    // text goes unmarked (issue 9: tests/e2e/odd-documents.e2e.ts). match_about_blank covers
    // about:blank and about:srcdoc; match_origin_as_fallback (Chrome 99, Firefox 128) also data:
    // and blob: frames and sandboxed ones, matched by the origin of the page that made them.
    script.match_about_blank = true;
    script.match_origin_as_fallback = true;
  }
  // The background runs the marker (src/content/marker.ts) into the frames whose lookout asks for
  // it (src/background/marker.ts): scripting, on the pages the content script runs on anyway.
  manifest.permissions = [...(manifest.permissions as string[]), 'scripting'];
  if (target === 'chrome') {
    manifest.minimum_chrome_version = MIN_VERSION.chrome;
    // Chrome's scripting API wants the host access spelled out; it is what the content script has
    // already (all pages), so the install prompt stays the same. Chrome also runs no content script
    // in tabs open before an install or update; the background does (src/background/reinject.ts).
    // Firefox treats the content script's matches as the host access, and injects them itself.
    manifest.host_permissions = ['<all_urls>'];
    return manifest;
  }
  const { service_worker: serviceWorker } = manifest.background as { service_worker: string };
  manifest.background = { scripts: [serviceWorker], type: 'module' };
  manifest.browser_specific_settings = {
    gecko: {
      id: FIREFOX_ADDON_ID,
      strict_min_version: MIN_VERSION.firefox,
      data_collection_permissions: { required: ['none'] },
    },
    // Firefox for Android learned data_collection_permissions in 142.
    gecko_android: { strict_min_version: '142.0' },
  };
  return manifest;
}
