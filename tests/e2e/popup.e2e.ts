/**
 * The toolbar popup over a page with 11 Korean War and 4 Sino-Vietnamese War mentions.
 *
 * Chromium opens the real popup: `chrome.action.openPopup()` from the service worker, over the
 * active tab, reached through its DevTools target (harness/chromium-extras.ts). Firefox cannot
 * open a popup from automation, so there the popup page is opened in a tab of its own with
 * `?tab=<id>` naming the tab under test; the tab's id is found honestly, without the "tabs"
 * permission, by asking each tab's content script for its URL (see `tabIdOf`).
 *
 * Checked: the counts and their rows, a row scrolling the page to the next mention, flashing it
 * and opening its card, both pause switches in every open tab and on the toolbar icon, the badge
 * (its setting, navigation, a stopped service worker), the page where no content script runs, the
 * keyboard path through the popup, and axe-core in light and dark themes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, expect, it } from 'vitest';
import { defaultSettings } from '../../src/settings/defaults.ts';
import { splitForStorage } from '../../src/settings/storage.ts';
import type { TestPage } from './harness/browsers.ts';
import { forEachBrowser, type SuiteContext, waitInPage } from './harness/suite.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
const FIXTURE = '/fixtures/popup/eleven-and-four.html';
const POPUP_PATH = '/src/popup/index.html';

/** The extension API of an extension page, in either browser (Chrome's `chrome` has promises in MV3). */
type ExtensionApi = {
  storage: {
    sync: {
      get(key: string | null): Promise<Record<string, unknown>>;
      set(items: object): Promise<void>;
      clear(): Promise<void>;
    };
    local: { clear(): Promise<void> };
  };
  tabs: {
    query(query: object): Promise<{ id?: number; url?: string }[]>;
    sendMessage(tabId: number, message: object, options: object): Promise<{ url?: string } | undefined>;
  };
  action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
};

async function sleep(ms: number): Promise<void> {
  await new Promise((done) => setTimeout(done, ms));
}

/** Polls `read` (run in the test) until `accept` says yes; fails with the last value. */
async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value ${JSON.stringify(value)}`);
    await sleep(100);
    value = await read();
  }
  return value;
}

function highlightCounts(page: TestPage): Promise<Record<string, number>> {
  return page.evaluate(() => window.yaluProbes.highlightCounts());
}

/** A tab with the fixture, once its marks are all there. */
async function fixtureTab(ctx: SuiteContext, url = ctx.server.url(FIXTURE)): Promise<TestPage> {
  const page = track(await ctx.page());
  await page.goto(url);
  await until(
    () => highlightCounts(page),
    (counts) => counts['korean-war'] === 11 && counts['sino-vietnamese-war'] === 4,
    'the fixture to be marked',
  );
  return page;
}

/**
 * A tab showing an extension page, for reading the badge and storage without the popup. In
 * Chromium it must be opened before the tab under test, which the popup reports on only while
 * it is the active tab.
 */
async function extensionTab(ctx: SuiteContext): Promise<TestPage> {
  const page = track(await ctx.page());
  await page.goto(`${ctx.browser.extensionOrigin}${POPUP_PATH}?tab=0`);
  return page;
}

/**
 * The id of the tab showing `url`, found from an extension page: without the "tabs" permission
 * tabs.query gives ids but no URLs, so each tab's content script is asked for its URL.
 */
function tabIdOf(helper: TestPage, url: string): Promise<number> {
  return helper.evaluate(async (wanted) => {
    const api = ((globalThis as unknown as { browser?: ExtensionApi }).browser ??
      (globalThis as unknown as { chrome: ExtensionApi }).chrome) as ExtensionApi;
    const tabs = await api.tabs.query({});
    // By its URL, which asks the page nothing (a page with no mention has no marker to answer).
    const shown = tabs.find((tab) => tab.url === wanted);
    if (shown?.id !== undefined) return shown.id;
    for (const tab of tabs) {
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

/** The badge text and tooltip of a tab, read by an extension page (which never wakes the worker). */
function iconState(helper: TestPage, tabId: number): Promise<{ text: string; title: string }> {
  return helper.evaluate(async (id) => {
    const api = ((globalThis as unknown as { browser?: ExtensionApi }).browser ??
      (globalThis as unknown as { chrome: ExtensionApi }).chrome) as ExtensionApi;
    return { text: await api.action.getBadgeText({ tabId: id }), title: await api.action.getTitle({ tabId: id }) };
  }, tabId);
}

function waitForIcon(helper: TestPage, tabId: number, accept: (state: { text: string; title: string }) => boolean) {
  return until(() => iconState(helper, tabId), accept, `the icon of tab ${tabId}`);
}

/** Default settings everywhere: storage cleared, so every tab's content script applies the defaults. */
async function resetSettings(helper: TestPage): Promise<void> {
  await helper.evaluate(async () => {
    const api = ((globalThis as unknown as { browser?: ExtensionApi }).browser ??
      (globalThis as unknown as { chrome: ExtensionApi }).chrome) as ExtensionApi;
    await api.storage.sync.clear();
    await api.storage.local.clear();
  });
}

/** Stores the default settings with the badge on or off, as the options page would. */
async function setBadgeSetting(helper: TestPage, on: boolean): Promise<void> {
  const items = splitForStorage({ ...defaultSettings(), badge: on });
  await helper.evaluate(async (stored) => {
    const api = ((globalThis as unknown as { browser?: ExtensionApi }).browser ??
      (globalThis as unknown as { chrome: ExtensionApi }).chrome) as ExtensionApi;
    await api.storage.sync.set(stored);
  }, items);
}

/**
 * The popup over `tab`: the real one in Chromium; in Firefox the popup page in a tab of its own,
 * sized like a popup, reporting on `tab` through `?tab=<id>`.
 */
async function openPopup(ctx: SuiteContext, tab: TestPage, tabId: number): Promise<TestPage> {
  const popup = ctx.browser.chromium
    ? track(await ctx.browser.chromium.openActionPopup(tab))
    : await (async () => {
        const page = track(await ctx.page());
        await page.setViewport(380, 600);
        await page.goto(`${ctx.browser.extensionOrigin}${POPUP_PATH}?tab=${tabId}`);
        return page;
      })();
  await waitInPage(popup, () => !document.body.textContent?.includes('Counting mentions'), { timeout: 10_000 });
  return popup;
}

interface PopupReading {
  rows: { topic: string; name: string; count: string; label: string }[];
  summary: string;
  quiet: string;
  title: string;
  thesis: number;
  articleLink: string | null;
  timeline: { label: string; present: boolean; focusable: boolean }[];
  switches: Record<string, boolean>;
}

function readPopup(popup: TestPage): Promise<PopupReading> {
  return popup.evaluate(() => ({
    rows: [...document.querySelectorAll<HTMLButtonElement>('.yl-topic')].map((button) => ({
      topic: button.dataset.topic ?? '',
      name: button.querySelector('.yl-topic__name')?.textContent ?? '',
      count: button.dataset.count ?? '',
      label: button.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    })),
    summary: document.getElementById('page-title')?.textContent ?? '',
    quiet: [...document.querySelectorAll('.yl-popup__quiet, .yl-note')].map((node) => node.textContent).join(' '),
    title: document.querySelector('.yl-argument__title')?.textContent ?? '',
    thesis: document.querySelectorAll('.yl-argument__thesis li').length,
    articleLink: document.querySelector<HTMLAnchorElement>('.yl-argument__link a')?.href ?? null,
    timeline: [...document.querySelectorAll('.yl-timeline [role="listitem"]')].map((item) => ({
      label: item.getAttribute('aria-label') ?? '',
      present: item.classList.contains('is-present'),
      focusable: item.getAttribute('tabindex') === '0',
    })),
    switches: Object.fromEntries(
      [...document.querySelectorAll<HTMLInputElement>('input[role="switch"]')].map((input) => [
        input.id,
        input.checked,
      ]),
    ),
  }));
}

/** Presses Tab until `selector` has focus, as a keyboard user would reach it. */
async function tabTo(popup: TestPage, selector: string): Promise<void> {
  for (let step = 0; step < 30; step++) {
    if (await popup.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await popup.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The flashed mention in the page: its text and the id of its paragraph, once it is flashed. */
function flashed(page: TestPage): Promise<{ text: string; paragraph: string; inView: boolean } | null> {
  return page.evaluate(() => {
    const range = [...(CSS.highlights.get('yalu-flash') ?? [])][0] as Range | undefined;
    if (!range) return null;
    const rect = range.getBoundingClientRect();
    return {
      text: range.toString(),
      paragraph: range.startContainer.parentElement?.id ?? '',
      inView: rect.top >= 0 && rect.bottom <= innerHeight,
    };
  });
}

/** The open card in the page's <yalu-lens> host: its accessible name, if one is open. */
function openCard(page: TestPage): Promise<string | null> {
  return page.evaluate(() => {
    const dialog = document.querySelector('yalu-lens')?.shadowRoot?.querySelector('[role="dialog"]');
    if (!dialog || (dialog as HTMLElement).hidden) return null;
    const labelledBy = dialog.getAttribute('aria-labelledby');
    const named = labelledBy ? dialog.getRootNode() instanceof ShadowRoot : false;
    return (
      dialog.getAttribute('aria-label') ??
      (named ? ((dialog.getRootNode() as ShadowRoot).getElementById(labelledBy ?? '')?.textContent ?? '') : '')
    );
  });
}

async function axeViolations(page: TestPage): Promise<{ id: string; help: string; targets: string[] }[]> {
  // A string, not a function: the source must be evaluated as the page's own script would be.
  await page.evaluate(AXE_SOURCE as never);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }));
  });
}

/**
 * Dark theme. Chromium emulates prefers-color-scheme; Firefox over WebDriver BiDi cannot, so
 * there the page's own `prefers-color-scheme: dark` rules are applied unconditionally: the rules
 * the preference would switch on.
 */
async function showDark(page: TestPage): Promise<void> {
  try {
    await page.emulateColorScheme('dark');
    return;
  } catch (error) {
    if (!/CDP support is required/.test(String(error))) throw error;
  }
  await page.evaluate(() => {
    const dark = new CSSStyleSheet();
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        if (rule instanceof CSSMediaRule && rule.conditionText.includes('prefers-color-scheme: dark')) {
          for (const inner of rule.cssRules) dark.insertRule(inner.cssText, dark.cssRules.length);
        }
      }
    }
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, dark];
    document.documentElement.style.colorScheme = 'dark';
  });
}

/** Tabs and popups a test opened, closed after it whether it passed or not. */
const opened: TestPage[] = [];

function track<T extends TestPage>(page: T): T {
  opened.push(page);
  return page;
}

afterEach(async () => {
  for (const page of opened.splice(0)) await page.close().catch(() => undefined);
});

forEachBrowser((ctx, name) => {
  it('says what the page mentions, and shows the argument and the timeline', async () => {
    const helper = await extensionTab(ctx);
    await resetSettings(helper);
    const tab = await fixtureTab(ctx);
    const tabId = await tabIdOf(helper, ctx.server.url(FIXTURE));
    const popup = await openPopup(ctx, tab, tabId);
    const reading = await readPopup(popup);

    expect(reading.rows).toEqual([
      { topic: 'korean-war', name: 'Korean War', count: '11', label: 'Korean War, 11 mentions' },
      {
        topic: 'sino-vietnamese-war',
        name: '1979 Sino-Vietnamese War',
        count: '4',
        label: '1979 Sino-Vietnamese War, 4 mentions',
      },
    ]);
    expect(reading.summary).toBe('On this page · 15 mentions');
    expect(reading.title).toBe('War of the Dragons: Why North Korea Does Not Trust China');
    expect(reading.thesis).toBeGreaterThanOrEqual(3);
    expect(reading.thesis).toBeLessThanOrEqual(5);
    expect(reading.articleLink).toBe(
      'https://thediplomat.com/2017/09/war-of-the-dragons-why-north-korea-does-not-trust-china/',
    );
    expect(reading.timeline).toEqual([
      {
        label: 'Korean War, 25 June 1950 to 27 July 1953. Mentioned on this page 11 times',
        present: true,
        focusable: true,
      },
      { label: 'Chinese entry into the Korean War, 19 October 1950', present: false, focusable: true },
      { label: 'Sino-North Korean friendship treaty, signed 11 July 1961', present: false, focusable: true },
      { label: 'Cultural Revolution, 1966 to 1976', present: false, focusable: true },
      {
        label: 'Sino-Vietnamese War, 17 February to 16 March 1979. Mentioned on this page 4 times',
        present: true,
        focusable: true,
      },
      {
        label: 'The article, “War of the Dragons: Why North Korea Does Not Trust China”, published 29 September 2017',
        present: false,
        focusable: true,
      },
    ]);
    expect(reading.switches).toEqual({ 'pause-site': false, 'pause-everywhere': false });
    expect(await waitForIcon(helper, tabId, (state) => state.text === '15')).toEqual({
      text: '15',
      title: 'Yalu Lens: 15 mentions on this page\nKorean War: 11\n1979 Sino-Vietnamese War: 4',
    });

    await popup.screenshot(`${ctx.artifacts}/popup-light.png`);
    await popup.screenshot(`${ctx.artifacts}/popup-light-full.png`, { fullPage: true });
    expect(popup.errors).toEqual([]);

    // The options link opens the options page (Chromium, where the test can see every tab's URL).
    const extras = ctx.browser.chromium;
    if (extras) {
      const optionsUrl = `${ctx.browser.extensionOrigin}/src/options/index.html`;
      const opened = extras.context.waitForEvent('page', { predicate: (page) => page.url().startsWith(optionsUrl) });
      await tabTo(popup, '.yl-popup__options');
      // The popup closes itself once the options page opens, which can cut the key press short.
      await popup.press('Enter').catch((error: unknown) => {
        if (!/Target closed/.test(String(error))) throw error;
      });
      await (await opened).close();
    }
  });

  it('scrolls the page to the next mention of a row’s topic, flashes it and opens its card', async () => {
    const helper = await extensionTab(ctx);
    await resetSettings(helper);
    const tab = await fixtureTab(ctx);
    const tabId = await tabIdOf(helper, ctx.server.url(FIXTURE));
    const popup = await openPopup(ctx, tab, tabId);

    // By keyboard: Tab to the row, Enter to activate it.
    await tabTo(popup, '.yl-topic[data-topic="korean-war"]');
    await popup.press('Enter');
    expect(await until(() => flashed(tab), Boolean, 'the first flash')).toMatchObject({
      text: 'Korean War',
      paragraph: 'kw1',
    });
    await waitInPage(popup, () => document.getElementById('show-status')?.textContent?.includes('mention 1 of 11'));
    expect(
      await until(
        () => openCard(tab),
        (label) => Boolean(label?.includes('Korean War')),
        'the card',
      ),
    ).toContain('Korean War');

    await popup.press('Enter');
    await until(
      () => flashed(tab),
      (flash) => flash?.paragraph === 'kw2',
      'the second Korean War mention',
    );

    // The Sino-Vietnamese War's first mention lies far below: the page scrolls to it.
    const scrolledBefore = await tab.evaluate(() => scrollY);
    await popup.evaluate(() =>
      document.querySelector<HTMLButtonElement>('.yl-topic[data-topic="sino-vietnamese-war"]')?.focus(),
    );
    await popup.press(' ');
    const flash = await until(
      () => flashed(tab),
      (value) => value?.paragraph === 'svw1' && value.inView,
      'the Sino-Vietnamese War mention to be flashed in view',
    );
    expect(flash?.text).toBe('Sino-Vietnamese War');
    expect(await tab.evaluate(() => scrollY)).toBeGreaterThan(scrolledBefore);
    await waitInPage(popup, () =>
      document.getElementById('show-status')?.textContent?.includes('1979 Sino-Vietnamese War: showing mention 1 of 4'),
    );
    // The flash ends and leaves the page's highlights as they were.
    await until(
      () => tab.evaluate(() => CSS.highlights.has('yalu-flash')),
      (on) => !on,
      'the flash to end',
      5_000,
    );
    expect(await highlightCounts(tab)).toEqual({ 'korean-war': 11, 'sino-vietnamese-war': 4 });
    expect(popup.errors).toEqual([]);
  });

  it('pauses on this site and everywhere, in every open tab and on the toolbar icon', async () => {
    const helper = await extensionTab(ctx);
    await resetSettings(helper);
    // Another site: localhost is not 127.0.0.1 as far as site patterns go.
    const otherUrl = ctx.server.url('/fixtures/plain.html').replace('127.0.0.1', 'localhost');
    const other = track(await ctx.page());
    await other.goto(otherUrl);
    await until(
      () => highlightCounts(other),
      (counts) => Object.keys(counts).length === 3,
      'the other site marked',
    );
    const second = await fixtureTab(ctx);
    const tab = await fixtureTab(ctx);
    const fixtureUrl = ctx.server.url(FIXTURE);
    const tabId = await tabIdOf(helper, fixtureUrl);
    const otherId = await tabIdOf(helper, otherUrl);
    const popup = await openPopup(ctx, tab, tabId);
    expect(await popup.evaluate(() => document.querySelector('label[for="pause-site"]')?.textContent)).toBe(
      'Pause on 127.0.0.1',
    );

    await tabTo(popup, '#pause-site');
    await popup.press(' ');
    await until(
      () => highlightCounts(tab),
      (counts) => Object.keys(counts).length === 0,
      'marks gone from this tab',
    );
    await until(
      () => highlightCounts(second),
      (counts) => Object.keys(counts).length === 0,
      'marks gone, same site',
    );
    expect(Object.keys(await highlightCounts(other))).toHaveLength(3);
    await waitInPage(popup, () => document.body.textContent?.includes('Marking is paused on this site'));
    expect(await waitForIcon(helper, tabId, (state) => state.title.includes('paused'))).toEqual({
      text: '',
      title: 'Yalu Lens is paused on this site',
    });
    expect((await iconState(helper, otherId)).text).toBe('3');
    await popup.screenshot(`${ctx.artifacts}/popup-paused.png`);

    await popup.press(' ');
    await until(
      () => highlightCounts(tab),
      (counts) => counts['korean-war'] === 11,
      'marks back',
    );
    await waitForIcon(helper, tabId, (state) => state.text === '15');
    await waitInPage(popup, () => document.querySelectorAll('.yl-topic').length === 2);

    await tabTo(popup, '#pause-everywhere');
    await popup.press(' ');
    await until(
      () => highlightCounts(tab),
      (counts) => Object.keys(counts).length === 0,
      'marks gone everywhere',
    );
    await until(
      () => highlightCounts(other),
      (counts) => Object.keys(counts).length === 0,
      'marks gone, other site',
    );
    await waitForIcon(helper, otherId, (state) => state.title === 'Yalu Lens is paused on every site');
    expect(await waitForIcon(helper, tabId, (state) => state.title.includes('paused'))).toEqual({
      text: '',
      title: 'Yalu Lens is paused on every site',
    });
    await waitInPage(popup, () => document.body.textContent?.includes('Marking is paused on every site'));

    await popup.press(' ');
    await until(
      () => highlightCounts(other),
      (counts) => Object.keys(counts).length === 3,
      'other site marked again',
    );
    await until(
      () => highlightCounts(tab),
      (counts) => counts['sino-vietnamese-war'] === 4,
      'this site marked again',
    );
    await waitForIcon(helper, otherId, (state) => state.text === '3');
    expect(popup.errors).toEqual([]);
  });

  it('counts on the badge, follows its setting and the tab’s navigation', async () => {
    const helper = await extensionTab(ctx);
    await resetSettings(helper);
    const tab = await fixtureTab(ctx);
    const tabId = await tabIdOf(helper, ctx.server.url(FIXTURE));
    await waitForIcon(helper, tabId, (state) => state.text === '15');

    await setBadgeSetting(helper, false);
    await waitForIcon(helper, tabId, (state) => state.text === '');
    await setBadgeSetting(helper, true);
    await waitForIcon(helper, tabId, (state) => state.text === '15');

    await tab.goto(ctx.server.url('/fixtures/plain.html'));
    expect(await waitForIcon(helper, tabId, (state) => state.text === '3')).toEqual({
      text: '3',
      title:
        'Yalu Lens: 3 mentions on this page\nKorean War: 1\n1961 Sino-North Korean Treaty: 1\n1979 Sino-Vietnamese War: 1',
    });
    await tab.goto(ctx.server.url('/fixtures/popup/none.html'));
    expect(await waitForIcon(helper, tabId, (state) => state.text === '')).toEqual({
      text: '',
      title: 'Yalu Lens',
    });

    const popup = await openPopup(ctx, tab, tabId);
    await waitInPage(popup, () =>
      document.body.textContent?.includes('This page mentions none of the topics Yalu Lens marks.'),
    );
    await popup.screenshot(`${ctx.artifacts}/popup-none.png`);
  });

  it('says so on a page with no mention, which the lookout read without the marker until asked', async () => {
    const helper = await extensionTab(ctx);
    await resetSettings(helper);
    const url = ctx.server.url('/fixtures/popup/no-mention.html');
    const tab = track(await ctx.page());
    await tab.goto(url);
    const wakes = () =>
      tab.evaluate(() => performance.getEntriesByName('yalu:wake').map((entry) => (entry as PerformanceMark).detail));
    // The lookout's pass is over (it records it), and it found nothing that needs the marker.
    await waitInPage(tab, () => performance.getEntriesByName('yalu:scan').length > 0);
    expect(await wakes()).toEqual([]);
    const tabId = await tabIdOf(helper, url);
    expect(await wakes()).toEqual([]);
    // The popup asks; nothing answers, so the background runs the marker in, which answers, and
    // the lookout steps aside (recording why the marker came).
    const popup = await openPopup(ctx, tab, tabId);
    const reading = await readPopup(popup);
    expect(reading.rows).toEqual([]);
    expect(reading.quiet).toContain('This page mentions none of the topics Yalu Lens marks.');
    expect(await wakes()).toEqual([{ reason: 'message' }]);
    expect(await highlightCounts(tab)).toEqual({});
    expect(tab.errors).toEqual([]);
    expect(popup.errors).toEqual([]);
  });

  it('says plainly when it cannot read the page', async () => {
    const tab = track(await ctx.page());
    // Firefox: an extension page (no content script runs in one). Not about:blank: with
    // match_about_blank Firefox runs the content script in a top-level about:blank too.
    await tab.goto(name === 'chromium' ? 'chrome://version/' : `${ctx.browser.extensionOrigin}/src/options/index.html`);
    const helper = await extensionTab(ctx);
    const tabId = name === 'chromium' ? 0 : await lastTabId(helper);
    const popup = await openPopup(ctx, tab, tabId);
    const reading = await readPopup(popup);
    expect(reading.quiet).toContain('Yalu Lens can’t read this page');
    expect(reading.quiet).toContain('Browser pages and extension stores are off limits to extensions');
    expect(reading.rows).toEqual([]);
    expect(Object.keys(reading.switches)).toEqual(['pause-everywhere']);
    expect(reading.timeline).toHaveLength(6);
    await popup.screenshot(`${ctx.artifacts}/popup-unreachable.png`);
    expect(popup.errors).toEqual([]);
  });

  it('can be used with the keyboard alone and passes axe-core in light and dark themes', async () => {
    const helper = await extensionTab(ctx);
    await resetSettings(helper);
    const tab = await fixtureTab(ctx);
    const tabId = await tabIdOf(helper, ctx.server.url(FIXTURE));
    const popup = await openPopup(ctx, tab, tabId);

    const stops: string[] = [];
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let step = 0; step < 14; step++) {
      await popup.press('Tab');
      if (step === 7) await popup.screenshot(`${ctx.artifacts}/popup-focus-timeline.png`, { fullPage: true });
      stops.push(
        await popup.evaluate(() => {
          const active = document.activeElement;
          if (!active || active === document.body) return 'body';
          const name = active.querySelector('.yl-topic__name')?.textContent;
          return active.getAttribute('aria-label') || active.id || name || active.textContent?.trim() || active.tagName;
        }),
      );
    }
    expect(stops.map((stop) => stop.split(/[,:]/)[0]?.trim())).toEqual([
      'Options',
      'Korean War',
      '1979 Sino-Vietnamese War',
      'pause-site',
      'pause-everywhere',
      'Korean War',
      'Chinese entry into the Korean War',
      'Sino-North Korean friendship treaty',
      'Cultural Revolution',
      'Sino-Vietnamese War',
      'The article',
      'Read the article at The Diplomat (opens in a new tab)',
      expect.any(String),
      expect.any(String),
    ]);

    expect(await axeViolations(popup)).toEqual([]);
    await showDark(popup);
    await sleep(100);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.screenshot(`${ctx.artifacts}/popup-dark.png`);
    await popup.screenshot(`${ctx.artifacts}/popup-dark-full.png`, { fullPage: true });
  });

  if (name === 'chromium') {
    it('tells the truth after the service worker was stopped: the badge, the popup, new counts', async () => {
      const extras = ctx.browser.chromium;
      if (!extras) throw new Error('no Chromium extras');
      const helper = await extensionTab(ctx);
      await resetSettings(helper);
      const tab = await fixtureTab(ctx);
      const tabId = await tabIdOf(helper, ctx.server.url(FIXTURE));
      await waitForIcon(helper, tabId, (state) => state.text === '15');

      await extras.stopServiceWorker();
      expect(await extras.serviceWorkerRunning()).toBe(false);
      // The browser keeps the badge; reading it from an extension page does not start the worker.
      expect((await iconState(helper, tabId)).text).toBe('15');
      expect(await extras.serviceWorkerRunning()).toBe(false);

      // A new worker, with nothing in memory, opens the popup: the counts come from the tab.
      const popup = await openPopup(ctx, tab, tabId);
      expect((await readPopup(popup)).rows.map((row) => row.count)).toEqual(['11', '4']);

      // Stopped again, the page gains a mention: its message starts a worker that sets the badge.
      await extras.stopServiceWorker();
      await tab.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = 'A late addition about the Korean War.';
        document.querySelector('main')?.append(p);
      });
      await waitForIcon(helper, tabId, (state) => state.text === '16');
      expect(await extras.serviceWorkerRunning()).toBe(true);
      await waitInPage(
        popup,
        () => document.querySelector<HTMLElement>('.yl-topic[data-topic="korean-war"]')?.dataset.count === '12',
      );
      expect(popup.errors).toEqual([]);
    });
  }
});

/** The id of the most recently opened tab other than the extension page asking. */
function lastTabId(helper: TestPage): Promise<number> {
  return helper.evaluate(async () => {
    const api = ((globalThis as unknown as { browser?: ExtensionApi }).browser ??
      (globalThis as unknown as { chrome: ExtensionApi }).chrome) as ExtensionApi;
    const self = await (api.tabs as unknown as { getCurrent(): Promise<{ id?: number }> }).getCurrent();
    const ids = (await api.tabs.query({})).map((tab) => tab.id ?? -1).filter((id) => id !== self.id);
    return Math.max(...ids);
  });
}
