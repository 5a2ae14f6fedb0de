/**
 * Content script entry. Runs at document_idle in every frame of every page, so where there is
 * nothing to mark it must cost almost nothing: settings are read once, the text walked once,
 * and no element is added to the page.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { type ContentMessage, isContentMessage } from '../messages';
import { loadSettings, type SettingsAreas, watchSettings } from '../settings';
import { ContentApp } from './app';
import { Highlighter } from './highlighter';
import { contentHandlers } from './message-handlers';

async function main(): Promise<void> {
  if (!Highlighter.supported(window) || !document.documentElement) return;
  const areas = browser.storage as unknown as SettingsAreas;
  const { settings } = await loadSettings(areas);
  const app = new ContentApp(document, settings);
  app.apply(settings);
  watchSettings(areas, (loaded) => app.apply(loaded.settings));

  const handlers = contentHandlers(app, document);
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only the top frame answers, so the popup gets one reply per tab; only our extension asks.
    if (window !== window.top || sender.id !== browser.runtime.id || !isContentMessage(message)) return undefined;
    const handler = handlers[message.type] as (message: ContentMessage) => unknown;
    return Promise.resolve(handler(message));
  });
}

void main();
