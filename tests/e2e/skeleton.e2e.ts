import { expect, it } from 'vitest';
import { forEachBrowser, waitInPage } from './harness/suite.ts';

forEachBrowser((ctx) => {
  it('runs the content script on a fixture page and records a yalu:scan measure', async () => {
    const page = await ctx.page();
    await page.goto(ctx.server.url('/fixtures/plain.html'));
    const detail = await waitInPage(page, () => {
      const entry = performance.getEntriesByName('yalu:scan')[0] as PerformanceMeasure | undefined;
      return entry?.detail as { textNodes: number; chars: number; matches: number } | undefined;
    });
    expect(detail.textNodes).toBeGreaterThan(0);
    expect(detail.chars).toBeGreaterThan(100);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('renders the popup page without errors', async () => {
    const page = await ctx.page();
    await page.goto(`${ctx.browser.extensionOrigin}/src/popup/index.html`);
    const heading = await waitInPage(page, () => document.querySelector('h1')?.textContent);
    expect(heading).toContain('Yalu Lens');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('renders the options page without errors', async () => {
    const page = await ctx.page();
    await page.goto(`${ctx.browser.extensionOrigin}/src/options/index.html`);
    const heading = await waitInPage(page, () => document.querySelector('h1')?.textContent);
    expect(heading).toContain('Yalu Lens');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
