/**
 * The popup's hold on the settings: loaded once, followed as any context changes them, and saved
 * at once on each switch, so open tabs (which watch storage) follow while the popup is open.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { loadSettings, type Settings, type SettingsAreas, saveSettings, watchSettings } from '../settings';

const areas = browser.storage as unknown as SettingsAreas;

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
  const saving = useRef(0);

  useEffect(() => {
    let alive = true;
    void loadSettings(areas).then((loaded) => alive && setSettings(loaded.settings));
    const stop = watchSettings(areas, (loaded) => {
      // An echo of our own save arrives while it is in flight; what is shown is already newer.
      if (alive && saving.current === 0) setSettings(loaded.settings);
    });
    return () => {
      alive = false;
      stop();
    };
  }, []);

  const save = useCallback(async (next: Settings) => {
    setSettings(next);
    setError(null);
    saving.current++;
    try {
      await saveSettings(areas, next);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    } finally {
      saving.current--;
    }
  }, []);

  return { settings, error, save };
}
