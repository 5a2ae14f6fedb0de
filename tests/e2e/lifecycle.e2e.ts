/**
 * The content script across its extension's lifetime, in both browsers: reloaded or updated while
 * a page with marks and an open card stays open (the new version's script takes over: in Chromium
 * injected by the background, src/background/reinject.ts; in Firefox by the browser), and taken
 * away (Chromium: disabled, Firefox: uninstalled) while it does. See src/content/lifetime.ts for
 * the hand-over these tests check.
 *
 * A stopped service worker (Chrome's idle stop) losing no state is checked in popup.e2e.ts
 * ("tells the truth after the service worker was stopped"), not repeated here.
 */
import { afterEach, expect, it } from 'vitest';
import type { TestPage } from './harness/browsers.ts';
import { forEachBrowser, type SuiteContext } from './harness/suite.ts';

const FIXTURE = '/fixtures/card/card.html';
/** Korean War mentions in the fixture: #first, #linked and #third. */
const KOREAN_WAR_MARKS = 3;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Page function: centres of the first line box of each `korean-war` mark, in document order. */
function markPoints(): { x: number; y: number }[] {
  const ranges = [...(CSS.highlights.get('yalu-korean-war') ?? [])] as Range[];
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  return ranges.flatMap((range) => {
    const rect = [...range.getClientRects()].find((box) => box.width > 0);
    return rect ? [{ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }] : [];
  });
}

interface Traces {
  /** Ranges per `yalu-*` highlight name. */
  highlights: Record<string, number>;
  /** `<yalu-lens>` elements in the document. */
  hosts: number;
  /** Cards shown (open popovers in any host). */
  openCards: number;
  /** Whether `yalu-korean-war` is the Highlight object remembered by `rememberHighlight`. */
  sameHighlight: boolean;
}

/** Page function: what the extension has in the page now. */
function traces(): Traces {
  const highlights: Record<string, number> = {};
  CSS.highlights.forEach((highlight, name) => {
    if (name.startsWith('yalu-')) highlights[name] = highlight.size;
  });
  const hosts = [...document.querySelectorAll('yalu-lens')];
  const openCards = hosts.filter((host) => host.shadowRoot?.querySelector('.yl-popover:popover-open')).length;
  const remembered = (window as unknown as { yaluRemembered?: unknown }).yaluRemembered;
  return {
    highlights,
    hosts: hosts.length,
    openCards,
    sameHighlight: remembered !== undefined && CSS.highlights.get('yalu-korean-war') === remembered,
  };
}

function rememberHighlight(): void {
  (window as unknown as { yaluRemembered?: unknown }).yaluRemembered = CSS.highlights.get('yalu-korean-war');
}

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

const openPages = new Set<TestPage>();

async function markedPage(ctx: SuiteContext): Promise<TestPage> {
  const page = await ctx.page();
  openPages.add(page);
  await page.goto(ctx.server.url(FIXTURE));
  await until(
    'marks',
    () => page.evaluate(markPoints),
    (points) => points.length === KOREAN_WAR_MARKS,
  );
  return page;
}

/** Rests the pointer on the first Korean War mark (after a move elsewhere) until one card shows. */
async function hoverOpensOneCard(page: TestPage): Promise<Traces> {
  await page.mouseMove(5, 890);
  await sleep(350);
  const [mark] = await page.evaluate(markPoints);
  if (!mark) throw new Error('no visible mark');
  await page.mouseMove(mark.x, mark.y);
  const shown = await until(
    'a card on hover',
    () => page.evaluate(traces),
    (now) => now.openCards > 0,
  );
  // A second instance's card would open on the same dwell: give it time to show.
  await sleep(400);
  return { ...(await page.evaluate(traces)), sameHighlight: shown.sameHighlight };
}

forEachBrowser((ctx, name) => {
  afterEach(async () => {
    for (const page of openPages) await page.close().catch(() => undefined);
    openPages.clear();
  });

  it('after a reload, keeps one set of marks and one card, from the new version, without errors', async () => {
    const page = await markedPage(ctx);
    expect((await hoverOpensOneCard(page)).openCards).toBe(1);
    await page.evaluate(rememberHighlight);

    await ctx.browser.reloadExtension();
    // The new version's marks replace the old ones: a new Highlight object, as many ranges.
    const after = await until(
      'new marks',
      () => page.evaluate(traces),
      (now) => !now.sameHighlight && now.highlights['yalu-korean-war'] === KOREAN_WAR_MARKS,
    );
    expect(after.hosts).toBeLessThanOrEqual(1);
    expect(after.openCards).toBe(0);

    const hovered = await hoverOpensOneCard(page);
    expect(hovered).toMatchObject({ hosts: 1, openCards: 1 });
    expect(hovered.highlights['yalu-korean-war']).toBe(KOREAN_WAR_MARKS);
    expect(page.errors).toEqual([]);

    // And a second reload, from an instance that took over, does the same.
    await page.evaluate(rememberHighlight);
    await ctx.browser.reloadExtension();
    await until(
      'new marks after a second reload',
      () => page.evaluate(traces),
      (now) => !now.sameHighlight && now.highlights['yalu-korean-war'] === KOREAN_WAR_MARKS,
    );
    expect(await hoverOpensOneCard(page)).toMatchObject({ hosts: 1, openCards: 1 });
    expect(page.errors).toEqual([]);
  });

  if (name === 'chromium') {
    it('when the extension is disabled, its marks and card go at the next pointer move', async () => {
      const page = await markedPage(ctx);
      expect((await hoverOpensOneCard(page)).openCards).toBe(1);
      await ctx.browser.removeExtension();
      try {
        await page.mouseMove(20, 20);
        await page.mouseMove(40, 40);
        await until(
          'no traces',
          () => page.evaluate(traces),
          (now) => Object.keys(now.highlights).length === 0 && now.hosts === 0,
          5_000,
        );
        expect(page.errors).toEqual([]);
      } finally {
        // Enabling runs no onInstalled, so this page stays unmarked: the next test opens its own.
        await ctx.browser.restoreExtension();
      }
    });
  } else {
    // Firefox nukes an unloaded extension's content-script sandbox: none of our code can run in
    // the page any more, so its marks and open card stay until the page reloads or a new version
    // takes over. What can be checked: the page keeps working without errors, and an install
    // afterwards cleans up what the dead instance left.
    it('when the add-on is uninstalled, the page meets no errors, and a new install cleans up', async () => {
      const page = await markedPage(ctx);
      expect((await hoverOpensOneCard(page)).openCards).toBe(1);
      await page.evaluate(rememberHighlight);
      await ctx.browser.removeExtension();
      let restored = false;
      try {
        await page.mouseMove(20, 20);
        await page.mouseMove(40, 40);
        await page.mouseClick(40, 40);
        await sleep(500);
        expect(page.errors).toEqual([]);
        await ctx.browser.restoreExtension();
        restored = true;
        const after = await until(
          'new marks',
          () => page.evaluate(traces),
          (now) => !now.sameHighlight && now.highlights['yalu-korean-war'] === KOREAN_WAR_MARKS,
        );
        expect(after).toMatchObject({ hosts: 0, openCards: 0 });
        expect(await hoverOpensOneCard(page)).toMatchObject({ hosts: 1, openCards: 1 });
        expect(page.errors).toEqual([]);
      } finally {
        if (!restored) await ctx.browser.restoreExtension();
      }
    });
  }
});
