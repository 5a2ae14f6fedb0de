import type { LocalReason } from '../settings';
import { Button } from '../ui/button';
import { Note } from '../ui/note';
import { BackupSection } from './backup-section';
import { CardSection } from './card-section';
import { datedFileName, downloadText } from './download';
import { MarksSection } from './marks-section';
import { SitesSection } from './sites-section';
import { TopicsSection } from './topics-section';
import { type SaveStatus, type SettingsModel, useSettings } from './use-settings';

const SECTIONS = [
  { id: 'topics', label: 'Topics' },
  { id: 'marks', label: 'Marks' },
  { id: 'card', label: 'Card' },
  { id: 'sites', label: 'Sites' },
  { id: 'backup', label: 'Back up and reset' },
] as const;

const LOCAL_NOTES: Record<LocalReason, string> = {
  'sync-unavailable':
    'Browser sync storage is not available here, so your settings are saved on this device only and do not follow you to other browsers.',
  'sync-full':
    'Your settings are larger than browser sync can hold (100 KB), so they are saved on this device only. Removing some custom terms or sites lets them sync again.',
  'sync-rate-limited':
    'The browser limits how often settings may sync, so your latest change is saved on this device only for now. It syncs with your next change.',
};

function statusText(status: SaveStatus): string {
  switch (status.kind) {
    case 'idle':
      return 'Changes are saved as you make them.';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return status.result.area === 'sync' ? 'All changes saved.' : 'All changes saved on this device.';
    case 'error':
      return `Your last change could not be saved: ${status.message}`;
  }
}

function Notices({ model }: { readonly model: SettingsModel }) {
  const { localReason, newerVersion, recovery } = model;
  if (!localReason && newerVersion === undefined && !recovery) return null;
  return (
    <div class="yl-notices">
      {localReason ? (
        <Note tone="info" title="Saved on this device only" id="storage-note">
          <p>{LOCAL_NOTES[localReason]}</p>
        </Note>
      ) : null}
      {newerVersion !== undefined ? (
        <Note tone="warning" title="Settings from a newer version">
          <p>
            These settings were saved by a newer version of Yalu Lens. This one uses what it understands; the first
            change you make here saves them in this version’s form. Update Yalu Lens to keep everything.
          </p>
        </Note>
      ) : null}
      {recovery ? (
        <Note
          tone="warning"
          title={
            recovery.kind === 'newer-version'
              ? 'Settings from a newer version were kept'
              : 'Some settings could not be read'
          }
          id="recovery-note"
          actions={
            <>
              <Button
                onClick={() =>
                  downloadText(JSON.stringify(recovery, null, 2), datedFileName('yalu-lens-unreadable-settings'))
                }
              >
                Download the unreadable settings
              </Button>
              <Button variant="quiet" onClick={() => void model.discardRecovery()}>
                Delete the copy
              </Button>
            </>
          }
        >
          {recovery.kind === 'newer-version' ? (
            <p>
              On {new Date(recovery.savedAt).toLocaleString()} this version of Yalu Lens saved over settings written by
              a newer version, keeping what it understands. A copy of the newer settings is kept here, so what this
              version does not know is not lost.
            </p>
          ) : (
            <p>
              On {new Date(recovery.savedAt).toLocaleString()} some stored values were damaged, so they went back to
              their defaults: {recovery.problems.join(', ')}. Everything else was kept. A copy of what was stored is
              kept here in case you want to look at it.
            </p>
          )}
        </Note>
      ) : null}
    </div>
  );
}

export function App() {
  const model = useSettings();
  const { settings } = model;
  return (
    <div class="yl-page yl-options">
      <header class="yl-options__header">
        <div class="yl-options__brand">
          <img src="/icons/icon-48.png" width={40} height={40} alt="" />
          <div>
            <h1 class="yl-options__title">Yalu Lens options</h1>
            <p class="yl-options__tagline">
              Marks the Korean War, the 1961 treaty and the 1979 war on the pages you read, and explains why they matter
              to North Korea’s mistrust of China.
            </p>
          </div>
        </div>
        <p class={`yl-options__status is-${model.status.kind}`} role="status" id="save-status">
          {statusText(model.status)}
        </p>
      </header>
      <div class="yl-options__layout">
        <nav class="yl-options__nav" aria-label="Sections">
          <ul>
            {SECTIONS.map((section) => (
              <li key={section.id}>
                <a href={`#${section.id}`}>{section.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <main class="yl-options__main" aria-busy={settings ? undefined : 'true'}>
          <Notices model={model} />
          {settings ? (
            <>
              <TopicsSection model={model} settings={settings} />
              <MarksSection model={model} settings={settings} />
              <CardSection model={model} settings={settings} />
              <SitesSection model={model} settings={settings} />
              <BackupSection model={model} settings={settings} />
            </>
          ) : (
            <p class="yl-options__loading">Loading your settings…</p>
          )}
        </main>
      </div>
    </div>
  );
}
