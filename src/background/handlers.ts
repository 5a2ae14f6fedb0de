/**
 * The background's one handler map: every message type it accepts, and what it does.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { ARTICLE } from '../knowledge/article';
import { getTopic } from '../knowledge/topics';
import type { BackgroundHandlers } from '../messages';
import { showTabState } from './badge';
import { type MarkerInjection, runMarkerInTab, wakeMarker } from './marker';

const scripting = () => (browser as unknown as { scripting?: MarkerInjection }).scripting;

/** Whether the sender is one of the extension's own pages (the popup), not a content script. */
function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

export const backgroundHandlers: BackgroundHandlers<Runtime.MessageSender> = {
  'page-counts': async ({ counts, total, paused }, sender) => {
    // Only a tab's top frame speaks for the tab (frames keep their counts to themselves).
    if (sender.tab?.id === undefined || sender.frameId !== 0) return undefined;
    await showTabState(sender.tab.id, paused ? { counts, total, paused } : { counts, total });
    return undefined;
  },
  'get-topic': ({ topic }) => getTopic(topic),
  'get-article': () => ARTICLE,
  'wake-marker': (_message, sender) => wakeMarker(scripting(), sender),
  'run-marker': ({ tabId }, sender) =>
    fromExtensionPage(sender) ? runMarkerInTab(scripting(), browser.tabs, tabId) : false,
};
