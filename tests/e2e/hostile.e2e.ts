/**
 * Pages that fight back (issue 9, item 1), in both browsers: a page that swallows pointer events
 * before anyone else hears them, styles aimed at anything an extension adds, page scripts that
 * replace the DOM's own functions, and a modal dialog over the text. Each case checks that the
 * content script threw nothing, that the text is marked, that the card opens where it should, and
 * that the page itself is as it was.
 */
import { afterEach, expect, it } from 'vitest';
import type { TestPage } from './harness/browsers.ts';
import {
  bodyUnchanged,
  type CardState,
  cardState,
  controlCenter,
  DWELL_MS,
  hover,
  SNAPSHOT_BODY_AT_READY,
  sleep,
  waitForCard,
  waitForMarks,
  waitForNoCard,
  waitForSettledCard,
} from './harness/card-driver.ts';
import { forEachBrowser, type SuiteContext } from './harness/suite.ts';

const openPages = new Set<TestPage>();

async function open(ctx: SuiteContext, path: string): Promise<TestPage> {
  const page = await ctx.page();
  openPages.add(page);
  await page.addInitScript(SNAPSHOT_BODY_AT_READY);
  await page.goto(ctx.server.url(path));
  return page;
}

forEachBrowser((ctx) => {
  afterEach(async () => {
    for (const page of openPages) await page.close().catch(() => undefined);
    openPages.clear();
  });

  // Waits for the content script's pointer listeners to be registered before the page's own
  // (document_start): until then this fails, as the page's capturing listeners on window come first.
  it('opens the card on hover on a page whose capturing listeners stop every pointer event', async () => {
    const page = await open(ctx, '/fixtures/hostile/fight-back.html');
    const [mark] = await waitForMarks(page, 'korean-war');
    if (!mark) throw new Error('no mark');
    await hover(page, mark);
    // The page's own listeners still hear everything: we only listen, passively.
    const swallowed = await page.evaluate(() => (window as unknown as { swallowed: Record<string, number> }).swallowed);
    expect(swallowed.pointermove).toBeGreaterThan(0);
    expect(swallowed.mouseover).toBeGreaterThan(0);
    await waitForCard(page, 'Korean War', DWELL_MS + 3_000);
    expect(await page.evaluate(bodyUnchanged)).toBe(true);
    expect(page.errors).toEqual([]);
  });

  it('shows the card, visible and on top, on a page whose styles hide and bury what it does not know', async () => {
    const page = await open(ctx, '/fixtures/hostile/hostile-css.html');
    const [mark] = await waitForMarks(page, 'korean-war');
    if (!mark) throw new Error('no mark');
    await hover(page, mark);
    await waitForCard(page, 'Korean War');
    const card = await waitForSettledCard(page);
    expect(card).toMatchObject({ display: 'flex', visibility: 'visible', opacity: '1', visible: true });
    const box = card.rect as NonNullable<CardState['rect']>;
    expect(box.width).toBeGreaterThan(250);
    expect(box.height).toBeGreaterThan(150);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(1280);
    expect(box.bottom).toBeLessThanOrEqual(900);
    // On top: with the page's full-window overlays made hittable, what is under the card's middle
    // and corners is still the card (its host, as seen from the page), never an overlay.
    const tops = await page.evaluate((rect) => {
      // A sheet of the test's own, taken away after: the page's markup is compared at the end.
      const hittable = new CSSStyleSheet();
      hittable.replaceSync('.overlay, .veil { pointer-events: auto !important; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, hittable];
      const points = [
        [rect.left + rect.width / 2, rect.top + rect.height / 2],
        [rect.left + 16, rect.top + 16],
        [rect.right - 16, rect.bottom - 16],
      ];
      const found = points.map(([x, y]) => document.elementFromPoint(x as number, y as number)?.localName ?? 'none');
      // Outside the card the overlay is what the pointer meets: the check can tell them apart.
      found.push(document.elementFromPoint(5, 5)?.className ?? 'none');
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== hittable);
      return found;
    }, box);
    expect(tops).toEqual(['yalu-lens', 'yalu-lens', 'yalu-lens', 'overlay']);
    await page.screenshot(`${ctx.artifacts}/hostile-css-card.png`);
    // The page's own rules still hold for the page: the overlays are there, the host makes no box.
    const pageStyles = await page.evaluate(() => ({
      overlay: getComputedStyle(document.querySelector('.overlay') as Element).zIndex,
      hostDisplay: getComputedStyle(document.querySelector('yalu-lens') as Element).display,
    }));
    expect(pageStyles).toEqual({ overlay: '2147483647', hostDisplay: 'contents' });
    expect(await page.evaluate(bodyUnchanged)).toBe(true);
    expect(page.errors).toEqual([]);
  });

  it('is unaffected by page scripts that replace the DOM’s functions (isolated world)', async () => {
    const page = await open(ctx, '/fixtures/hostile/replaced-apis.html');
    const installed = await page.evaluate(() => (window as unknown as { hostileInstalled: string[] }).hostileInstalled);
    expect(installed.length).toBeGreaterThanOrEqual(18);
    // The page's replacements are in force for the page itself.
    expect(await page.evaluate(() => typeof window.Highlight === 'function' && String(window.Highlight))).not.toMatch(
      /native code/,
    );
    await waitForMarks(page, 'korean-war');
    await waitForMarks(page, 'sino-vietnamese-war');
    // The registry is the one thing page and content script share: our highlights are in it, set
    // through the content script's own (unreplaced) HighlightRegistry.prototype.set.
    expect(await page.evaluate(() => window.yaluProbes.highlightCounts())).toEqual({
      'korean-war': 1,
      'sino-vietnamese-war': 1,
    });
    expect(await page.evaluate(() => performance.getEntriesByName('yalu:scan').length)).toBeGreaterThan(0);
    const [mark] = await waitForMarks(page, 'sino-vietnamese-war');
    if (!mark) throw new Error('no mark');
    await hover(page, mark);
    await waitForCard(page, '1979 Sino-Vietnamese War');
    // Usable: a related topic switches the card in place (Preact, events in the shadow root).
    const related = await page.evaluate(controlCenter, 'Korean War');
    if (!related) throw new Error('no related topic in the card');
    await page.mouseClick(related.x, related.y);
    await waitForCard(page, 'Korean War');
    // Edits are still followed: the content script's MutationObserver is its own.
    await page.evaluate(() => {
      const text = document.getElementById('first')?.firstChild as Text;
      text.data = 'The Korean War and the Korean War again.';
    });
    const deadline = Date.now() + 5_000;
    while ((await page.evaluate(() => window.yaluProbes.highlightCounts()['korean-war'])) !== 2) {
      if (Date.now() > deadline) throw new Error('the edit was not followed');
      await sleep(50);
    }
    // Nobody called the page's versions: not one of the replaced functions ran.
    expect(await page.evaluate(() => (window as unknown as { hostileCalls: object }).hostileCalls)).toEqual({});
    expect(page.errors).toEqual([]);
  });

  it('opens a card over a page’s modal dialog from a mark inside it, and none from under its backdrop', async () => {
    const page = await open(ctx, '/fixtures/hostile/modal.html');
    expect(await page.evaluate(() => document.querySelector('dialog')?.matches(':modal'))).toBe(true);
    // Both texts are marked: inertness is about interaction, not about what the page says.
    const [inside] = await waitForMarks(page, 'sino-vietnamese-war');
    const [under] = await waitForMarks(page, 'korean-war');
    if (!inside || !under) throw new Error('no mark');

    // Under the backdrop the page is inert: neither a resting pointer nor a click opens a card.
    await hover(page, under);
    await sleep(DWELL_MS * 2 + 200);
    expect((await page.evaluate(cardState)).open).toBe(false);
    await page.mouseClick(under.x, under.y);
    await sleep(300);
    expect((await page.evaluate(cardState)).open).toBe(false);

    // Inside the dialog: the card opens, above the dialog (the top layer's later entry).
    await hover(page, inside);
    await waitForCard(page, '1979 Sino-Vietnamese War');
    await sleep(300);
    const card = await page.evaluate(cardState);
    const box = card.rect as NonNullable<CardState['rect']>;
    const top = await page.evaluate(
      (rect) => document.elementFromPoint(rect.left + rect.width / 2, rect.top + 20)?.localName ?? 'none',
      box,
    );
    expect(top).toBe('yalu-lens');
    expect(card).toMatchObject({ visibility: 'visible', opacity: '1', visible: true });
    await page.screenshot(`${ctx.artifacts}/modal-card.png`);

    // Usable: the pointer can move into it and it stays; its controls take clicks.
    const target = { x: box.left + box.width / 2, y: box.top + Math.min(60, box.height / 2) };
    for (const t of [0.25, 0.5, 0.75, 1]) {
      await page.mouseMove(inside.x + (target.x - inside.x) * t, inside.y + (target.y - inside.y) * t);
      await sleep(30);
    }
    await sleep(700);
    expect((await page.evaluate(cardState)).open).toBe(true);
    const related = await page.evaluate(controlCenter, 'Korean War');
    if (!related) throw new Error('no related topic in the card');
    await page.mouseClick(related.x, related.y);
    await waitForCard(page, 'Korean War');

    // Escape closes the card, and only the card: the page's dialog stays open.
    await page.press('Escape');
    await waitForNoCard(page);
    const dialog = await page.evaluate(() => ({
      open: (document.querySelector('dialog') as HTMLDialogElement).open,
      events: (window as unknown as { dialogEvents: string[] }).dialogEvents,
    }));
    expect(dialog).toEqual({ open: true, events: [] });
    expect(await page.evaluate(bodyUnchanged)).toBe(true);
    expect(page.errors).toEqual([]);
  });
});
