import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// page-counts.ts imports webextension-polyfill, which throws outside an extension.
vi.mock('webextension-polyfill', () => ({ default: {} }));

const { CountsReporter, pageCounts } = await import('../../../src/content/page-counts');
type App = ConstructorParameters<typeof CountsReporter>[0];

/** A stand-in for ContentApp: counts, a pause and change listeners, set by the test. */
function fakeApp() {
  const listeners = new Set<() => void>();
  const state = {
    counts: {} as Record<string, number>,
    paused: undefined as 'site' | 'everywhere' | undefined,
    passes: 1,
  };
  const app = {
    get activeScanner() {
      return state.paused ? undefined : { counts: () => ({ ...state.counts }), passes: state.passes };
    },
    get paused() {
      return state.paused;
    },
    onChange(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const change = (next: Partial<typeof state>) => {
    Object.assign(state, next);
    for (const listener of listeners) listener();
  };
  return { app: app as unknown as App, change };
}

const doc = { location: { href: 'https://example.com/news' } } as unknown as Document;

describe('pageCounts', () => {
  it('reports counts, total, URL, a pause and an unfinished first scan', () => {
    const { app, change } = fakeApp();
    change({ counts: { 'korean-war': 11, 'sino-vietnamese-war': 4 } });
    expect(pageCounts(app, doc)).toEqual({
      counts: { 'korean-war': 11, 'sino-vietnamese-war': 4 },
      total: 15,
      url: 'https://example.com/news',
    });
    change({ passes: 0 });
    expect(pageCounts(app, doc).scanning).toBe(true);
    change({ paused: 'site' });
    expect(pageCounts(app, doc)).toEqual({ counts: {}, total: 0, url: 'https://example.com/news', paused: 'site' });
  });
});

describe('CountsReporter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends nothing for a page without mentions, then each change once the page has some', async () => {
    const { app, change } = fakeApp();
    const sent: unknown[] = [];
    new CountsReporter(app, doc, async (state) => void sent.push(state)).start();
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toEqual([]);

    // A burst of passes within the delay is one message.
    change({ counts: { 'korean-war': 1 } });
    change({ counts: { 'korean-war': 2 } });
    await vi.advanceTimersByTimeAsync(149);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([{ counts: { 'korean-war': 2 }, total: 2 }]);

    // The same counts found in another order are not news.
    change({ counts: { 'korean-war': 2 } });
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toHaveLength(1);

    // Back to zero is news: the badge must clear.
    change({ counts: {} });
    await vi.advanceTimersByTimeAsync(200);
    expect(sent.at(-1)).toEqual({ counts: {}, total: 0 });

    change({ paused: 'everywhere' });
    await vi.advanceTimersByTimeAsync(200);
    expect(sent.at(-1)).toEqual({ counts: {}, total: 0, paused: 'everywhere' });
  });

  it('reports a page paused from the start, and sends again when asked to', async () => {
    const { app, change } = fakeApp();
    change({ paused: 'site' });
    const sent: unknown[] = [];
    const reporter = new CountsReporter(app, doc, async (state) => void sent.push(state));
    reporter.start();
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toEqual([{ counts: {}, total: 0, paused: 'site' }]);
    reporter.resend();
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toHaveLength(2);
  });

  it('does not throw when nobody listens (an orphaned script after an update)', async () => {
    const { app, change } = fakeApp();
    new CountsReporter(app, doc, () => Promise.reject(new Error('Extension context invalidated.'))).start();
    change({ counts: { 'korean-war': 1 } });
    await expect(vi.advanceTimersByTimeAsync(200)).resolves.not.toThrow();
  });
});
