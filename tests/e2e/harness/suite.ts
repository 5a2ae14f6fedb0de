/**
 * Write an e2e test once, run it in both browsers: `forEachBrowser((ctx) => { it(...) })`
 * gives each browser its own describe block, a fresh browser with the extension loaded and the
 * fixture server. YALU_BROWSERS=chromium (or firefox) narrows a local run to one browser.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { type BrowserName, type ExtensionBrowser, type LaunchOptions, launch, type TestPage } from './browsers.ts';
import { PROBES_INIT_SCRIPT } from './page-probes.ts';
import { type FixtureServer, type ServerOptions, startServer } from './server.ts';

export interface SuiteContext {
  readonly browser: ExtensionBrowser;
  readonly server: FixtureServer;
  /** A new tab with `window.yaluProbes` (page-probes.ts) in every document it loads. */
  page(): Promise<TestPage>;
  /** Where a test may write screenshots for people to look at. */
  readonly artifacts: string;
}

export const ALL_BROWSERS: BrowserName[] = ['chromium', 'firefox'];

export function selectedBrowsers(): BrowserName[] {
  const wanted = process.env.YALU_BROWSERS?.split(',').map((name) => name.trim());
  return wanted ? ALL_BROWSERS.filter((name) => wanted.includes(name)) : ALL_BROWSERS;
}

export interface SuiteOptions {
  /** How to launch each browser, asked just before it launches (network.e2e.ts passes a proxy). */
  launchOptions?: (name: BrowserName) => LaunchOptions | Promise<LaunchOptions>;
  /** Options for the fixture server, such as the routes of pages generated in memory. */
  server?: ServerOptions;
}

export function forEachBrowser(
  define: (ctx: SuiteContext, name: BrowserName) => void,
  { launchOptions, server: serverOptions }: SuiteOptions = {},
): void {
  for (const name of selectedBrowsers()) {
    describe(name, () => {
      let browser: ExtensionBrowser | undefined;
      let server: FixtureServer | undefined;
      const artifacts = resolve(import.meta.dirname, '../../../test-output', name);
      const ctx: SuiteContext = {
        get browser() {
          if (!browser) throw new Error('browser not launched');
          return browser;
        },
        get server() {
          if (!server) throw new Error('server not started');
          return server;
        },
        page: async () => {
          const page = await ctx.browser.newPage();
          await page.addInitScript(PROBES_INIT_SCRIPT);
          return page;
        },
        artifacts,
      };
      beforeAll(async () => {
        mkdirSync(artifacts, { recursive: true });
        server = await startServer(serverOptions);
        browser = await launch(name, await launchOptions?.(name));
      });
      afterAll(async () => {
        await browser?.close();
        await server?.close();
      });
      define(ctx, name);
    });
  }
}

/** Waits until `check` returns a truthy value in the page, polling. */
export async function waitInPage<R>(
  page: TestPage,
  check: () => R | Promise<R>,
  { timeout = 5_000, interval = 50 } = {},
): Promise<NonNullable<R>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(check);
    if (value) return value as NonNullable<R>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${check.toString()}`);
    await new Promise((done) => setTimeout(done, interval));
  }
}
