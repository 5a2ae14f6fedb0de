/**
 * `npm start`: opens the demo page (the article, laid out as a news page) in Chromium with the
 * freshly built extension loaded.
 *
 * In a real window where there is a display. With `--headless`, with no display, or with
 * CI=true it runs headless instead: hovers the first mention, writes screenshots of the page,
 * the card, the popup and the options page into demo-output/, and prints what it found per topic.
 */
import { mkdirSync } from 'node:fs';
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

for (const [name, path] of [
  ['popup', '/src/popup/index.html'],
  ['options', '/src/options/index.html'],
] as const) {
  const extensionPage = await browser.newPage();
  if (name === 'popup') await extensionPage.setViewport(420, 640);
  await extensionPage.goto(`${browser.extensionOrigin}${path}`);
  await new Promise((done) => setTimeout(done, 300));
  await extensionPage.screenshot(resolve(outDir, `${name}.png`), { fullPage: name === 'options' });
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
    const open = await target.evaluate(
      () => document.querySelector('yalu-lens')?.shadowRoot?.querySelector('[role="dialog"]') != null,
    );
    if (open) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return false;
}
