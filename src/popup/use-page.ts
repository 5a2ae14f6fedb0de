/**
 * The popup's hold on the tab it reports on: finds the tab, asks its content script for the
 * counts, and asks again whenever the content script says something changed (its 'page-counts'
 * messages reach every extension page, the popup included). The counts always come from the tab
 * itself, never from the background, whose service worker may have been stopped.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser, { type Runtime } from 'webextension-polyfill';
import type { TopicId } from '../knowledge/types';
import {
  askTopFrame,
  type ContentMessage,
  isBackgroundMessage,
  type PageCountsReply,
  type ShowMentionReply,
} from '../messages';
import { type PageView, tabIdFromSearch } from './page-state';

/** How long a page that has finished loading may take to start its content script. */
const START_GRACE_MS = 1200;
/** Longest wait for a page that is still loading. */
const LOADING_LIMIT_MS = 15_000;
const RETRY_MS = 250;

async function findTabId(): Promise<number | undefined> {
  const named = tabIdFromSearch(location.search);
  if (named !== undefined) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Has the background run the marker into the tab's top frame, where only the lookout may run yet. */
function runMarker(tabId: number): Promise<boolean> {
  return browser.runtime.sendMessage({ type: 'run-marker', tabId }) as Promise<boolean>;
}

/** Asks the tab's top frame; where nothing answers and `mayRunMarker`, the marker is run in first. */
function askTab(tabId: number, message: ContentMessage, mayRunMarker = true): Promise<unknown> {
  const send = (id: number, sent: ContentMessage, options: { frameId: number }) =>
    browser.tabs.sendMessage(id, sent, options);
  return mayRunMarker ? askTopFrame(send, runMarker, tabId, message) : send(tabId, message, { frameId: 0 });
}

async function ask(tabId: number, mayRunMarker: boolean): Promise<PageCountsReply | undefined> {
  return (await askTab(tabId, { type: 'get-page-counts' }, mayRunMarker)) as PageCountsReply | undefined;
}

async function tabIsLoading(tabId: number): Promise<boolean> {
  try {
    return (await browser.tabs.get(tabId)).status === 'loading';
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface PageModel {
  readonly tabId: number | undefined;
  readonly view: PageView;
  showNext(topic: TopicId): Promise<ShowMentionReply>;
}

export function usePage(): PageModel {
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  const [view, setView] = useState<PageView>({ kind: 'asking' });
  const generation = useRef(0);

  /**
   * Asks the tab until it answers with finished counts. A content script starts a moment after
   * its page loads and counts in slices, so "no answer" means "unreachable" only once the page has
   * loaded and the grace has passed, and "still scanning" means "ask again shortly".
   */
  const refresh = useCallback(async (id: number) => {
    const mine = ++generation.current;
    const started = Date.now();
    // The marker is run in for the first question only: asking again every 250 ms, a tab that
    // cannot be read (a browser page) had the background woken for nothing each time.
    let mayRunMarker = true;
    for (;;) {
      let reply: PageCountsReply | undefined;
      try {
        reply = await ask(id, mayRunMarker);
      } catch {
        reply = undefined;
      }
      mayRunMarker = false;
      if (mine !== generation.current) return;
      if (reply) {
        setView({ kind: 'ready', reply });
        if (!reply.scanning) return;
      } else {
        const waited = Date.now() - started;
        const loading = await tabIsLoading(id);
        if (mine !== generation.current) return;
        if ((!loading && waited > START_GRACE_MS) || waited > LOADING_LIMIT_MS) {
          setView({ kind: 'unreachable' });
          return;
        }
      }
      await sleep(RETRY_MS);
      if (mine !== generation.current) return;
    }
  }, []);

  useEffect(() => {
    let alive = true;
    void findTabId().then((id) => {
      if (!alive) return;
      if (id === undefined) setView({ kind: 'unreachable' });
      else {
        setTabId(id);
        void refresh(id);
      }
    });
    return () => {
      alive = false;
    };
  }, [refresh]);

  useEffect(() => {
    if (tabId === undefined) return undefined;
    const listener = (message: unknown, sender: Runtime.MessageSender) => {
      // The tab's own news; never answer it, so the background's reply is the one the tab gets.
      if (sender.id === browser.runtime.id && sender.tab?.id === tabId && sender.frameId === 0) {
        if (isBackgroundMessage(message) && message.type === 'page-counts') void refresh(tabId);
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [tabId, refresh]);

  const showNext = useCallback(
    async (topic: TopicId): Promise<ShowMentionReply> => {
      if (tabId === undefined) return { shown: false };
      const message: ContentMessage = { type: 'show-next-mention', topic };
      try {
        const reply = (await askTab(tabId, message)) as ShowMentionReply | undefined;
        if (!reply?.shown) {
          void refresh(tabId);
          return { shown: false };
        }
        return reply;
      } catch {
        void refresh(tabId);
        return { shown: false };
      }
    },
    [tabId, refresh],
  );

  return { tabId, view, showNext };
}
