/**
 * Custom terms reach the lookout without it reading the settings on every page: while the reader
 * has any, the custom-terms mark (src/content/custom-terms-mark.ts) is
 * registered to run in every frame, where it tells the lookout to wake the marker (the lookout's
 * name screen knows the built-in names only). Without custom terms, nothing runs but the lookout.
 *
 * The registration follows the settings: it is checked whenever the background starts (the
 * browser keeps it across restarts anyway) and whenever the settings change.
 */
import markFile from '../content/custom-terms-mark.ts?iife';
import { customTermList, loadSettings, type SettingsAreas, watchSettings } from '../settings';

export const CUSTOM_TERMS_SCRIPT_ID = 'yalu-custom-terms';

export interface ContentScriptRegistry {
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<{ id: string }[]>;
  registerContentScripts(scripts: RegisteredScript[]): Promise<unknown>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
}

export interface RegisteredScript {
  id: string;
  js: string[];
  matches: string[];
  allFrames: boolean;
  matchOriginAsFallback: boolean;
  runAt: 'document_start';
}

/** The same frames as the manifest's content scripts (scripts/manifest.ts), before the lookout. */
export const CUSTOM_TERMS_SCRIPT: RegisteredScript = {
  id: CUSTOM_TERMS_SCRIPT_ID,
  js: [markFile],
  matches: ['<all_urls>'],
  allFrames: true,
  matchOriginAsFallback: true,
  runAt: 'document_start',
};

/** Registers the mark, or takes it away, so that it runs exactly while `wanted`. */
export async function syncCustomTermsScript(registry: ContentScriptRegistry, wanted: boolean): Promise<void> {
  const registered = (await registry.getRegisteredContentScripts({ ids: [CUSTOM_TERMS_SCRIPT_ID] })).length > 0;
  if (wanted && !registered) await registry.registerContentScripts([CUSTOM_TERMS_SCRIPT]);
  else if (!wanted && registered) await registry.unregisterContentScripts({ ids: [CUSTOM_TERMS_SCRIPT_ID] });
}

/** Keeps the registration in step with the settings; called at the top level of the background. */
export function installCustomTermsScript(registry: ContentScriptRegistry | undefined, areas: SettingsAreas): void {
  if (!registry) return;
  // One sync at a time, in order: two quick edits must not race to register twice.
  let queue = Promise.resolve();
  const sync = (wanted: boolean): void => {
    queue = queue.then(() => syncCustomTermsScript(registry, wanted)).catch(() => undefined);
  };
  void loadSettings(areas).then(
    ({ settings }) => sync(customTermList(settings).length > 0),
    () => undefined,
  );
  watchSettings(areas, ({ settings }) => sync(customTermList(settings).length > 0));
}
