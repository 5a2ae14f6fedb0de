/**
 * `npm start`: opens the demo page (the article, laid out as a news page) in Chromium with the
 * freshly built extension loaded.
 *
 * In a real window where there is a display. With `--headless`, with no display, or with
 * CI=true it runs headless instead: hovers the first mention, writes screenshots of the page,
 * the card, the popup and the options page into demo-output/, and prints what it found per topic.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, type TestPage } from '../tests/e2e/harness/browsers.ts';
import { startServer } from '../tests/e2e/harness/server.ts';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'demo-output');
const headless =
  process.argv.includes('--headless') ||
  process.env.CI === 'true' ||
  (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);

const server = await startServer();
const demoUrl = server.url('/fixtures/demo/war-of-the-dragons.html');
const browser = await launch('chromium', { headless });
console.log(`Chromium ${browser.version} with Yalu Lens loaded (${browser.extensionOrigin})`);

const page = await browser.newPage();
await page.goto(demoUrl);

if (!headless) {
  console.log(`Opened ${demoUrl} in a window. Close the browser to stop.`);
  await browser.closed();
  await server.close();
  process.exit(0);
}

mkdirSync(outDir, { recursive: true });
const counts = await waitForCounts(page);
await page.screenshot(resolve(outDir, 'page.png'));
const wrote = ['page.png'];

const first = await firstMentionCenter(page);
if (first) {
  await page.mouseMove(first.x, first.y);
  const hasCard = await waitForCard(page);
  await page.screenshot(resolve(outDir, 'card.png'));
  wrote.push(hasCard ? 'card.png' : 'card.png (no card opened)');
}

wrote.push(await popupOverPage(page));

for (const [name, path] of [['options', '/src/options/index.html']] as const) {
  const extensionPage = await browser.newPage();
  await extensionPage.goto(`${browser.extensionOrigin}${path}`);
  await new Promise((done) => setTimeout(done, 300));
  await extensionPage.screenshot(resolve(outDir, `${name}.png`), { fullPage: true });
  wrote.push(`${name}.png`);
  await extensionPage.close();
}

console.log(`\nMentions on the demo page (${demoUrl}):`);
const entries = Object.entries(counts);
if (entries.length === 0) console.log('  none found');
for (const [topic, count] of entries) console.log(`  ${topic.padEnd(28)} ${count}`);
console.log(`\nScreenshots in ${outDir}: ${wrote.join(', ')}`);
if (page.errors.length) console.log(`Page errors: ${page.errors.join('\n')}`);

await browser.close();
await server.close();

/**
 * The real toolbar popup (chrome.action.openPopup() from the service worker) over the demo page,
 * as popup.png. Headless Chromium draws no window around its pages, so the popup's own picture
 * is laid over the page's where Chrome shows it, under the toolbar at the top right.
 */
async function popupOverPage(target: TestPage): Promise<string> {
  if (!browser.chromium) return 'popup.png (not written: this browser cannot open the popup)';
  await target.press('Escape');
  await target.evaluate(() => scrollTo(0, 0));
  const pageShot = resolve(outDir, '.page-under-popup.png');
  const popupShot = resolve(outDir, '.popup-alone.png');
  await target.screenshot(pageShot);
  const popup = await browser.chromium.openActionPopup(target);
  const deadline = Date.now() + 5_000;
  while (
    Date.now() < deadline &&
    (await popup.evaluate(() => document.body.textContent?.includes('Counting mentions')))
  )
    await new Promise((done) => setTimeout(done, 100));
  await popup.screenshot(popupShot);
  await popup.close();
  const composite = await browser.newPage();
  await composite.setViewport(1280, 900);
  await composite.evaluate(
    async ([pageImage, popupImage]) => {
      document.body.style.margin = '0';
      const under = document.createElement('img');
      under.src = `data:image/png;base64,${pageImage}`;
      under.style.display = 'block';
      const over = document.createElement('img');
      over.src = `data:image/png;base64,${popupImage}`;
      Object.assign(over.style, {
        position: 'absolute',
        top: '8px',
        right: '12px',
        border: '1px solid rgb(0 0 0 / 18%)',
        borderRadius: '8px',
        boxShadow: '0 8px 28px rgb(0 0 0 / 28%)',
      });
      document.body.append(under, over);
      await Promise.all([...document.images].map((image) => image.decode()));
    },
    [readFileSync(pageShot).toString('base64'), readFileSync(popupShot).toString('base64')],
  );
  await composite.screenshot(resolve(outDir, 'popup.png'));
  await composite.close();
  rmSync(pageShot);
  rmSync(popupShot);
  return 'popup.png';
}

/** Per-topic counts read from the page's highlight registry, once the first scan is done. */
async function waitForCounts(target: TestPage): Promise<Record<string, number>> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const scanned = await target.evaluate(() => performance.getEntriesByName('yalu:scan').length > 0);
    if (scanned) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  return target.evaluate(() => {
    const result: Record<string, number> = {};
    if (!('highlights' in CSS)) return result;
    CSS.highlights.forEach((highlight, name) => {
      if (name.startsWith('yalu-') && highlight.size > 0) result[name.slice('yalu-'.length)] = highlight.size;
    });
    return result;
  });
}

async function firstMentionCenter(target: TestPage): Promise<{ x: number; y: number } | undefined> {
  return target.evaluate(() => {
    const ranges: Range[] = [];
    CSS.highlights.forEach((highlight, name) => {
      if (name.startsWith('yalu-')) for (const range of highlight) ranges.push(range as Range);
    });
    const rects = ranges
      .map((range) => range.getClientRects()[0])
      .filter((rect): rect is DOMRect => Boolean(rect))
      .sort((a, b) => a.top - b.top || a.left - b.left);
    const rect = rects[0];
    if (!rect) return undefined;
    rect.top < 0 || rect.bottom > innerHeight ? scrollTo(0, scrollY + rect.top - 200) : undefined;
    const fresh = ranges.map((range) => range.getClientRects()[0]).find((r) => r && r.width > 0);
    return fresh ? { x: fresh.left + fresh.width / 2, y: fresh.top + fresh.height / 2 } : undefined;
  });
}

async function waitForCard(target: TestPage): Promise<boolean> {
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline) {
    const open = await target.evaluate(async () => {
      const root = document.querySelector('yalu-lens')?.shadowRoot;
      const popover = root?.querySelector<HTMLElement>('.yl-popover[data-placed]');
      if (!root?.querySelector('[role="dialog"]') || !popover) return false;
      // The card fades in: wait for that to end, so the screenshot shows it as it rests.
      await Promise.all(popover.getAnimations({ subtree: true }).map((animation) => animation.finished));
      return true;
    });
    if (open) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return false;
}
