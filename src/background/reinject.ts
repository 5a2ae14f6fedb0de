/**
 * Chrome does not run an extension's content scripts in tabs that were open before it was
 * installed or updated: those tabs would keep no marks (or an orphaned old script) until
 * reloaded. So on install and update the background runs the manifest's content script in every
 * open tab and frame; where an old instance is still there, the new one takes over from it
 * (src/content/lifetime.ts). Firefox does this by itself, so the background calls this in Chrome
 * only (src/background/index.ts).
 */

interface ScriptingApi {
  runtime: { getManifest(): { permissions?: string[]; content_scripts?: { js?: string[]; run_at?: string }[] } };
  tabs: { query(query: object): Promise<{ id?: number; discarded?: boolean }[]> };
  scripting?: {
    executeScript(injection: { target: { tabId: number; allFrames: boolean }; files: string[] }): Promise<unknown>;
  };
}

/** Returns how many tabs the script was run in (pages the extension may not touch are skipped). */
export async function injectIntoOpenTabs(api: ScriptingApi): Promise<number> {
  const manifest = api.runtime.getManifest();
  // document_start scripts first, as the browser would have run them.
  const scripts = [...(manifest.content_scripts ?? [])].sort(
    (a, b) => Number(b.run_at === 'document_start') - Number(a.run_at === 'document_start'),
  );
  const files = scripts.flatMap((script) => script.js ?? []);
  const scripting = api.scripting;
  if (!scripting || !manifest.permissions?.includes('scripting') || files.length === 0) return 0;
  const tabs = await api.tabs.query({});
  const results = await Promise.allSettled(
    tabs
      .filter((tab) => tab.id !== undefined && !tab.discarded)
      .map((tab) => scripting.executeScript({ target: { tabId: tab.id as number, allFrames: true }, files })),
  );
  return results.filter((result) => result.status === 'fulfilled').length;
}
