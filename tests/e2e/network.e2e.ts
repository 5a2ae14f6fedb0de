/**
 * The extension makes no network request (README, Privacy). In both browsers a page with
 * mentions is loaded, a card opened, the popup and the options page opened and a setting changed,
 * while three recorders listen:
 *
 * - the browser's own view of every request its contexts issue: Chromium through the DevTools
 *   protocol on every page, popup and the service worker; Firefox through WebDriver BiDi on every
 *   tab and frame (BiDi does not see Firefox's background page);
 * - a proxy that every request to a host other than 127.0.0.1 goes through, whichever context
 *   sent it, Firefox's background page included (the browser's own update and settings traffic
 *   goes there too, and is told apart by its vendor's domains);
 * - the fixture server, which sees every request to 127.0.0.1.
 *
 * Each recorder is first shown to see a request from each kind of context (a sentinel fetch), so
 * an empty record means nothing was sent, not that nothing was watched.
 */

import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import type { BrowserName, RecordedRequest, TestPage } from './harness/browsers.ts';
import { forEachBrowser, type SuiteContext, waitInPage } from './harness/suite.ts';

const FIXTURE = '/fixtures/card/card.html';
const FIXTURE_FILES = ['/fixtures/card/card.html', '/fixtures/card/card-page.css', '/favicon.ico'];

/** Hosts the browsers contact on their own (updates, sign-in, remote settings), never the extension. */
const BROWSER_OWN_HOSTS = {
  chromium: /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|googleusercontent\.com)$/,
  firefox: /(^|\.)(mozilla\.com|mozilla\.net|mozilla\.org|firefox\.com|mozaws\.net)$/,
} satisfies Record<BrowserName, RegExp>;

/** A proxy that answers nothing: it notes the host of each request and closes the connection. */
class RecordingProxy {
  readonly hosts: string[] = [];
  private server: Server | undefined;

  async start(): Promise<number> {
    this.server = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', (data) => {
        // "CONNECT host:443 HTTP/1.1" or "GET http://host/path HTTP/1.1"
        const target = data.toString('latin1').split('\r\n')[0]?.split(' ')[1] ?? '';
        const host = /^[a-z]+:\/\//i.test(target) ? new URL(target).hostname : target.replace(/:\d+$/, '');
        this.hosts.push(host);
        socket.destroy();
      });
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    return (this.server.address() as AddressInfo).port;
  }

  close(): void {
    this.server?.close();
  }
}

const proxies = new Map<BrowserName, RecordingProxy>();
afterAll(() => {
  for (const proxy of proxies.values()) proxy.close();
});

type ExtensionApi = {
  storage: { sync: { clear(): Promise<void> }; local: { clear(): Promise<void> } };
  tabs: {
    query(query: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: object, options: object): Promise<{ url?: string } | undefined>;
  };
  runtime: { getBackgroundPage?: () => Promise<{ fetch: typeof fetch }> };
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until<T>(read: () => T | Promise<T>, what: string, timeout = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function extensionPage(ctx: SuiteContext, path: string, ready: () => boolean): Promise<TestPage> {
  const page = await ctx.page();
  try {
    await page.goto(`${ctx.browser.extensionOrigin}${path}`);
  } catch (error) {
    // Firefox's remote agent sometimes fails its poll while an extension page loads (options.e2e.ts).
    if (!/Waiting failed|Protocol error/.test(String(error))) throw error;
  }
  await waitInPage(page, ready, { timeout: 10_000 });
  return page;
}

/** The tab showing `url`, found from an extension page by asking each tab's content script. */
function tabIdOf(helper: TestPage, url: string): Promise<number> {
  return helper.evaluate(async (wanted) => {
    const api =
      (globalThis as unknown as { browser?: ExtensionApi }).browser ??
      (globalThis as unknown as { chrome: ExtensionApi }).chrome;
    for (const tab of await api.tabs.query({})) {
      if (tab.id === undefined) continue;
      try {
        const reply = await api.tabs.sendMessage(tab.id, { type: 'get-page-counts' }, { frameId: 0 });
        if (reply?.url === wanted) return tab.id;
      } catch {
        // No content script in that tab.
      }
    }
    throw new Error(`no tab shows ${wanted}`);
  }, url);
}

/** Page function: the centre of the first Korean War mark. */
function firstMark(): { x: number; y: number } | null {
  const [range] = [...(CSS.highlights.get('yalu-korean-war') ?? [])] as Range[];
  const rect = range ? [...range.getClientRects()].find((box) => box.width > 0) : undefined;
  return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
}

/** Page function: the open card's accessible name, read through its shadow root. */
function openCardName(): string | null {
  const root = document.querySelector('yalu-lens')?.shadowRoot;
  const dialog = root?.querySelector('[role="dialog"]');
  if (!root || !dialog || !root.querySelector('.yl-popover:popover-open')) return null;
  return root.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent ?? null;
}

/** Requests the browser may see: the extension's own files, inline data, and the page's fixtures. */
function allowed(url: string, fixtureOrigin: string): boolean {
  if (/^(chrome-extension|moz-extension|data|blob|about):/.test(url)) return true;
  const parsed = new URL(url);
  return parsed.origin === fixtureOrigin && FIXTURE_FILES.includes(parsed.pathname);
}

const SENTINEL = /^sentinel-[a-z]+\.invalid$/;

forEachBrowser(
  (ctx, name) => {
    it('the extension sends no request anywhere: page with a card, popup, options page and a saved setting', async () => {
      const proxy = proxies.get(name) as RecordingProxy;
      const recorder = await ctx.browser.recordRequests();
      const options = await extensionPage(
        ctx,
        '/src/options/index.html',
        () => document.getElementById('topic-korean-war') !== null,
      );
      await options.evaluate(async () => {
        const api =
          (globalThis as unknown as { browser?: ExtensionApi }).browser ??
          (globalThis as unknown as { chrome: ExtensionApi }).chrome;
        await api.storage.sync.clear();
        await api.storage.local.clear();
      });
      const tab = await ctx.page();
      const fixtureUrl = ctx.server.url(FIXTURE);
      await tab.goto(fixtureUrl);
      await until(() => tab.evaluate(firstMark), 'the Korean War marks');

      // The recorders see each kind of context: a page, an extension page and the background.
      await tab.evaluate(() => fetch('http://sentinel-page.invalid/').catch(() => undefined));
      await options.evaluate(() => fetch('http://sentinel-extension.invalid/').catch(() => undefined));
      if (name === 'chromium') {
        await ctx.browser.chromium?.inServiceWorker(() =>
          fetch('http://sentinel-background.invalid/').catch(() => undefined),
        );
      } else {
        await options.evaluate(async () => {
          const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
          const background = await api.runtime.getBackgroundPage?.();
          await background?.fetch('http://sentinel-background.invalid/').catch(() => undefined);
        });
      }
      const sentinelHost = (request: RecordedRequest) => new URL(request.url).hostname;
      const seen = await until(() => {
        const hosts = new Set(recorder.requests.map(sentinelHost));
        const wanted = ['sentinel-page.invalid', 'sentinel-extension.invalid'];
        // BiDi does not see Firefox's background page; the proxy does.
        if (name === 'chromium') wanted.push('sentinel-background.invalid');
        return wanted.every((host) => hosts.has(host)) ? hosts : undefined;
      }, 'the recorder to see the sentinel requests');
      expect(seen.size).toBeGreaterThan(0);
      await until(
        () =>
          ['sentinel-page.invalid', 'sentinel-extension.invalid', 'sentinel-background.invalid'].every((host) =>
            proxy.hosts.includes(host),
          ),
        'the proxy to see the sentinel requests',
      );

      // A card: a click on a mark opens it at once; its prose comes from the background.
      const mark = await until(() => tab.evaluate(firstMark), 'a visible mark');
      await tab.mouseClick(mark.x, mark.y);
      expect(await until(() => tab.evaluate(openCardName), 'the card')).toContain('Korean War');
      await tab.press('Escape');

      // The popup over the tab: the real one in Chromium, the popup page in a tab in Firefox.
      let popup: TestPage;
      if (ctx.browser.chromium) popup = await ctx.browser.chromium.openActionPopup(tab);
      else {
        const tabId = await tabIdOf(options, fixtureUrl);
        popup = await extensionPage(ctx, `/src/popup/index.html?tab=${tabId}`, () =>
          Boolean(document.body.textContent?.includes('Korean War')),
        );
      }
      await waitInPage(popup, () => Boolean(document.body.textContent?.includes('Korean War')), { timeout: 10_000 });

      // The options page saves a setting, which the tab follows.
      await options.evaluate(() => document.getElementById('topic-korean-war')?.click());
      await until(
        () => tab.evaluate(() => (CSS.highlights.get('yalu-korean-war')?.size ?? 0) === 0),
        'the tab to follow the setting',
      );
      await options.evaluate(() => document.getElementById('topic-korean-war')?.click());
      await until(() => tab.evaluate(firstMark), 'the marks to come back');
      // Reload the tab: the content script starts afresh on a page.
      await tab.goto(fixtureUrl);
      await until(() => tab.evaluate(firstMark), 'the marks after a reload');
      await sleep(1_500);
      await recorder.stop();

      const recorded = recorder.requests
        .filter((request) => !SENTINEL.test(new URL(request.url).hostname))
        // Chromium's own UI (the omnibox popup and the like) is made of pages too.
        .filter((request) => !/^(chrome|chrome-untrusted|devtools):/.test(request.from));
      expect(recorded.length, 'the recorder saw the extension pages load').toBeGreaterThan(0);
      expect(recorded.filter((request) => !allowed(request.url, ctx.server.origin))).toEqual([]);
      // Since the browser started: the extension's installation and start-up count too.
      const proxied = proxy.hosts.filter((host) => !SENTINEL.test(host) && !BROWSER_OWN_HOSTS[name].test(host));
      expect(proxied).toEqual([]);
      const served = ctx.server.requests.map((path) => path.split('?')[0] as string);
      expect(served.filter((path) => !FIXTURE_FILES.includes(path))).toEqual([]);
      expect(served).toContain(FIXTURE);

      // Firefox reports the sentinel fetches' failure on the console.
      for (const page of [tab, options]) expect(page.errors.filter((error) => !/sentinel-/.test(error))).toEqual([]);
      await popup.close();
      await tab.close();
      await options.close();
    });
  },
  {
    launchOptions: async (name) => {
      const proxy = new RecordingProxy();
      proxies.set(name, proxy);
      return { proxyPort: await proxy.start() };
    },
  },
);
