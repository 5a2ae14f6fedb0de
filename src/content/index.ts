/**
 * Content script entry. Runs at document_idle in every frame of every page, so where there is
 * nothing to mark it must cost almost nothing: settings are read once, the text walked once,
 * and no element is added to the page (the card's host appears only when a card first opens).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { type BackgroundRequests, type ContentMessage, isContentMessage } from '../messages';
import { loadSettings, type SettingsAreas, saveSettings, watchSettings } from '../settings';
import { ContentApp } from './app';
import { CardFeature } from './card';
import { Highlighter } from './highlighter';
import { contentHandlers } from './message-handlers';
import { startCountsReporter } from './page-counts';

async function main(): Promise<void> {
  if (!Highlighter.supported(window) || !document.documentElement) return;
  const areas = browser.storage as unknown as SettingsAreas;
  const { settings } = await loadSettings(areas);
  const app = new ContentApp(document, settings);
  app.apply(settings);

  // The card's prose and the article's details stay in the background until a card first opens.
  const ask = <K extends keyof BackgroundRequests>(type: K, request: BackgroundRequests[K]['request']) =>
    browser.runtime.sendMessage({ type, ...request }) as Promise<BackgroundRequests[K]['reply']>;
  const card = new CardFeature(app, document, {
    loadTopic: (topic) => ask('get-topic', { topic }),
    loadArticle: () => ask('get-article', {}),
    saveSettings: (next) => saveSettings(areas, next),
  });
  watchSettings(areas, (loaded) => {
    // The card applied its own change already (see CardFeature.savingSettings).
    if (!card.savingSettings) app.apply(loaded.settings);
  });

  const handlers = contentHandlers(app, document, card);
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only the top frame answers, so the popup gets one reply per tab; only our extension asks.
    if (window !== window.top || sender.id !== browser.runtime.id || !isContentMessage(message)) return undefined;
    const handler = handlers[message.type] as (message: ContentMessage) => unknown;
    return Promise.resolve(handler(message));
  });
  if (window === window.top) startCountsReporter(app, document);
}

void main();
