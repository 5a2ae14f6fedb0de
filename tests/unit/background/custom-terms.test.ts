/**
 * The custom-terms mark is registered exactly while the reader has custom terms, with the frames
 * of the manifest's content scripts, before the lookout (document_start).
 */
import { describe, expect, it, vi } from 'vitest';
import {
  type ContentScriptRegistry,
  CUSTOM_TERMS_SCRIPT,
  CUSTOM_TERMS_SCRIPT_ID,
  syncCustomTermsScript,
} from '../../../src/background/custom-terms';

vi.mock('../../../src/content/custom-terms-mark.ts?iife', () => ({ default: 'src/content/custom-terms-mark.js' }));

function fakeRegistry(): ContentScriptRegistry & { ids: Set<string>; calls: string[] } {
  const ids = new Set<string>();
  const calls: string[] = [];
  return {
    ids,
    calls,
    getRegisteredContentScripts: async ({ ids: wanted }) => wanted.filter((id) => ids.has(id)).map((id) => ({ id })),
    registerContentScripts: async (scripts) => {
      for (const script of scripts) {
        if (ids.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        ids.add(script.id);
      }
      calls.push('register');
    },
    unregisterContentScripts: async ({ ids: gone }) => {
      for (const id of gone) ids.delete(id);
      calls.push('unregister');
    },
  };
}

describe('syncCustomTermsScript', () => {
  it('registers the mark when there are custom terms, once, and takes it away when there are none', async () => {
    const registry = fakeRegistry();
    await syncCustomTermsScript(registry, true);
    await syncCustomTermsScript(registry, true);
    expect([...registry.ids]).toEqual([CUSTOM_TERMS_SCRIPT_ID]);
    expect(registry.calls).toEqual(['register']);
    await syncCustomTermsScript(registry, false);
    await syncCustomTermsScript(registry, false);
    expect([...registry.ids]).toEqual([]);
    expect(registry.calls).toEqual(['register', 'unregister']);
  });

  it('runs the mark where the lookout runs, and before it', () => {
    expect(CUSTOM_TERMS_SCRIPT).toMatchObject({
      matches: ['<all_urls>'],
      allFrames: true,
      matchOriginAsFallback: true,
      runAt: 'document_start',
    });
    expect(CUSTOM_TERMS_SCRIPT.js).toEqual(['src/content/custom-terms-mark.js']);
  });
});
