/**
 * Detection in real browsers: every case of the detection fixture, live edits, shadow roots,
 * same-origin frames and a strict-CSP page, read back through CSS.highlights.
 */
import { expect, it } from 'vitest';
import { SNAPSHOT_DOM_AT_READY } from './harness/page-probes.ts';
import { forEachBrowser, waitInPage } from './harness/suite.ts';

forEachBrowser((ctx) => {
  it('marks every case of the fixture as expected, and nothing else', async () => {
    const page = await ctx.page();
    await page.addInitScript(SNAPSHOT_DOM_AT_READY);
    await page.goto(ctx.server.url('/fixtures/detection/cases.html'));
    await waitInPage(page, () => window.yaluProbes.scanCount());
    const report = await page.evaluate(() => window.yaluProbes.casesReport());
    const wrong = report.filter((entry) => entry.expected !== entry.actual);
    expect(wrong, JSON.stringify(wrong, null, 1)).toEqual([]);
    expect(report.length).toBeGreaterThan(40);
    expect(await page.evaluate(() => window.yaluProbes.domUnchanged())).toBe(true);
    expect(await page.evaluate(() => document.querySelector('yalu-lens'))).toBeNull();
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('records yalu:scan measures with text nodes, characters and matches', async () => {
    const page = await ctx.page();
    await page.goto(ctx.server.url('/fixtures/plain.html'));
    await waitInPage(page, () => window.yaluProbes.scanCount());
    const detail = await page.evaluate(
      () => (performance.getEntriesByName('yalu:scan')[0] as PerformanceMeasure).detail as Record<string, number>,
    );
    expect(detail).toEqual({ textNodes: expect.any(Number), chars: expect.any(Number), matches: 3 });
    expect(detail.textNodes).toBeGreaterThan(3);
    await page.close();
  });

  it('follows text added, edited and removed after load', async () => {
    const page = await ctx.page();
    await page.goto(ctx.server.url('/fixtures/detection/live.html'));
    await waitInPage(page, () => window.yaluProbes.scanCount());
    expect(await page.evaluate(() => window.yaluProbes.highlightCounts())).toEqual({ 'korean-war': 1 });

    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Breaking: historians revisit the Sino-Vietnamese War.';
      document.getElementById('feed')?.append(p);
      const text = document.getElementById('editable-text')?.firstChild as Text;
      text.data = 'Now about the Korean War, edited in.';
    });
    await waitInPage(page, () => {
      const counts = window.yaluProbes.highlightCounts();
      return counts['sino-vietnamese-war'] === 1 && counts['korean-war'] === 2;
    });

    await page.evaluate(() => {
      const text = document.getElementById('static')?.firstChild as Text;
      text.data = 'The Cold War ended in 1991.';
    });
    await waitInPage(page, () => window.yaluProbes.highlightCounts()['korean-war'] === 1);

    await page.evaluate(() => document.getElementById('feed')?.remove());
    await waitInPage(page, () => !window.yaluProbes.highlightCounts()['sino-vietnamese-war']);
    expect(await page.evaluate(() => window.yaluProbes.detachedRanges())).toBe(0);
    expect(await page.evaluate(() => window.yaluProbes.highlightedTexts())).toEqual([
      { topic: 'korean-war', text: 'Korean War' },
    ]);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('loads the marker only when a page comes to mention a topic, and marks it then', async () => {
    const page = await ctx.page();
    await page.goto(ctx.server.url('/fixtures/popup/no-mention.html'));
    // The lookout read the page (its pass is recorded) and found no reason to load the marker.
    await waitInPage(page, () => window.yaluProbes.scanCount());
    const wakes = () =>
      page.evaluate(() => performance.getEntriesByName('yalu:wake').map((entry) => (entry as PerformanceMark).detail));
    expect(await wakes()).toEqual([]);
    // Typing into a text field with a name in it changes nothing it would mark.
    await page.evaluate(() => {
      const field = document.createElement('textarea');
      document.body.append(field);
      field.value = 'Korean War';
      field.append('Korean War');
    });
    await new Promise((done) => setTimeout(done, 500));
    expect(await wakes()).toEqual([]);
    // A name completed across an element by text added to a paragraph: the marker comes and marks it.
    await page.evaluate(() => {
      const paragraph = document.querySelector('main p') as HTMLParagraphElement;
      paragraph.append(' Some recall the Korean ');
      const em = document.createElement('em');
      em.textContent = 'War';
      paragraph.append(em, '.');
    });
    await waitInPage(page, () => window.yaluProbes.highlightCounts()['korean-war'] === 1, { timeout: 10_000 });
    expect(await wakes()).toEqual([{ reason: 'mention' }]);
    expect(page.errors).toEqual([]);
  });

  it('starts afresh after a single-page navigation', async () => {
    const page = await ctx.page();
    await page.goto(ctx.server.url('/fixtures/detection/live.html'));
    await waitInPage(page, () => window.yaluProbes.scanCount());
    await page.evaluate(() => {
      history.pushState({}, '', '?article=2');
      const main = document.getElementById('main') as HTMLElement;
      main.replaceChildren();
      const p = document.createElement('p');
      p.textContent = 'Second article: the 1979 Sino-Vietnamese War, forty years on.';
      main.append(p);
    });
    await waitInPage(page, () => {
      const counts = window.yaluProbes.highlightCounts();
      return counts['sino-vietnamese-war'] === 1 && !counts['korean-war'];
    });
    expect(await page.evaluate(() => window.yaluProbes.detachedRanges())).toBe(0);
    await page.close();
  });

  it('marks inside an open shadow root (styled there) and in a same-origin frame', async () => {
    const page = await ctx.page();
    await page.goto(ctx.server.url('/fixtures/detection/shadow-and-frame.html'));
    await waitInPage(page, () => window.yaluProbes.highlightCounts()['sino-vietnamese-war'] === 1);
    const shadow = await page.evaluate(() => {
      const root = document.getElementById('card')?.shadowRoot as ShadowRoot;
      const range = [...(CSS.highlights.get('yalu-sino-vietnamese-war') ?? [])][0] as Range;
      const styled = root.adoptedStyleSheets.some((sheet) =>
        [...sheet.cssRules].some((rule) => rule.cssText.includes('yalu-sino-vietnamese-war')),
      );
      return { inShadow: range.startContainer.getRootNode() === root, text: range.toString(), styled };
    });
    expect(shadow).toEqual({ inShadow: true, text: 'Sino-Vietnamese War of 1979', styled: true });
    expect(await page.evaluate(() => window.yaluProbes.highlightCounts())).toEqual({
      'korean-war': 1,
      'sino-vietnamese-war': 1,
    });

    const deadline = Date.now() + 5_000;
    let frameCounts: Record<string, number> = {};
    while (Date.now() < deadline) {
      frameCounts = await page.evaluateInFrame('frame-child.html', () => window.yaluProbes.highlightCounts());
      if (frameCounts['korean-war']) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(frameCounts).toEqual({ 'korean-war': 1 });
    await page.close();
  });

  it('marks and styles mentions on a page whose CSP forbids inline styles and scripts', async () => {
    const page = await ctx.page();
    await page.goto(ctx.server.url('/fixtures/detection/strict-csp.csp.html'));
    await waitInPage(page, () => window.yaluProbes.highlightCounts()['korean-war'] === 1);
    const styled = await page.evaluate(() =>
      document.adoptedStyleSheets.some((sheet) =>
        [...sheet.cssRules].some((rule) => rule.cssText.includes('::highlight(yalu-korean-war)')),
      ),
    );
    expect(styled).toBe(true);
    await page.screenshot(`${ctx.artifacts}/strict-csp.png`);
    expect(page.errors.filter((error) => /yalu|content script/i.test(error))).toEqual([]);
    await page.close();
  });
});
