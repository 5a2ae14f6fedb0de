/**
 * The part of the content script that marks: matcher, scanner, highlights, card, the popup's
 * answers. It is not a manifest content script: the lookout (index.ts), which runs on every page,
 * asks the background to run this file into its frame once the page may hold a mention, and the
 * background runs it into a tab's top frame when the popup asks the page something (messages.ts,
 * askTopFrame), so a page with none never compiles it. Once started it
 * scans the page from the start and follows it as before; settings are read once.
 *
 * The window's input listeners were added before any script of the page by early.ts (document_start:
 * a page's own capturing listeners cannot then swallow our events); this script takes them over.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { TOPIC_IDS } from '../knowledge/types';
import { type BackgroundRequests, type ContentHandlers, type ContentMessage, isContentMessage } from '../messages';
import { loadSettings, type SettingsAreas, saveChange, watchSettings } from '../settings';
import { HIGHLIGHT_PREFIX, highlightName } from '../ui/mark-styles';
import { ContentApp } from './app';
import { CardFeature } from './card';
import { HOST_TAG } from './card/host';
import { markerArrived } from './handover';
import { Highlighter } from './highlighter';
import { claimWorld, extensionAlive, hasLeftovers, removeLeftovers, watchLifetime } from './lifetime';
import { isMarkable } from './markable';
import { contentHandlers } from './message-handlers';
import { startCountsReporter } from './page-counts';
import { takeEarlyInput } from './window-input';

function start(): void {
  // Not documentElement: Firefox runs document_start scripts before the root element exists.
  if (!Highlighter.supported(window) || !isMarkable(document)) return;
  const alive = () => extensionAlive(browser.runtime);
  const stops: (() => void)[] = [];
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    // Each part is taken down on its own: an orphaned script's API calls throw.
    for (const part of stops.reverse()) {
      try {
        part();
      } catch {
        // Gone with the extension already.
      }
    }
  };
  if (!claimWorld(globalThis, { stop, alive })) return;
  // The lookout of this frame, if it still looks, stops: this script scans the page itself.
  markerArrived(globalThis);

  const input = takeEarlyInput(globalThis, window);
  stops.push(() => input.dispose());
  // Our names as this version writes them: what is left to look for when the registry cannot be
  // walked (Firefox, after an old version's sandbox was nuked: see lifetime.ts).
  const names = TOPIC_IDS.map(highlightName);
  const leftovers = hasLeftovers(document, HIGHLIGHT_PREFIX, HOST_TAG, names);
  const check = watchLifetime(document, alive, stop, leftovers);
  input.gate = check;
  // What an older instance that could not step down (its script unloaded) left behind.
  if (leftovers) removeLeftovers(document, HIGHLIGHT_PREFIX, HOST_TAG, names);

  // The listener is there from the start, so a message sent right after the background ran this
  // script in (askTopFrame) is answered, once the settings are read and the page is being scanned.
  let answer: (handlers: ContentHandlers | undefined) => void = () => undefined;
  const ready = new Promise<ContentHandlers | undefined>((done) => {
    answer = done;
  });
  stops.push(() => answer(undefined));
  const onMessage = (message: unknown, sender: Runtime.MessageSender) => {
    // Only the top frame answers, so the popup gets one reply per tab; only our extension asks.
    if (window !== window.top || !check() || sender.id !== browser.runtime.id || !isContentMessage(message))
      return undefined;
    return ready.then((handlers) =>
      handlers ? (handlers[message.type] as (message: ContentMessage) => unknown)(message) : undefined,
    );
  };
  browser.runtime.onMessage.addListener(onMessage);
  stops.push(() => browser.runtime.onMessage.removeListener(onMessage));

  const areas = browser.storage as unknown as SettingsAreas;
  void loadSettings(areas).then(({ settings }) => {
    if (stopped || !check() || !document.documentElement) {
      answer(undefined);
      return;
    }
    const app = new ContentApp(document, settings);
    stops.push(() => app.stop());
    app.apply(settings);

    // The card's prose and the article's details stay in the background until a card first opens.
    const ask = <K extends keyof BackgroundRequests>(type: K, request: BackgroundRequests[K]['request']) =>
      browser.runtime.sendMessage({ type, ...request }) as Promise<BackgroundRequests[K]['reply']>;
    const card = new CardFeature(
      app,
      document,
      {
        loadTopic: (topic) => ask('get-topic', { topic }),
        loadArticle: () => ask('get-article', {}),
        // Not the Web Lock of the extension's pages: a content script's locks are the page's own,
        // which a page could hold forever. Saves from this frame queue among themselves.
        saveSettings: (base, next) => saveChange(areas, () => ({ base, next })),
      },
      input,
    );
    stops.push(() => card.dispose());
    stops.push(
      watchSettings(areas, (loaded) => {
        // The card applied its own change already (see CardFeature.savingSettings).
        if (check() && !card.savingSettings) app.apply(loaded.settings);
      }),
    );

    answer(contentHandlers(app, document, card));
    if (window === window.top) stops.push(startCountsReporter(app, document));
    // A tab coming back into view is a moment to notice that the extension went away meanwhile.
    const onVisible = () => void check();
    document.addEventListener('visibilitychange', onVisible);
    stops.push(() => document.removeEventListener('visibilitychange', onVisible));
  });
}

start();
