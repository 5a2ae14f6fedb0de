/**
 * What only Chromium can do for the e2e tests: open the real toolbar popup, reach the service
 * worker, and stop it the way Chrome does when it has been idle.
 *
 * Playwright does not expose an extension popup as a Page (microsoft/playwright#5593), so the
 * harness starts Chromium with a DevTools port as well as Playwright's pipe, and puppeteer-core
 * attaches to the popup's target through that port (`Target.asPage()` makes a Page of any target).
 * `chrome.action.openPopup()` from the service worker opens the popup as a click on the icon
 * would, over the active tab of the focused window, in headless mode too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Worker as PlaywrightWorker } from 'playwright-core';
import puppeteer, {
  type CDPSession,
  type Browser as PuppeteerBrowser,
  type Page as PuppeteerPage,
  type Target,
} from 'puppeteer-core';
import type { TestPage } from './browsers.ts';

export interface ChromiumExtras {
  /** The Playwright context, for what the shared interface does not cover. */
  readonly context: BrowserContext;
  /**
   * Opens the real toolbar popup over `tab` (brought to the front first), as a click on the
   * extension's icon would, and returns it once its document has loaded. Wakes a stopped worker.
   */
  openActionPopup(tab: TestPage): Promise<TestPage>;
  /** Runs `fn` in the extension's service worker, waking it first if it was stopped. */
  inServiceWorker<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Whether the service worker is running now (asking does not wake it). */
  serviceWorkerRunning(): Promise<boolean>;
  /** Stops the service worker, as Chrome does after 30 seconds without events. */
  stopServiceWorker(): Promise<void>;
  /**
   * Records every request that any page, popup or the service worker issues from now on, through
   * the DevTools protocol's Network domain on each target (targets that appear later included).
   */
  recordRequests(): Promise<RequestRecorder>;
}

export interface RecordedRequest {
  readonly url: string;
  /** The URL of the target (page, popup, service worker) that issued it. */
  readonly from: string;
}

export interface RequestRecorder {
  readonly requests: readonly RecordedRequest[];
  stop(): Promise<void>;
}

/** Chromium writes the port it chose for --remote-debugging-port=0 into the profile. */
async function devToolsPort(userDataDir: string): Promise<string> {
  const file = join(userDataDir, 'DevToolsActivePort');
  const deadline = Date.now() + 10_000;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error('Chromium did not write DevToolsActivePort');
    await new Promise((done) => setTimeout(done, 50));
  }
  return readFileSync(file, 'utf8').split('\n')[0] ?? '';
}

function isPopupNoise(text: string): boolean {
  return /ERR_PROXY_CONNECTION_FAILED|Failed to load resource/.test(text);
}

/** A popup page as a TestPage. goto, frames and init scripts have no meaning for a popup. */
function wrapPopup(page: PuppeteerPage): TestPage {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !isPopupNoise(message.text())) errors.push(message.text());
  });
  const unsupported = (what: string) => () => Promise.reject(new Error(`${what} is not available in a popup`));
  return {
    errors,
    goto: unsupported('goto'),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as never,
    screenshot: async (path, options) => {
      await page.screenshot({ path: path as `${string}.png`, fullPage: options?.fullPage ?? false });
    },
    mouseMove: (x, y) => page.mouse.move(x, y),
    mouseClick: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key as never),
    setViewport: unsupported('setViewport'),
    emulateColorScheme: (scheme) => page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]),
    addInitScript: unsupported('addInitScript'),
    evaluateInFrame: unsupported('evaluateInFrame'),
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

export async function chromiumExtras(
  context: BrowserContext,
  userDataDir: string,
  extensionOrigin: string,
): Promise<ChromiumExtras> {
  const port = await devToolsPort(userDataDir);
  const remote: PuppeteerBrowser = await puppeteer.connect({
    browserURL: `http://127.0.0.1:${port}`,
    defaultViewport: null,
  });
  context.once('close', () => void remote.disconnect());
  const isPopup = (target: Target) =>
    target.type() === 'page' && target.url() === `${extensionOrigin}/src/popup/index.html`;

  const browserSession = await remote.target().createCDPSession();
  /** The worker as Chromium lists it: its target id stays the same when it is started again. */
  const workerTargets = async () =>
    (await browserSession.send('Target.getTargets')).targetInfos.filter(
      (info) => info.type === 'service_worker' && info.url.startsWith(extensionOrigin),
    );

  // Playwright makes a Worker per run of the service worker and closes it when that run ends, so
  // the live ones are the workers to evaluate in.
  const live = new Set<PlaywrightWorker>();
  const follow = (candidate: PlaywrightWorker) => {
    if (!candidate.url().startsWith(extensionOrigin)) return;
    live.add(candidate);
    candidate.once('close', () => live.delete(candidate));
  };
  for (const existing of context.serviceWorkers()) follow(existing);
  context.on('serviceworker', follow);

  /**
   * A running worker. A stopped one is started the way the extension itself would start it: an
   * extension page sends it a message. (DevTools' ServiceWorker.startWorker starts the script
   * without the extension APIs bound: `chrome` is undefined in it.)
   */
  const worker = async (): Promise<PlaywrightWorker> => {
    if ((await workerTargets()).length === 0) {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}/src/popup/index.html?tab=0`);
      await page.evaluate(() =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(message: object): Promise<unknown> } } }
        ).chrome.runtime.sendMessage({ type: 'get-article' }),
      );
      await page.close();
    }
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [running] = [...live].slice(-1);
      if (running) return running;
      if (Date.now() > deadline) throw new Error('the service worker did not start');
      await new Promise((done) => setTimeout(done, 50));
    }
  };

  const recordRequests = async (): Promise<RequestRecorder> => {
    const requests: RecordedRequest[] = [];
    const sessions: CDPSession[] = [];
    const attach = async (target: Target) => {
      if (!['page', 'service_worker', 'background_page', 'other'].includes(target.type())) return;
      const session = await target.createCDPSession().catch(() => undefined);
      if (!session) return;
      sessions.push(session);
      session.on('Network.requestWillBeSent', (event) => {
        requests.push({ url: event.request.url, from: target.url() });
      });
      await session.send('Network.enable').catch(() => undefined);
    };
    const onCreated = (target: Target) => void attach(target);
    remote.on('targetcreated', onCreated);
    await Promise.all(remote.targets().map(attach));
    return {
      requests,
      stop: async () => {
        remote.off('targetcreated', onCreated);
        await Promise.all(sessions.map((session) => session.detach().catch(() => undefined)));
      },
    };
  };

  return {
    context,
    recordRequests,
    inServiceWorker: async (fn, arg) => (await worker()).evaluate(fn as never, arg as never) as never,
    serviceWorkerRunning: async () => (await workerTargets()).length > 0,
    stopServiceWorker: async () => {
      // An event that arrives meanwhile (a tab's message) starts the worker again: close it again.
      const deadline = Date.now() + 5_000;
      for (;;) {
        const running = await workerTargets();
        if (running.length === 0) break;
        if (Date.now() > deadline) throw new Error(`the service worker did not stop: ${JSON.stringify(running)}`);
        for (const info of running) {
          await browserSession.send('Target.closeTarget', { targetId: info.targetId }).catch(() => undefined);
        }
        await new Promise((done) => setTimeout(done, 100));
      }
      // Playwright learns of the end a moment later; until then its Worker would answer nothing.
      while (live.size > 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));
    },
    openActionPopup: async (tab) => {
      await tab.bringToFront?.();
      const before = new Set(remote.targets().filter(isPopup));
      const sw = await worker();
      await sw.evaluate(() =>
        (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup(),
      );
      const target = await remote.waitForTarget((candidate) => isPopup(candidate) && !before.has(candidate), {
        timeout: 10_000,
      });
      const page = await target.asPage();
      await page.waitForFunction(() => document.readyState === 'complete', { timeout: 10_000, polling: 50 });
      return wrapPopup(page);
    },
  };
}
