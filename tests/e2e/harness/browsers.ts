/**
 * Launches Chromium (playwright-core) and Firefox ESR (puppeteer-core over WebDriver BiDi) with
 * the built extension, behind one small interface so each e2e test is written once and runs in
 * both. Only 127.0.0.1 is reachable: both browsers send every other request to a dead proxy on
 * 127.0.0.1:9 (loopback itself is never proxied), so a page's third-party scripts, fonts and
 * trackers fail fast and runs stay repeatable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page as PlaywrightPage } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';
import { type ChromiumExtras, chromiumExtras, type RecordedRequest, type RequestRecorder } from './chromium-extras.ts';
import { type BrowserName, findBrowser } from './find-browsers.ts';

export type { BrowserName, RecordedRequest, RequestRecorder };

export const DIST = resolve(import.meta.dirname, '../../../dist');
export const FIREFOX_ADDON_ID = 'yalu-lens@yalu-lens.org';
/** Fixed so tests can open moz-extension:// pages; Firefox otherwise picks a random one. */
export const FIREFOX_EXTENSION_UUID = '5d1f1e2a-7a6b-4c1e-9d3a-1a2b3c4d5e6f';

const DEAD_PROXY_PORT = 9;

export interface TestPage {
  goto(url: string): Promise<void>;
  /** Runs `fn` in the page's main world. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  screenshot(path: string, options?: { fullPage?: boolean }): Promise<void>;
  mouseMove(x: number, y: number): Promise<void>;
  mouseClick(x: number, y: number): Promise<void>;
  /** A key, or a chord like "Alt+Shift+KeyY" (modifiers first, as Playwright writes them). */
  press(key: string): Promise<void>;
  /** A one-finger tap with a touch pointer (pointerType "touch"), as on a phone or tablet. Tabs only. */
  tap?(x: number, y: number): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  emulateColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /** Runs `source` in every document this tab loads, before the page's own scripts. */
  addInitScript(source: string): Promise<void>;
  /** Runs `fn` in the first child frame whose URL contains `urlPart`. */
  evaluateInFrame<R>(urlPart: string, fn: () => R | Promise<R>): Promise<R>;
  /** Uncaught page errors and console errors seen since the page opened. */
  readonly errors: string[];
  /** Makes this the active tab of its window (what the toolbar popup reports on). */
  bringToFront?: () => Promise<void>;
  /** Chromium only: a DevTools protocol session on this tab (the benchmark traces through it). */
  cdpSession?: () => Promise<CDPSession>;
  close(): Promise<void>;
}

export interface ExtensionBrowser {
  readonly name: BrowserName;
  readonly version: string;
  /** chrome-extension://<id> or moz-extension://<uuid>, without a trailing slash. */
  readonly extensionOrigin: string;
  newPage(): Promise<TestPage>;
  /** Chromium only: the toolbar popup, the service worker and the Playwright context. */
  readonly chromium?: ChromiumExtras;
  /**
   * Records the requests browsing contexts issue from now on: in Chromium every page, popup and
   * the service worker (DevTools protocol); in Firefox every tab and frame (WebDriver BiDi), but
   * not the extension's background page, which BiDi does not see.
   */
  recordRequests(): Promise<RequestRecorder>;
  /**
   * Reloads the extension as an update does: Chromium's `chrome.runtime.reload()` from the
   * service worker (resolves once the new version's worker runs, same id); Firefox installs the
   * same add-on again over WebDriver BiDi (an upgrade in place: same id, same UUID). Scripts
   * already running in open pages are orphaned either way.
   */
  reloadExtension(): Promise<void>;
  /**
   * Takes the extension away while pages stay open: Chromium disables it (from chrome://extensions,
   * through its `chrome.management`), Firefox uninstalls it (BiDi has no disable).
   * `restoreExtension` turns it back on, or installs it again.
   */
  removeExtension(): Promise<void>;
  restoreExtension(): Promise<void>;
  /** Resolves when the browser goes away (the user closed its window). */
  closed(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  /**
   * Where requests to hosts other than 127.0.0.1 go: by default a dead port, so they fail at
   * once; a test may pass its own proxy to see every one of them, whichever context sent it.
   */
  proxyPort?: number;
}

export function launch(name: BrowserName, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  return name === 'chromium' ? launchChromium(options) : launchFirefox(options);
}

/**
 * Page function: waits (at most 2 s) for the animations under way, the card's fade-in among them
 * (shadow trees included), so a screenshot shows what a reader sees once it has settled; Firefox's
 * were taken mid-fade.
 */
export function settleAnimations(): Promise<unknown> {
  // Firefox leaves a shadow tree's animations out of the document's list: each open root is asked.
  const roots: DocumentOrShadowRoot[] = [document];
  for (const element of document.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
  const finished = roots.flatMap((root) =>
    root.getAnimations().map((animation) => animation.finished.catch(() => undefined)),
  );
  return Promise.race([Promise.all(finished), new Promise((done) => setTimeout(done, 2_000))]);
}

function isNoise(text: string): boolean {
  // Requests to non-local hosts fail on purpose (dead proxy); the page's console says so.
  return /ERR_PROXY_CONNECTION_FAILED|ERR_TUNNEL_CONNECTION_FAILED|Failed to load resource|NS_ERROR_/.test(text);
}

async function launchChromium({
  headless = true,
  proxyPort = DEAD_PROXY_PORT,
}: LaunchOptions): Promise<ExtensionBrowser> {
  const executablePath = findBrowser('chromium');
  const extension = join(DIST, 'chrome');
  const userDataDir = mkdtempSync(join(tmpdir(), 'yalu-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless,
    viewport: { width: 1280, height: 900 },
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--proxy-server=http://127.0.0.1:${proxyPort}`,
      // Besides Playwright's pipe: puppeteer-core attaches to the toolbar popup through it (chromium-extras.ts).
      '--remote-debugging-port=0',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  // Node's URL gives "null" as the origin of non-special schemes, so cut it by hand.
  const extensionOrigin = /^chrome-extension:\/\/[a-p]{32}/.exec(worker.url())?.[0] ?? '';
  if (!extensionOrigin) throw new Error(`Unexpected service worker URL ${worker.url()}`);
  const version = context.browser()?.version() ?? (await chromiumVersion(context));
  const wrap = (page: PlaywrightPage): TestPage => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' && !isNoise(message.text())) errors.push(message.text());
    });
    return {
      errors,
      goto: async (url) => {
        await page.goto(url, { waitUntil: 'load' });
      },
      evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
      screenshot: async (path, opts) => {
        await page.evaluate(settleAnimations);
        await page.screenshot({ path, fullPage: opts?.fullPage ?? false });
      },
      mouseMove: (x, y) => page.mouse.move(x, y),
      mouseClick: (x, y) => page.mouse.click(x, y),
      press: (key) => page.keyboard.press(key),
      tap: async (x, y) => {
        // Touch input straight through the DevTools protocol: the persistent context was
        // launched without hasTouch, and a touchStart/touchEnd pair is what a finger sends.
        const cdp = await context.newCDPSession(page);
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await cdp.detach();
      },
      setViewport: (width, height) => page.setViewportSize({ width, height }),
      emulateColorScheme: (colorScheme) => page.emulateMedia({ colorScheme }),
      addInitScript: async (source) => {
        await page.addInitScript({ content: source });
      },
      evaluateInFrame: async (urlPart, fn) => {
        const frame = page.frames().find((candidate) => candidate.url().includes(urlPart));
        if (!frame) throw new Error(`No frame with ${urlPart} in its URL`);
        return frame.evaluate(fn);
      },
      cdpSession: () => context.newCDPSession(page),
      bringToFront: () => page.bringToFront(),
      close: () => page.close(),
    };
  };
  const extras = await chromiumExtras(context, userDataDir, extensionOrigin);
  type ExtensionsPageApi = {
    chrome: {
      management: { setEnabled(id: string, enabled: boolean): Promise<void> };
      developerPrivate: { updateProfileConfiguration(update: { inDeveloperMode: boolean }): Promise<void> };
    };
  };
  /** Acts in chrome://extensions, which has `chrome.management` for every extension, as its toggles do. */
  const onExtensionsPage = async (act: (page: PlaywrightPage) => Promise<void>) => {
    const page = await context.newPage();
    try {
      await page.goto('chrome://extensions');
      await act(page);
    } finally {
      await page.close();
    }
  };
  const extensionId = extensionOrigin.slice('chrome-extension://'.length);
  const setEnabled = (enabled: boolean) =>
    onExtensionsPage((page) =>
      page.evaluate(([id, on]) => (globalThis as unknown as ExtensionsPageApi).chrome.management.setEnabled(id, on), [
        extensionId,
        enabled,
      ] as const),
    );
  /**
   * Chromium reloads an unpacked extension only in developer mode: without it
   * `chrome.runtime.reload()` leaves a --load-extension extension disabled for good.
   */
  let developerMode = false;
  const reload = async () => {
    if (!developerMode) {
      await onExtensionsPage((page) =>
        page.evaluate(() =>
          (globalThis as unknown as ExtensionsPageApi).chrome.developerPrivate.updateProfileConfiguration({
            inDeveloperMode: true,
          }),
        ),
      );
      developerMode = true;
    }
    const before = new Set(context.serviceWorkers());
    const next = context.waitForEvent('serviceworker', {
      predicate: (candidate) => candidate.url().startsWith(extensionOrigin) && !before.has(candidate),
      timeout: 15_000,
    });
    // Later, not now: the evaluation would otherwise die with the worker it runs in.
    await extras.inServiceWorker(() => {
      setTimeout(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload());
    });
    await next;
  };
  return {
    name: 'chromium',
    version,
    extensionOrigin,
    chromium: extras,
    recordRequests: () => extras.recordRequests(),
    reloadExtension: reload,
    removeExtension: () => setEnabled(false),
    restoreExtension: async () => {
      const next = context.waitForEvent('serviceworker', {
        predicate: (candidate) => candidate.url().startsWith(extensionOrigin),
        timeout: 15_000,
      });
      await setEnabled(true);
      await next;
    },
    newPage: async () => wrap(await context.newPage()),
    closed: () => new Promise((done) => context.once('close', () => done())),
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function chromiumVersion(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  const ua = await page.evaluate(() => navigator.userAgent);
  await page.close();
  return /Chrome\/([\d.]+)/.exec(ua)?.[1] ?? 'unknown';
}

async function launchFirefox({
  headless = true,
  proxyPort = DEAD_PROXY_PORT,
}: LaunchOptions): Promise<ExtensionBrowser> {
  const executablePath = findBrowser('firefox');
  const browser: PuppeteerBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless,
    defaultViewport: { width: 1280, height: 900 },
    // Firefox 153 lets WebDriver open only http(s), file and blob URLs unless system access is
    // allowed; the popup and options pages are moz-extension:// URLs.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.share_proxy_settings': true,
      'network.proxy.no_proxies_on': '127.0.0.1',
      'network.proxy.allow_hijacking_localhost': false,
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_EXTENSION_UUID }),
      // Extension pages must open without the first-run and privacy prompts of a new profile.
      'extensions.autoDisableScopes': 0,
      'extensions.enabledScopes': 15,
    },
  });
  const install = async () => {
    const id = await browser.installExtension(join(DIST, 'firefox'));
    if (id !== FIREFOX_ADDON_ID) throw new Error(`Installed as ${id}, not ${FIREFOX_ADDON_ID}`);
  };
  await install();
  const version = await browser.version();
  const wrap = (page: PuppeteerPage): TestPage => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' && !isNoise(message.text())) errors.push(message.text());
    });
    return {
      errors,
      goto: async (url) => {
        if (!url.startsWith('moz-extension:')) {
          try {
            await page.goto(url, { waitUntil: 'load' });
          } catch (error) {
            // A saved page's third-party frames hit the dead proxy, and Firefox's remote agent can
            // report that as the whole navigation failing. What counts is whether our page loaded.
            if (!/Address rejected/.test(String(error))) throw error;
            await page.waitForFunction(
              (href: string) => location.href === href && document.readyState === 'complete',
              { timeout: 15_000, polling: 50 },
              url,
            );
          }
          return;
        }
        // Firefox's remote agent never reports an extension page's navigation as finished, so
        // start it without waiting and poll the document instead.
        // Tag the document we are leaving, so that reloading the same URL cannot be mistaken for
        // having arrived before the old document is even gone.
        await page
          .evaluate(() => {
            (window as unknown as { yaluLeaving?: boolean }).yaluLeaving = true;
          })
          .catch(() => undefined);
        page.goto(url, { timeout: 0 }).catch(() => undefined);
        // Poll by hand: an evaluation that lands mid-navigation fails with a protocol error,
        // which is a reason to ask again, not a test failure.
        const deadline = Date.now() + 15_000;
        for (;;) {
          const ready = await page
            .evaluate(
              (href: string) =>
                !(window as unknown as { yaluLeaving?: boolean }).yaluLeaving &&
                location.href === href &&
                document.readyState === 'complete',
              url,
            )
            .catch(() => false);
          if (ready) break;
          if (Date.now() > deadline) throw new Error(`Timed out loading ${url}`);
          await new Promise((done) => setTimeout(done, 50));
        }
      },
      evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as never,
      screenshot: async (path, opts) => {
        await page.evaluate(settleAnimations);
        await page.screenshot({ path: path as `${string}.png`, fullPage: opts?.fullPage ?? false });
      },
      mouseMove: (x, y) => page.mouse.move(x, y),
      mouseClick: (x, y) => page.mouse.click(x, y),
      press: async (key) => {
        // Puppeteer presses one key at a time: hold the chord's modifiers around the last key.
        const keys = key.split('+');
        const last = keys.pop() as string;
        for (const modifier of keys) await page.keyboard.down(modifier as never);
        await page.keyboard.press(last as never);
        for (const modifier of keys.reverse()) await page.keyboard.up(modifier as never);
      },
      tap: (x, y) => page.touchscreen.tap(x, y),
      setViewport: async (width, height) => {
        try {
          await page.setViewport({ width, height });
        } catch (error) {
          // Puppeteer sends the screen orientation with the viewport, which Firefox before 141
          // does not know (emulation.setScreenOrientationOverride); the viewport command, sent
          // beside it, lands on its own: wait until the page has the new width.
          if (!/setScreenOrientationOverride/.test(String(error))) throw error;
          const deadline = Date.now() + 5_000;
          while ((await page.evaluate(() => window.innerWidth)) !== width) {
            if (Date.now() > deadline) throw new Error(`the viewport did not become ${width} px wide`);
            await new Promise((done) => setTimeout(done, 20));
          }
        }
      },
      emulateColorScheme: (scheme) => page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]),
      addInitScript: async (source) => {
        await page.evaluateOnNewDocument(source);
      },
      evaluateInFrame: async (urlPart, fn) => {
        const frame = page.frames().find((candidate) => candidate.url().includes(urlPart));
        if (!frame) throw new Error(`No frame with ${urlPart} in its URL`);
        return frame.evaluate(fn) as never;
      },
      bringToFront: () => page.bringToFront(),
      close: () => page.close(),
    };
  };
  type BidiConnection = {
    send(method: string, params: object): Promise<{ result?: { subscription?: string } }>;
    on(event: string, handler: (params: { request: { url: string }; context?: string | null }) => void): void;
    off(event: string, handler: (params: { request: { url: string }; context?: string | null }) => void): void;
  };
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const recordRequests = async (): Promise<RequestRecorder> => {
    const requests: RecordedRequest[] = [];
    const onRequest = (params: { request: { url: string }; context?: string | null }) => {
      requests.push({ url: params.request.url, from: params.context ?? '' });
    };
    connection.on('network.beforeRequestSent', onRequest);
    const subscribed = await connection.send('session.subscribe', { events: ['network.beforeRequestSent'] });
    return {
      requests,
      stop: async () => {
        connection.off('network.beforeRequestSent', onRequest);
        const subscription = subscribed.result?.subscription;
        if (subscription)
          await connection.send('session.unsubscribe', { subscriptions: [subscription] }).catch(() => undefined);
      },
    };
  };
  return {
    name: 'firefox',
    version,
    recordRequests,
    // The UUID pref keeps moz-extension://<uuid> the same across installs.
    reloadExtension: install,
    removeExtension: () => browser.uninstallExtension(FIREFOX_ADDON_ID),
    restoreExtension: install,
    extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}`,
    newPage: async () => wrap(await browser.newPage()),
    closed: () => new Promise((done) => browser.once('disconnected', () => done())),
    close: () => browser.close(),
  };
}
