/**
 * The saved real pages of the shared corpus (folder given to the run, never copied into the
 * project): expected counts, no page errors from us, and the page's DOM unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_DOM_AT_READY } from './harness/page-probes.ts';
import { corpusDir } from './harness/server.ts';
import { forEachBrowser, waitInPage } from './harness/suite.ts';

const dir = corpusDir();

if (!dir) {
  console.log(
    '[corpus] No corpus folder found (pass one with `npm test -- --corpus DIR` or YALU_CORPUS_DIR): corpus tests skipped.',
  );
  describe.skip('corpus of saved real pages (folder not found)', () => {
    it('needs the corpus folder', () => undefined);
  });
} else {
  const expected = (
    JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
      expected: Record<string, Record<string, number>>;
    }
  ).expected;
  const pages = readdirSync(join(dir, 'pages')).filter((name) => name.endsWith('.html'));

  forEachBrowser((ctx) => {
    it.each(pages)('%s: expected marks, no errors from the extension', async (name) => {
      const page = await ctx.page();
      await page.goto(ctx.server.url(`/corpus/${name}`));
      await waitInPage(page, () => window.yaluProbes.scanCount(), { timeout: 15_000 });
      const counts = await page.evaluate(() => window.yaluProbes.highlightCounts());
      expect(counts, JSON.stringify(await page.evaluate(() => window.yaluProbes.highlightedTexts()))).toEqual(
        expected[name] ?? {},
      );
      expect(await page.evaluate(() => document.querySelector('yalu-lens'))).toBeNull();
      expect(page.errors.filter((error) => /yalu|chrome-extension|moz-extension/i.test(error))).toEqual([]);
      await page.close();
    });

    it.each(pages)('%s: the DOM is left exactly as it was', async (name) => {
      const page = await ctx.page();
      await page.addInitScript(SNAPSHOT_DOM_AT_READY);
      // The page's own scripts are kept from running here, so any change can only be ours.
      await page.goto(ctx.server.url(`/corpus/${name}?noscript`));
      await waitInPage(page, () => window.yaluProbes.scanCount(), { timeout: 15_000 });
      expect(await page.evaluate(() => window.yaluProbes.domUnchanged())).toBe(true);
      await page.close();
    });
  });
}
