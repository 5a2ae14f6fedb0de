/**
 * The toolbar icon per tab: the number of mentions as a badge, a tooltip that breaks it down, and
 * a greyed icon where marking is paused. Nothing is kept in the worker's memory: the browser keeps
 * each tab's badge (and resets it when the tab loads a new page), the tab's content script keeps
 * the counts and reports their changes, and when the worker must know every tab's state again
 * (the badge setting changed, the extension was installed or updated) it asks the tabs.
 */
import browser from 'webextension-polyfill';
import type { ContentMessage, PageCountsReply } from '../messages';
import { loadSettings, pauseReason, type SettingsAreas } from '../settings';
import { MAIN_KEY } from '../settings/storage';
import { actionLook, type TabState } from './badge-state';
import { isMarkableUrl } from './marker';

const BADGE_BACKGROUND = '#12355b';
const BADGE_TEXT = '#ffffff';
const ICONS = { 16: '/icons/icon-16.png', 32: '/icons/icon-32.png' };
const PAUSED_ICONS = { 16: '/icons/icon-paused-16.png', 32: '/icons/icon-paused-32.png' };

const areas = browser.storage as unknown as SettingsAreas;

async function badgeSetting(): Promise<boolean> {
  return (await loadSettings(areas)).settings.badge;
}

/** Shows `state` on the tab's icon; undefined resets the icon to its plain look. */
export async function showTabState(tabId: number, state: TabState | undefined, badgeOn?: boolean): Promise<void> {
  const look = actionLook(state, badgeOn ?? (await badgeSetting()));
  const { action } = browser;
  try {
    await Promise.all([
      action.setBadgeText({ tabId, text: look.text }),
      look.text ? action.setBadgeBackgroundColor({ tabId, color: BADGE_BACKGROUND }) : undefined,
      // Chrome before 110 has no badge text colour; its default is white anyway.
      look.text && typeof action.setBadgeTextColor === 'function'
        ? action.setBadgeTextColor({ tabId, color: BADGE_TEXT })
        : undefined,
      action.setTitle({ tabId, title: look.title }),
      action.setIcon({ tabId, path: look.paused ? PAUSED_ICONS : ICONS }),
    ]);
  } catch {
    // The tab closed meanwhile: nothing left to show.
  }
}

/**
 * A tab whose top frame has no marker to answer: only the lookout runs there (it wakes the marker
 * wherever there may be a mention, so nothing is marked), or no content script at all. Its icon
 * only shows whether marking is paused on its site. The marker is not run in just to be asked: a
 * badge change would have run it into every open tab.
 */
async function unmarkedTabState(tabId: number): Promise<TabState | undefined> {
  try {
    const [tab, { settings }] = await Promise.all([browser.tabs.get(tabId), loadSettings(areas)]);
    const hostname = tab.url && isMarkableUrl(tab.url) ? new URL(tab.url).hostname : '';
    const paused = tab.url ? pauseReason(settings, hostname) : undefined;
    return paused ? { counts: {}, total: 0, paused } : undefined;
  } catch {
    return undefined;
  }
}

/** Asks the tab's content script for its state; undefined where it cannot answer and nothing is paused. */
async function askTab(tabId: number): Promise<TabState | undefined> {
  const message: ContentMessage = { type: 'get-page-counts' };
  let reply: PageCountsReply | undefined;
  try {
    reply = (await browser.tabs.sendMessage(tabId, message, { frameId: 0 })) as PageCountsReply | undefined;
  } catch {
    return unmarkedTabState(tabId);
  }
  if (!reply || typeof reply.total !== 'number') return undefined;
  return reply.paused ? { counts: {}, total: 0, paused: reply.paused } : { counts: reply.counts, total: reply.total };
}

async function refreshTab(tabId: number, badgeOn?: boolean): Promise<void> {
  await showTabState(tabId, await askTab(tabId), badgeOn);
}

async function refreshAllTabs(): Promise<void> {
  const badgeOn = await badgeSetting();
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : refreshTab(tab.id, badgeOn))));
}

function badgeFlag(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { badge?: unknown }).badge : undefined;
}

/** Registers the listeners that keep every tab's icon right; call once, at the worker's top level. */
export function installBadge(): void {
  // No tabs.onUpdated listener: both browsers reset a tab's badge, title and icon when it loads a
  // new document (and keep them through same-document navigations, where the content script
  // stays and reports any change itself), so the worker need not wake for every page load.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync' && area !== 'local') return;
    const main = changes[MAIN_KEY];
    // The badge setting lives in the main settings item; pauses reach the icon through the tabs.
    if (main && badgeFlag(main.oldValue) !== badgeFlag(main.newValue)) void refreshAllTabs();
  });
  browser.runtime.onInstalled.addListener(() => {
    void refreshAllTabs();
  });
}
