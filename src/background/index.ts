/**
 * Background: a service worker in Chrome, an event page in Firefox. It keeps nothing in memory
 * that matters: anything that must survive the worker being stopped lives in storage or in the
 * tabs' content scripts.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { type BackgroundMessage, isBackgroundMessage } from '../messages';
import { repairSettings, type SettingsAreas, settingsLock } from '../settings';
import { installBadge } from './badge';
import { registerCommands } from './commands';
import { type ContentScriptRegistry, installCustomTermsScript } from './custom-terms';
import { backgroundHandlers } from './handlers';
import { injectIntoOpenTabs } from './reinject';

/** Only our own extension's pages and content scripts may talk to us. */
function fromThisExtension(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id;
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!fromThisExtension(sender) || !isBackgroundMessage(message)) return undefined;
  const handler = backgroundHandlers[message.type] as (
    message: BackgroundMessage,
    sender: Runtime.MessageSender,
  ) => unknown;
  return Promise.resolve(handler(message, sender));
});

// Stored settings are migrated to the current version (and damaged ones repaired, with a copy
// kept for recovery) once per install or update, so no context has to write them back on its own.
// The lock is the one the options page and the popup save under, so a repair never lands between
// another page's read and write.
browser.runtime.onInstalled.addListener(({ reason }) => {
  void repairSettings(browser.storage, undefined, settingsLock(globalThis.navigator?.locks));
  // Firefox runs the content scripts in open tabs itself (getBrowserInfo is Firefox's alone).
  const firefox = typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
  if (!firefox && (reason === 'install' || reason === 'update')) {
    void injectIntoOpenTabs(browser as unknown as Parameters<typeof injectIntoOpenTabs>[0]).catch(() => 0);
  }
});

registerCommands(browser as unknown as Parameters<typeof registerCommands>[0]);
installBadge();
installCustomTermsScript(
  (browser as unknown as { scripting?: ContentScriptRegistry }).scripting,
  browser.storage as unknown as SettingsAreas,
);
