/**
 * The popup's hold on the settings: loaded once, followed as any context changes them, and saved
 * at once on each switch, so open tabs (which watch storage) follow while the popup is open. A
 * save merges the popup's change into what is stored at that moment (saveChange), so an options
 * page saving at the same time keeps its change too.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import {
  loadSettings,
  mergeSettings,
  type Settings,
  type SettingsAreas,
  saveChange,
  settingsLock,
  watchSettings,
} from '../settings';

const areas = browser.storage as unknown as SettingsAreas;
const lock = settingsLock(globalThis.navigator?.locks);

export interface PopupSettings {
  /** Null until loaded. */
  readonly settings: Settings | null;
  /** Why the last change could not be saved, if it could not. */
  readonly error: string | null;
  save(next: Settings): Promise<void>;
}

export function usePopupSettings(): PopupSettings {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** What is shown, and the settings as last read or written: their difference is unsaved. */
  const current = useRef<Settings | null>(null);
  const base = useRef<Settings | null>(null);

  const show = useCallback((next: Settings) => {
    current.current = next;
    setSettings(next);
  }, []);

  useEffect(() => {
    let alive = true;
    let watched = false;
    void loadSettings(areas).then((loaded) => {
      if (!alive || watched) return;
      base.current = loaded.settings;
      show(loaded.settings);
    });
    const stop = watchSettings(areas, (loaded) => {
      if (!alive) return;
      watched = true;
      const mine = current.current;
      const from = base.current;
      base.current = loaded.settings;
      show(mine && from ? mergeSettings(from, mine, loaded.settings) : loaded.settings);
    });
    return () => {
      alive = false;
      stop();
    };
  }, [show]);

  const save = useCallback(
    async (next: Settings) => {
      show(next);
      setError(null);
      try {
        await saveChange(areas, () => ({ base: base.current ?? next, next: current.current ?? next }), {
          lock,
          onMerged: (merged) => {
            base.current = merged;
            show(merged);
          },
        });
      } catch (problem) {
        setError(problem instanceof Error ? problem.message : String(problem));
      }
    },
    [show],
  );

  return { settings, error, save };
}
