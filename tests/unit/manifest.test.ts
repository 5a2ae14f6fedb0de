import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIREFOX_ADDON_ID, manifestFor, readManifestSource } from '../../scripts/manifest.ts';

describe('manifest derivation', () => {
  const source = readManifestSource();

  it('takes its version from package.json', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default;
    expect(source.version).toBe(pkg.version);
  });

  it('gives Chrome a module service worker and leaves Firefox settings out', () => {
    const chrome = manifestFor('chrome', source);
    expect(chrome.background).toEqual({ service_worker: 'src/background/index.ts', type: 'module' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(chrome.minimum_chrome_version).toBe('105');
  });

  it('gives Firefox background scripts, a fixed id and no data collection', () => {
    const firefox = manifestFor('firefox', source);
    expect(firefox.background).toEqual({ scripts: ['src/background/index.ts'], type: 'module' });
    expect(firefox.browser_specific_settings.gecko).toEqual({
      id: FIREFOX_ADDON_ID,
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('asks for storage and scripting (the marker) only, and runs the content script everywhere, its listeners from document_start, frames without a URL too', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const manifest = manifestFor(target, source);
      // scripting: the background runs the marker into frames whose lookout asks for it (and, in
      // Chrome, the content script into tabs open before an update).
      expect(manifest.permissions).toEqual(['storage', 'scripting']);
      if (target === 'chrome') {
        // The same pages the content script runs on already: no new line in the install prompt.
        expect(manifest.host_permissions).toEqual(['<all_urls>']);
      } else {
        // Firefox counts the content script's matches as the host access scripting needs.
        expect(manifest.host_permissions).toBeUndefined();
      }
      // The window's listeners go in at document_start, before any script of the page (early.ts);
      // the rest waits for the page to be parsed.
      expect(manifest.content_scripts).toEqual([
        {
          matches: ['<all_urls>'],
          js: ['src/content/index.ts'],
          run_at: 'document_idle',
          all_frames: true,
          match_about_blank: true,
          match_origin_as_fallback: true,
        },
        {
          matches: ['<all_urls>'],
          js: ['src/content/early.ts'],
          run_at: 'document_start',
          all_frames: true,
          match_about_blank: true,
          match_origin_as_fallback: true,
        },
      ]);
      expect(manifest.options_ui).toEqual({ page: 'src/options/index.html', open_in_tab: true });
      expect(Object.keys(manifest.icons)).toEqual(['16', '32', '48', '128']);
    }
  });

  it('does not change the source it derives from', () => {
    const before = JSON.stringify(source);
    manifestFor('firefox', source);
    expect(JSON.stringify(source)).toBe(before);
  });
});

/**
 * What the extension may reach and expose, checked on the manifest source and on both built
 * manifests (crxjs adds entries of its own, web_accessible_resources for a lazily loaded
 * content-script chunk among them), and on the built scripts.
 */
describe('security of the built extension', () => {
  const root = resolve(import.meta.dirname, '../..');
  const targets = ['chrome', 'firefox'] as const;
  const built = (target: (typeof targets)[number]) => join(root, 'dist', target);
  const isBuilt = targets.every((target) => existsSync(join(built(target), 'manifest.json')));
  // biome-ignore lint/suspicious/noExplicitAny: manifests are plain JSON.
  const builtManifest = (target: (typeof targets)[number]): Record<string, any> =>
    JSON.parse(readFileSync(join(built(target), 'manifest.json'), 'utf8'));
  // biome-ignore lint/suspicious/noExplicitAny: manifests are plain JSON.
  const everyManifest = (): [string, Record<string, any>][] =>
    [
      ...targets.map(
        (target) => [`source for ${target}`, manifestFor(target, readManifestSource())] as [string, object],
      ),
      ...(isBuilt ? targets.map((target) => [`dist/${target}`, builtManifest(target)] as [string, object]) : []),
    ] as never;

  /**
   * Files that pages may load from the extension. A content script that loads a chunk lazily (the
   * card) needs its files listed; nothing else may be, and never a page or a wildcard, because
   * every listed file lets any site detect the extension and, without a dynamic URL, track it.
   */
  const WEB_ACCESSIBLE_ALLOWED = /^assets\/[\w.-]+\.(js|css)$/;
  const WEB_ACCESSIBLE_MAX = 6;

  it('asks for storage and scripting and nothing else, in every manifest (scripting on the pages the content script runs on anyway)', () => {
    for (const [name, manifest] of everyManifest()) {
      // To run the marker into the frames that may hold a mention (src/background/marker.ts) and,
      // in Chrome, the content script into tabs open before an update (src/background/reinject.ts):
      // the same pages the content script matches, so the install prompt says nothing new.
      expect(manifest.permissions, name).toEqual(['storage', 'scripting']);
      if (name.endsWith('chrome')) expect(manifest.host_permissions, name).toEqual(['<all_urls>']);
      else expect(manifest.host_permissions, name).toBeUndefined();
      for (const key of ['optional_permissions', 'optional_host_permissions']) {
        expect(manifest[key], `${name}: ${key}`).toBeUndefined();
      }
      // No web page or other extension may message the background.
      expect(manifest.externally_connectable, name).toBeUndefined();
      for (const script of manifest.content_scripts ?? []) expect(script.world, name).not.toBe('MAIN');
    }
  });

  it('keeps the default Content-Security-Policy for extension pages (no override, no sandbox)', () => {
    for (const [name, manifest] of everyManifest()) {
      expect(manifest.content_security_policy, name).toBeUndefined();
      expect(manifest.sandbox, name).toBeUndefined();
    }
  });

  it('exposes at most a few script and style files to pages, in Chrome only behind dynamic URLs', () => {
    for (const [name, manifest] of everyManifest()) {
      const entries: { resources: string[]; use_dynamic_url?: boolean; matches?: string[] }[] =
        manifest.web_accessible_resources ?? [];
      const resources = entries.flatMap((entry) => entry.resources);
      expect(resources.length, `${name}: ${JSON.stringify(resources)}`).toBeLessThanOrEqual(WEB_ACCESSIBLE_MAX);
      for (const resource of resources) expect(resource, name).toMatch(WEB_ACCESSIBLE_ALLOWED);
      if (name.includes('chrome')) {
        for (const entry of entries) expect(entry.use_dynamic_url, `${name}: ${JSON.stringify(entry)}`).toBe(true);
      }
    }
  });

  it.skipIf(!isBuilt)('the built manifests name only files that exist (run npm run build first)', () => {
    for (const target of targets) {
      for (const entry of builtManifest(target).web_accessible_resources ?? []) {
        for (const resource of entry.resources) expect(existsSync(join(built(target), resource)), resource).toBe(true);
      }
    }
  });

  it.skipIf(!isBuilt)('loads no remote code: scripts and pages load only files of the extension', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
      );
    // The only http(s) URLs a built script may hold: XML namespaces, and the sources the knowledge
    // base cites (shown as links in cards and the popup, never fetched).
    const cited = new Set<string>();
    for (const file of files(join(root, 'src/knowledge'))) {
      for (const url of readFileSync(file, 'utf8').match(/https?:\/\/[^\s"'`)<>\\]+/g) ?? []) cited.add(url);
    }
    expect(cited.size).toBeGreaterThan(5);
    const offences: string[] = [];
    for (const target of targets) {
      for (const file of files(built(target))) {
        const text = readFileSync(file, 'utf8');
        const where = `dist/${target}/${file.slice(built(target).length + 1)}`;
        if (file.endsWith('.js')) {
          for (const url of text.match(/https?:\/\/[^\s"'`)<>\\]+/g) ?? []) {
            const namespace = url.startsWith('http://www.w3.org/');
            // site-patterns.ts parses a typed host name as `new URL(`http://${host}`)`.
            const parsing = /^http:\/\/\$\{\w+\}$/.test(url);
            if (!namespace && !parsing && !cited.has(url)) offences.push(`${where}: ${url}`);
          }
          const loads = /(?:\bimport\s*\(\s*|\bimport\s*|\}\s*from\s*|\bimportScripts\s*\(\s*)["'`][^"'`]*["'`]/g;
          for (const load of text.match(loads) ?? []) {
            if (!/["'`](\.{0,2}\/)/.test(load)) offences.push(`${where}: loads ${load}`);
          }
          if (/\bimportScripts\b|\beval\(|new Function\(/.test(text)) offences.push(`${where}: evaluates code`);
        }
        if (file.endsWith('.html')) {
          for (const tag of text.match(/<(script|link|img|iframe)\b[^>]*>/g) ?? []) {
            const target = /\b(?:src|href)="([^"]*)"/.exec(tag)?.[1];
            if (target !== undefined && !/^\.{0,2}\//.test(target)) offences.push(`${where}: ${tag}`);
            if (/^\/\//.test(target ?? '')) offences.push(`${where}: ${tag}`);
          }
        }
      }
      // The content script runs on every page as one file, and the marker is run into frames as
      // one: neither imports anything (nor is web-accessible, see above).
      for (const file of ['src/content/index.js', 'src/content/marker.js']) {
        const content = readFileSync(join(built(target), file), 'utf8');
        if (/^\s*import\s|\bimport\s*["'{*]/m.test(content)) offences.push(`dist/${target}/${file} imports`);
      }
    }
    expect(offences).toEqual([]);
  });
});
