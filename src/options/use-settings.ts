/**
 * The options page's hold on the settings: loads (and repairs) them once, follows changes made
 * anywhere else, and saves each edit. Discrete edits (a switch, a swatch) save at once so open
 * tabs follow without delay; continuous ones (a slider, a colour being dragged) wait until they
 * settle, since storage.sync allows about 120 writes a minute.
 *
 * Another tab's options page, the popup or a card may save while this page has edits of its own
 * on the way. So the page keeps two copies: `base`, the settings as last read from storage (or
 * as last written from here), and what it shows, which is `base` plus this page's edits. A change
 * from elsewhere becomes the new `base` with this page's edits merged on top; a save merges the
 * edits into what storage holds at that moment (saveChange). Neither side's change is lost, and
 * each page shows the other's at once.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import {
  discardRecovery,
  type LocalReason,
  mergeSettings,
  type Recovery,
  readRecovery,
  repairSettings,
  type SaveResult,
  type Settings,
  type SettingsAreas,
  saveChange,
  saveSettings,
  settingsLock,
  watchSettings,
} from '../settings';
import { sameValue } from '../settings/merge';

export const areas: SettingsAreas = browser.storage;

/** Shared with every other extension page and the background, so their saves take turns. */
const lock = settingsLock(globalThis.navigator?.locks);

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
  /** What is shown: `base` plus this page's edits. */
  const current = useRef<Settings | null>(null);
  /** The settings as last read from storage or written from here. */
  const base = useRef<Settings | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dirty = useRef(false);

  const show = useCallback((next: Settings) => {
    if (current.current && sameValue(current.current, next)) return;
    current.current = next;
    setSettings(next);
  }, []);

  /** Takes `stored` as the new starting point, keeping this page's edits on top of it. */
  const rebase = useCallback(
    (stored: Settings) => {
      const mine = current.current;
      const from = base.current;
      base.current = stored;
      show(mine && from ? mergeSettings(from, mine, stored) : stored);
    },
    [show],
  );

  /** Saves started so far: only the latest one's outcome is shown. */
  const saves = useRef(0);

  const report = useCallback((promise: Promise<SaveResult>): Promise<SaveResult> => {
    const save = ++saves.current;
    setStatus({ kind: 'saving' });
    // An earlier save that ends while a later one waits for the lock must not say "All changes
    // saved": the later change is not (the options e2e read the old settings after it did). The
    // later save writes the earlier change too, so its outcome is the one to show.
    const latest = () => save === saves.current;
    return promise.then(
      (result) => {
        if (latest()) {
          setStatus({ kind: 'saved', result });
          setLocalReason(result.area === 'local' ? result.reason : undefined);
          setNewerVersion(undefined);
        }
        return result;
      },
      (error: unknown) => {
        if (latest()) setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
        throw error;
      },
    );
  }, []);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    if (!dirty.current) return;
    dirty.current = false;
    const saving = saveChange(
      areas,
      // Read when the lock is ours: the latest edits, against the latest starting point.
      () => ({ base: base.current ?? (current.current as Settings), next: current.current as Settings }),
      {
        lock,
        onMerged: (merged) => {
          base.current = merged;
          show(merged);
        },
      },
    ).then(({ result }) => result);
    report(saving).catch(() => undefined);
  }, [show, report]);

  useEffect(() => {
    let alive = true;
    let watched = false;
    void repairSettings(areas, undefined, lock).then((loaded) => {
      if (!alive) return;
      // A change seen while repairing is newer than what the repair read.
      if (!watched) {
        base.current = loaded.settings;
        show(loaded.settings);
        setLocalReason(loaded.saved?.area === 'local' ? loaded.saved.reason : loaded.localReason);
      }
      setNewerVersion(loaded.newerVersion);
      if (loaded.saved) setStatus({ kind: 'saved', result: loaded.saved });
    });
    void readRecovery(areas).then((found) => alive && setRecovery(found));
    const stop = watchSettings(areas, (loaded) => {
      if (!alive) return;
      watched = true;
      rebase(loaded.settings);
      setLocalReason(loaded.localReason);
      setNewerVersion(loaded.newerVersion);
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
  }, [show, rebase, flush]);

  const update = useCallback(
    (change: (draft: Settings) => void, options?: { settle?: boolean }) => {
      if (!current.current) return;
      const next = structuredClone(current.current);
      change(next);
      show(next);
      dirty.current = true;
      clearTimeout(timer.current);
      if (options?.settle) timer.current = setTimeout(flush, SETTLE_MS);
      else flush();
    },
    [show, flush],
  );

  const replace = useCallback(
    (next: Settings) => {
      // An import or a reset replaces everything, edits of this page and of others alike.
      clearTimeout(timer.current);
      dirty.current = false;
      base.current = next;
      show(next);
      return report(saveSettings(areas, next, lock));
    },
    [show, report],
  );

  const discard = useCallback(async () => {
    await discardRecovery(areas);
    setRecovery(undefined);
  }, []);

  return { settings, status, localReason, newerVersion, recovery, update, replace, discardRecovery: discard };
}
