/**
 * Content script entry, run at document_idle in every frame of every page: the lookout
 * (lookout.ts). It is small on purpose: where there is nothing to mark it is all that runs.
 *
 * It wakes the marker (marker.ts, which the background then runs into this frame) when:
 * - the page's text may hold a mention (the name screen of every name hits), now or after a change;
 * - an earlier instance left marks or a card host behind (after an update: the marker cleans up);
 * - the reader has custom terms (their names are in the settings, which only the marker reads;
 *   a frame reads them once it has text);
 * - the popup or a keyboard command asks this page something (the marker answers).
 *
 * No webextension-polyfill here: the browsers' own promise-returning APIs do (Chrome's `chrome`,
 * Firefox's `browser`), and the polyfill would be a tenth of this script.
 */
import NAME_SCREEN from 'virtual:yalu-name-screen';
import { TOPIC_IDS } from '../knowledge/types';
import { NameScreen } from '../matching/screen';
import { isContentMessage } from '../messages';
import { MAIN_KEY } from '../settings/keys';
import { HIGHLIGHT_PREFIX, highlightName } from '../ui/mark-styles';
import { expectMarker } from './handover';
import { highlightsSupported } from './highlighter';
import { HOST_TAG } from './host-tag';
import { extensionAlive, hasLeftovers } from './lifetime';
import { Lookout, type WakeReason } from './lookout';
import { isMarkable } from './markable';

interface Api {
  runtime: {
    readonly id?: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {
      addListener(listener: MessageListener): void;
      removeListener(listener: MessageListener): void;
    };
  };
  storage: { local: StorageArea; sync?: StorageArea };
}
interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
}
type MessageListener = (
  message: unknown,
  sender: { id?: string },
  sendResponse: (reply: unknown) => void,
) => boolean | undefined;

/** Whether stored settings (either area) hold custom terms, which the lookout's prefilter lacks. */
function hasCustomTerms(items: Record<string, unknown>): boolean {
  const main = items[MAIN_KEY] as { parts?: { terms?: unknown }; customTerms?: unknown } | undefined;
  if (typeof main !== 'object' || main === null) return false;
  if (typeof main.parts?.terms === 'number' && main.parts.terms > 0) return true;
  // Settings from before the lists were split across keys keep the terms in the main item.
  const terms = main.customTerms;
  return (
    typeof terms === 'object' &&
    terms !== null &&
    Object.values(terms).some((list) => Array.isArray(list) && list.length > 0)
  );
}

function start(): void {
  const scope = globalThis as { browser?: Api; chrome?: Api };
  const api = scope.browser ?? scope.chrome;
  if (!api || !highlightsSupported(window)) return;
  if (!isMarkable(document)) return;
  const top = window === window.top;
  const marker = expectMarker(globalThis);
  let woken = false;
  let lookout: Lookout | undefined;

  const onMessage: MessageListener = (message, sender, sendResponse) => {
    // Only the top frame answers, so the popup gets one reply per tab; only our extension asks.
    if (!top || sender.id !== api.runtime.id || !isContentMessage(message) || !extensionAlive(api.runtime)) {
      return undefined;
    }
    wake('message');
    marker.then((handle) => handle.handle(message)).then(sendResponse, () => sendResponse(undefined));
    // Chrome's onMessage keeps the channel open for sendResponse when a listener returns true.
    return true;
  };

  function wake(reason: WakeReason): void {
    if (woken) return;
    woken = true;
    lookout?.stop();
    try {
      performance.mark('yalu:wake', { detail: { reason } });
    } catch {
      // A page that replaced performance.mark: nothing depends on it.
    }
    api?.runtime.sendMessage({ type: 'wake-marker' }).catch(() => {
      // The extension went away (an update or removal): its next instance looks for itself.
    });
  }

  // Only the top frame answers messages; in a frame, even touching the messaging API costs (an
  // ad-laden page has dozens of empty frames, and each runs this script).
  if (top) {
    api.runtime.onMessage.addListener(onMessage);
    // The marker listens for itself once it is there.
    void marker.then(() => api.runtime.onMessage.removeListener(onMessage));
  }

  let termsChecked = false;
  const checkCustomTerms = (): void => {
    if (termsChecked) return;
    termsChecked = true;
    const areas = [api.storage.local, api.storage.sync].filter((area): area is StorageArea => area !== undefined);
    for (const area of areas) {
      area.get(MAIN_KEY).then(
        (items) => {
          if (hasCustomTerms(items)) wake('custom-terms');
        },
        () => undefined,
      );
    }
  };

  const names = TOPIC_IDS.map(highlightName);
  if (hasLeftovers(document, HIGHLIGHT_PREFIX, HOST_TAG, names)) {
    wake('leftovers');
    return;
  }
  const alive = () => extensionAlive(api.runtime);
  lookout = new Lookout(document, () => new NameScreen(NAME_SCREEN), {
    // An orphan (its extension updated or removed) wakes nothing: the new instance looks itself.
    onHit: () => {
      if (alive()) wake('mention');
    },
    alive,
    // A frame asks for the settings once it has text to mark (most frames of a page have none).
    onPass: (detail) => {
      if (detail.chars > 0) checkCustomTerms();
    },
  });
  // In a task of its own, not the one that compiled and ran this script: together they made one
  // long task on large pages (the look's slices keep to their few milliseconds).
  const look = lookout;
  setTimeout(() => void look.start(), 0);
  if (top) checkCustomTerms();
}

/**
 * Starts the lookout, or, in an empty frame (most of a page's ad slots: a `srcdoc=""` or
 * about:blank frame that a script may fill later), waits until something is put into it: such
 * a frame costs the page little more than running this script, where the lookout's set-up in
 * each of dozens of frames added up to tens of milliseconds on ad-laden pages.
 */
function startWhenFilled(): void {
  const body = document.body;
  if (window === window.top || !body || body.firstChild || body.nextSibling || body.shadowRoot) {
    start();
    return;
  }
  const observer = new MutationObserver(() => {
    observer.disconnect();
    start();
  });
  observer.observe(document, { childList: true, subtree: true });
}

startWhenFilled();
