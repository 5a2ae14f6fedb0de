import { useRef, useState } from 'preact/hooks';
import { TOPIC_NAMES } from '../knowledge/names';
import { TOPIC_IDS } from '../knowledge/types';
import { defaultSettings, exportSettings, importSettings, type Settings } from '../settings';
import { Button } from '../ui/button';
import { Note } from '../ui/note';
import { Section } from '../ui/section';
import { datedFileName, downloadText } from './download';
import type { SettingsModel } from './use-settings';

/** Far beyond any real settings file (the largest is under 150 KB); a bigger one is a wrong pick. */
const MAX_IMPORT_BYTES = 1_000_000;

type ImportOutcome = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly text: string };

function customCounts(settings: Settings): { terms: number; sites: number } {
  const terms = TOPIC_IDS.reduce((sum, id) => sum + (settings.customTerms[id]?.length ?? 0), 0);
  return { terms, sites: settings.sites.patterns.length };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function BackupSection({ model, settings }: { readonly model: SettingsModel; readonly settings: Settings }) {
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const { terms, sites } = customCounts(settings);
  const loses = [
    terms > 0 ? plural(terms, 'custom term', 'custom terms') : '',
    sites > 0 ? plural(sites, 'site', 'sites') : '',
  ]
    .filter(Boolean)
    .join(' and ');

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    // Cleared so that choosing the same file again, after fixing it, reads it again.
    input.value = '';
    if (!file) return;
    // A new result replaces the old one as a new element, so it is announced even when the text repeats.
    setOutcome(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setOutcome({ ok: false, text: `${file.name} is larger than 1 MB, far more than Yalu Lens settings take.` });
      return;
    }
    const result = importSettings(await file.text(), TOPIC_NAMES);
    if (!result.ok) {
      setOutcome({ ok: false, text: result.message });
      return;
    }
    try {
      await model.replace(result.settings);
      setOutcome({ ok: true, text: `Imported the settings in ${file.name}.` });
    } catch {
      setOutcome({
        ok: false,
        text: 'The browser refused to store the imported settings. Your settings are unchanged.',
      });
    }
  };

  return (
    <Section
      id="backup"
      title="Back up and reset"
      description="Save all your settings to a file, bring them back on another browser, or start over."
    >
      <div class="yl-stack">
        <div class="yl-actions">
          <Button
            variant="primary"
            onClick={() => downloadText(exportSettings(settings), datedFileName('yalu-lens-settings'))}
          >
            Export settings
          </Button>
          <label class="yl-button">
            <input
              type="file"
              class="yl-visually-hidden"
              id="import-file"
              accept=".json,application/json"
              onChange={(event) => void onFile(event.currentTarget)}
            />
            Import settings…
          </label>
          <Button variant="danger" class="yl-actions__end" onClick={() => dialogRef.current?.showModal()}>
            Reset to defaults…
          </Button>
        </div>
        {outcome ? (
          outcome.ok ? (
            <Note tone="success" role="status" id="import-result">
              <p>{outcome.text}</p>
            </Note>
          ) : (
            <Note tone="error" role="alert" title="Nothing was imported" id="import-result">
              <p>{outcome.text}</p>
              <p>Your current settings are unchanged.</p>
            </Note>
          )
        ) : null}
      </div>
      <dialog class="yl-dialog" ref={dialogRef} aria-labelledby="reset-title" aria-describedby="reset-text">
        <form method="dialog">
          <h2 class="yl-dialog__title" id="reset-title">
            Reset all settings?
          </h2>
          <p id="reset-text">
            Topics, colours, the card and the site settings go back to how Yalu Lens started
            {loses ? `, and your ${loses} will be removed` : ''}. Export your settings first if you may want them back.
          </p>
          <div class="yl-dialog__actions">
            <Button value="cancel" type="submit" autofocus>
              Cancel
            </Button>
            <Button
              variant="danger-solid"
              onClick={() => {
                dialogRef.current?.close();
                setOutcome(null);
                void model.replace(defaultSettings()).catch(() => undefined);
              }}
            >
              Reset all settings
            </Button>
          </div>
        </form>
      </dialog>
    </Section>
  );
}
