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

  it('asks for storage only (and, in Chrome, scripting to take over open tabs) and runs the content script everywhere from document_start', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const manifest = manifestFor(target, source);
      if (target === 'chrome') {
        // The same pages the content script runs on already: no new line in the install prompt.
        expect(manifest.permissions).toEqual(['storage', 'scripting']);
        expect(manifest.host_permissions).toEqual(['<all_urls>']);
      } else {
        expect(manifest.permissions).toEqual(['storage']);
        expect(manifest.host_permissions).toBeUndefined();
      }
      // document_start: the window's listeners go in before any script of the page (window-input.ts).
      expect(manifest.content_scripts).toEqual([
        { matches: ['<all_urls>'], js: ['src/content/index.ts'], run_at: 'document_start', all_frames: true },
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
