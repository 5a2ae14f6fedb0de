/**
 * What this page tells the popup and the toolbar badge: its mention counts and whether marking is
 * paused here. The counts live here, in the tab, and not in the background's memory: the service
 * worker may be stopped at any time, while the tab's content script lasts as long as the page.
 */
import browser from 'webextension-polyfill';
import type { BackgroundMessage, BackgroundRequests, PageCountsReply, TopicCounts } from '../messages';
import type { ContentApp } from './app';

type PageState = BackgroundRequests['page-counts']['request'];

export function pageCounts(app: ContentApp, doc: Document): PageCountsReply {
  const scanner = app.activeScanner;
  const counts: TopicCounts = scanner?.counts() ?? {};
  const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
  const reply: PageCountsReply = { counts, total, url: doc.location?.href ?? '' };
  if (app.paused) reply.paused = app.paused;
  if (scanner && scanner.passes === 0) reply.scanning = true;
  return reply;
}

/** Waits this long after a change before telling the background, so a burst of passes sends once. */
export const REPORT_DELAY_MS = 150;

/**
 * Tells the background (and an open popup) whenever the page's counts or pause state change.
 * A fresh page starts with an empty badge, so nothing is sent until there is something to show;
 * after that every change is sent, a drop back to zero included.
 */
export class CountsReporter {
  private lastSent = JSON.stringify(stateOf({ counts: {}, total: 0, url: '' }));
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly app: ContentApp,
    private readonly doc: Document,
    private readonly send: (state: PageState) => Promise<unknown>,
    private readonly delayMs = REPORT_DELAY_MS,
  ) {}

  /** Starts following the app; returns a function that stops. */
  start(): () => void {
    const stop = this.app.onChange(() => this.schedule());
    this.schedule();
    return () => {
      stop();
      clearTimeout(this.timer);
    };
  }

  /** Sends the current state again, even if unchanged (the background may have cleared the badge). */
  resend(): void {
    this.lastSent = '';
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  private flush(): void {
    const state = stateOf(pageCounts(this.app, this.doc));
    const key = JSON.stringify(state);
    if (key === this.lastSent) return;
    this.lastSent = key;
    // Nobody listening (the extension was reloaded, and this script is an orphan) is not an error.
    this.send(state).catch(() => undefined);
  }
}

function stateOf(reply: PageCountsReply): PageState {
  // Sorted so that the same counts found in another order are not news.
  const counts = Object.fromEntries(Object.entries(reply.counts).sort(([a], [b]) => (a < b ? -1 : 1)));
  const state: PageState = { counts, total: reply.total };
  if (reply.paused) state.paused = reply.paused;
  return state;
}

/**
 * Reports the top frame's counts to the background for the badge. Frames' counts stay their own.
 * Returns a function that stops reporting.
 */
export function startCountsReporter(app: ContentApp, doc: Document): () => void {
  const reporter = new CountsReporter(app, doc, (state) => {
    const message: BackgroundMessage = { type: 'page-counts', ...state };
    return browser.runtime.sendMessage(message);
  });
  const stop = reporter.start();
  // Back from the back-forward cache: the tab's badge was reset when it navigated away.
  const onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) reporter.resend();
  };
  doc.defaultView?.addEventListener('pageshow', onPageShow);
  return () => {
    stop();
    doc.defaultView?.removeEventListener('pageshow', onPageShow);
  };
}
