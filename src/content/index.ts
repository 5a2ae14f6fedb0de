/**
 * Content script entry, run at document_idle in every frame of every page: the lookout
 * (lookout.ts). It is small on purpose: where there is nothing to mark it is all that runs.
 *
 * It wakes the marker (marker.ts, which the background then runs into this frame) when:
 * - the page's text may hold a mention (the name screen of every name hits), now or after a change;
 * - an earlier instance left marks or a card host behind (after an update: the marker cleans up);
 * - the reader has custom terms (the background then runs a mark into every frame before this
 *   script, see handover.ts; a frame other than the top one wakes once it has text).
 * When the popup asks the page something, the background runs the marker in itself (messages.ts,
 * askTopFrame) and the lookout steps aside. A keyboard command on a page with no marker finds
 * nothing to walk to, and runs nothing in.
 *
 * It touches no extension API until it wakes the marker: no message listener, no settings read
 * (their first use cost about 0.5 ms each on every page). No webextension-polyfill here either:
 * the browsers' own promise-returning APIs do (Chrome's `chrome`, Firefox's `browser`), and the
 * polyfill would be a tenth of this script.
 */
import NAME_SCREEN from 'virtual:yalu-name-screen';
import { TOPIC_IDS } from '../knowledge/types';
import { NameScreen } from '../matching/screen';
import { HIGHLIGHT_PREFIX, highlightName } from '../ui/mark-styles';
import { awaitMarker, hasCustomTerms } from './handover';
import { highlightsSupported } from './highlighter';
import { HOST_TAG } from './host-tag';
import { extensionAlive, hasLeftovers, hasLiveInstance } from './lifetime';
import { Lookout, type WakeReason } from './lookout';
import { isMarkable } from './markable';

interface Api {
  runtime: {
    readonly id?: string;
    sendMessage(message: unknown): Promise<unknown>;
  };
}

function start(): void {
  const scope = globalThis as { browser?: Api; chrome?: Api };
  const api = scope.browser ?? scope.chrome;
  if (!api || !highlightsSupported(window)) return;
  if (!isMarkable(document)) return;
  // The background ran the marker in before this script started (the popup asked early).
  if (hasLiveInstance(globalThis)) return;
  const top = window === window.top;
  let woken = false;
  let lookout: Lookout | undefined;

  /** Stops looking and records why the marker comes; false when that happened already. */
  function standDown(reason: WakeReason): boolean {
    if (woken) return false;
    woken = true;
    lookout?.stop();
    try {
      performance.mark('yalu:wake', { detail: { reason } });
    } catch {
      // A page that replaced performance.mark: nothing depends on it.
    }
    return true;
  }

  function wake(reason: WakeReason): void {
    if (!standDown(reason)) return;
    api?.runtime.sendMessage({ type: 'wake-marker' }).catch(() => {
      // The extension went away (an update or removal): its next instance looks for itself.
    });
  }

  // A marker run in from outside (the popup asked this page something) scans the page itself:
  // the lookout stops, and does not wake a second one.
  awaitMarker(globalThis, () => standDown('message'));

  const names = TOPIC_IDS.map(highlightName);
  if (hasLeftovers(document, HIGHLIGHT_PREFIX, HOST_TAG, names)) {
    wake('leftovers');
    return;
  }
  const customTerms = hasCustomTerms(globalThis);
  if (customTerms && top) {
    wake('custom-terms');
    return;
  }
  const alive = () => extensionAlive(api.runtime);
  lookout = new Lookout(document, () => new NameScreen(NAME_SCREEN), {
    // An orphan (its extension updated or removed) wakes nothing: the new instance looks itself.
    onHit: () => wake('mention'),
    alive,
    // A frame wakes for custom terms once it has text to mark (most frames of a page have none).
    onPass: (detail) => {
      if (customTerms && detail.chars > 0 && alive()) wake('custom-terms');
    },
  });
  // In a task of its own, not the one that compiled and ran this script: together they made one
  // long task on large pages (the look's slices keep to their few milliseconds).
  const look = lookout;
  setTimeout(() => void look.start(), 0);
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
