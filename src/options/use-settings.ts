/**
 * The options page's hold on the settings: loads (and repairs) them once, follows changes made
 * anywhere else, and saves each edit. Discrete edits (a switch, a swatch) save at once so open
 * tabs follow without delay; continuous ones (a slider, a colour being dragged) wait until they
 * settle, since storage.sync allows about 120 writes a minute.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import {
  discardRecovery,
  type LocalReason,
  type Recovery,
  readRecovery,
  repairSettings,
  type SaveResult,
  type Settings,
  type SettingsAreas,
  saveSettings,
  watchSettings,
} from '../settings';

export const areas: SettingsAreas = browser.storage;

const SETTLE_MS = 400;

export type SaveStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly result: SaveResult }
  | { readonly kind: 'error'; readonly message: string };

export interface SettingsModel {
  /** Null until the settings have loaded. */
  readonly settings: Settings | null;
  readonly status: SaveStatus;
  /** Why the settings are kept in local storage instead of sync, when they are. */
  readonly localReason: LocalReason | undefined;
  /** Set when storage holds settings of a newer version than this build reads. */
  readonly newerVersion: number | undefined;
  readonly recovery: Recovery | undefined;
  /** Changes a copy of the settings and saves it; `settle` waits for a pause first. */
  update(change: (draft: Settings) => void, options?: { settle?: boolean }): void;
  /** Replaces all settings (import, reset) and saves at once. */
  replace(next: Settings): Promise<SaveResult>;
  discardRecovery(): Promise<void>;
}

export function useSettings(): SettingsModel {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [localReason, setLocalReason] = useState<LocalReason | undefined>(undefined);
  const [newerVersion, setNewerVersion] = useState<number | undefined>(undefined);
  const [recovery, setRecovery] = useState<Recovery | undefined>(undefined);
  const current = useRef<Settings | null>(null);
  const pending = useRef<Settings | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(0);

  const show = useCallback((next: Settings) => {
    current.current = next;
    setSettings(next);
  }, []);

  const write = useCallback(async (next: Settings): Promise<SaveResult> => {
    inFlight.current++;
    setStatus({ kind: 'saving' });
    try {
      const result = await saveSettings(areas, next);
      setStatus({ kind: 'saved', result });
      setLocalReason(result.area === 'local' ? result.reason : undefined);
      setNewerVersion(undefined);
      return result;
    } catch (error) {
      setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      inFlight.current--;
    }
  }, []);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const next = pending.current;
    pending.current = null;
    if (next) write(next).catch(() => undefined);
  }, [write]);

  useEffect(() => {
    let alive = true;
    void repairSettings(areas).then((loaded) => {
      if (!alive) return;
      show(loaded.settings);
      setLocalReason(loaded.saved?.area === 'local' ? loaded.saved.reason : loaded.localReason);
      setNewerVersion(loaded.newerVersion);
      if (loaded.saved) setStatus({ kind: 'saved', result: loaded.saved });
    });
    void readRecovery(areas).then((found) => alive && setRecovery(found));
    const stop = watchSettings(areas, (loaded) => {
      // While an edit of ours is waiting or being written, its echo is older than what is shown.
      if (!alive || pending.current || inFlight.current > 0) return;
      if (JSON.stringify(loaded.settings) !== JSON.stringify(current.current)) show(loaded.settings);
      setLocalReason(loaded.localReason);
    });
    const onRecoveryChange: Parameters<typeof browser.storage.onChanged.addListener>[0] = (changes, area) => {
      if (area === 'local' && 'recovery/settings' in changes)
        void readRecovery(areas).then((found) => setRecovery(found));
    };
    browser.storage.onChanged.addListener(onRecoveryChange);
    addEventListener('pagehide', flush);
    return () => {
      alive = false;
      stop();
      browser.storage.onChanged.removeListener(onRecoveryChange);
      removeEventListener('pagehide', flush);
    };
  }, [show, flush]);

  const update = useCallback(
    (change: (draft: Settings) => void, options?: { settle?: boolean }) => {
      if (!current.current) return;
      const next = structuredClone(current.current);
      change(next);
      show(next);
      pending.current = next;
      clearTimeout(timer.current);
      if (options?.settle) timer.current = setTimeout(flush, SETTLE_MS);
      else flush();
    },
    [show, flush],
  );

  const replace = useCallback(
    (next: Settings) => {
      clearTimeout(timer.current);
      pending.current = null;
      show(next);
      return write(next);
    },
    [show, write],
  );

  const discard = useCallback(async () => {
    await discardRecovery(areas);
    setRecovery(undefined);
  }, []);

  return { settings, status, localReason, newerVersion, recovery, update, replace, discardRecovery: discard };
}
