/**
 * `npm run bench`: how fast the extension is, page by page, in headless Chromium.
 *
 *   npm run bench                                   synthetic news pages (10 KB to 5 MB of text)
 *   npm run bench -- --pages ../shared/corpus/pages saved real pages instead
 *   npm run bench -- --pages DIR --synthetic        both
 *
 * Options: --out FILE (JSON; the chart and a Markdown table are written beside it; default
 * bench-output/bench.json), --runs N (rounds per page, default 7), --filter REGEX (page names),
 * --markjs-budget S (seconds mark.js may take on one page over all its runs, default 20),
 * --markjs-cap S (a single mark.js run longer than this is abandoned, default 120),
 * --extension-runs N (loads per page for the start-up cost, default 3), --no-extension,
 * --breakdown (also time the walk alone and the matcher alone on each page). YALU_BENCH_BUNDLE=FILE
 * uses a prebuilt in-page bundle (to compare two versions of the scanner).
 *
 * For every page: the floor (a bare TreeWalker pass reading every text node's data), the full scan
 * (the content script's own Scanner, Highlighter and matcher) and mark.js 8.11 with the English
 * names, side by side (scripts/bench/columns.ts says how runs are ordered and timed). Then, with
 * the real extension loaded: the main-thread cost on pages with no mention, the longest task of
 * the extension while a 5 MB page streams in, and the size of the script that runs on every page
 * (scripts/bench/extension.ts), each beside its budget in DESIGN.md.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, release } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { build } from 'vite';
import { TOPIC_NAMES } from '../src/knowledge/names.ts';
import { type ExtraResponse, startServer } from '../tests/e2e/harness/server.ts';
import { type BenchPage, launchPlainChromium, measurePage, type PageResult } from './bench/columns.ts';
import { cpuClockAvailable, waitForQuiet } from './bench/cpu-clock.ts';
import { type ExtensionResults, measureExtension } from './bench/extension.ts';
import { chartSvg, consoleTable, markdownTable, totals } from './bench/report.ts';
import {
  chunkBlocks,
  formatSize,
  generatePage,
  SYNTHETIC_SIZES,
  type SyntheticPage,
  streamShell,
} from './bench/synthetic.ts';

const root = resolve(import.meta.dirname, '..');

// Arguments.

const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) {
    console.error(`${name} needs a value`);
    process.exit(2);
  }
  return value;
}
function numberOption(name: string, fallback: number): number {
  const value = option(name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    console.error(`${name} needs a positive number, not ${value}`);
    process.exit(2);
  }
  return parsed;
}
if (args.includes('--help') || args.includes('-h')) {
  console.log(
    readFileSync(import.meta.filename, 'utf8')
      .split('*/')[0]
      ?.replace(/^\/\*\*|^ \* ?/gm, '') ?? '',
  );
  process.exit(0);
}
const pagesDir = option('--pages');
const withSynthetic = !pagesDir || args.includes('--synthetic');
const outFile = resolve(option('--out') ?? join(root, 'bench-output', 'bench.json'));
const runs = Math.round(numberOption('--runs', 7));
const markjsBudgetMs = numberOption('--markjs-budget', 20) * 1000;
const markjsCapMs = numberOption('--markjs-cap', 120) * 1000;
const extensionRuns = Math.round(numberOption('--extension-runs', 3));
const withExtension = !args.includes('--no-extension');
const filterText = option('--filter');
const breakdown = args.includes('--breakdown');
/** A prebuilt in-page bundle instead of building scripts/bench/in-page.ts (to compare versions). */
const bundleOverride = process.env.YALU_BENCH_BUNDLE;
const filter = filterText ? new RegExp(filterText) : undefined;

// The machine, for the record: results only compare on the same one.

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const machine = {
  cpus: availableParallelism(),
  cpuModel: cpuModel(),
  kernel: release(),
  node: process.version,
  loadAverageAtStart: loadavg().map((value) => +value.toFixed(2)),
};

// The names mark.js gets: the core topics' English names, except those that count only in context
// (mark.js has no notion of context, and they are common phrases: "the 1979 war").
const markjsNames = TOPIC_NAMES.filter((topic) => topic.core).flatMap((topic) =>
  topic.names.filter((name) => name.lang === 'en' && !name.needsContext).map((name) => name.text),
);

// Pages, served from memory or from the folder.

const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const synthetic = new Map<string, SyntheticPage>();
const syntheticPages: SyntheticPage[] = [];
if (withSynthetic) {
  for (const size of SYNTHETIC_SIZES) {
    const page = generatePage({ textChars: size });
    if (!filter || filter.test(page.name)) syntheticPages.push(page);
  }
}
const noMention = [10_000, 100_000].map((size) =>
  generatePage({ textChars: size, mentions: false, seed: 1961, name: `no-mention-${formatSize(size)}` }),
);
const big = syntheticPages.find((page) => page.textChars >= 5_000_000) ?? generatePage({ textChars: 5_000_000 });
const streamChunks = chunkBlocks(big.blocks, 50);
const shell = streamShell(streamChunks.length, 100);
for (const page of [...syntheticPages, ...noMention, big]) synthetic.set(page.name, page);

const savedPages: string[] = pagesDir
  ? readdirSync(resolve(pagesDir))
      .filter((file) => /\.html?$/.test(file) && statSync(join(resolve(pagesDir), file)).isFile())
      .filter((file) => !filter || filter.test(file))
      .sort()
  : [];
if (pagesDir && savedPages.length === 0) {
  console.error(`No .html pages in ${pagesDir}${filterText ? ` matching ${filterText}` : ''}`);
  process.exit(2);
}

function route(url: URL): ExtraResponse | undefined {
  const headers = url.searchParams.has('iso') ? ISOLATION : undefined;
  const path = url.pathname;
  if (path.startsWith('/bench/synthetic/')) {
    const page = synthetic.get(basename(path, '.html'));
    return page ? { body: page.html, ...(headers ? { headers } : {}) } : undefined;
  }
  if (path.startsWith('/bench/pages/') && pagesDir) {
    const file = decodeURIComponent(path.slice('/bench/pages/'.length));
    if (!savedPages.includes(file)) return undefined;
    return { body: readFileSync(join(resolve(pagesDir), file)), ...(headers ? { headers } : {}) };
  }
  if (path === '/bench/stream.html') return { body: shell };
  const chunk = /^\/bench\/stream\/chunk\/(\d+)$/.exec(path);
  if (chunk) return { body: streamChunks[Number(chunk[1])] ?? '' };
  return undefined;
}

const benchPages: BenchPage[] = [
  ...syntheticPages.map((page) => ({
    name: page.name,
    path: `/bench/synthetic/${page.name}.html?iso`,
    bytes: Buffer.byteLength(page.html),
    planted: page.planted,
  })),
  // Saved pages run none of their own scripts (?noscript): only ours touch the DOM.
  ...savedPages.map((file) => ({
    name: file,
    path: `/bench/pages/${encodeURIComponent(file)}?iso&noscript`,
    bytes: statSync(join(resolve(pagesDir as string), file)).size,
  })),
];

// Run.

if (bundleOverride) console.log(`In-page bundle: ${bundleOverride} (YALU_BENCH_BUNDLE)`);
else {
  console.log('Building the in-page bundle (scripts/bench/in-page.ts)…');
  await build({ configFile: join(root, 'scripts/bench/vite.config.ts'), logLevel: 'warn' });
}
const bundle = readFileSync(bundleOverride ?? join(root, 'bench-output', 'in-page.js'), 'utf8');
const markjs = readFileSync(join(root, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');
const markjsVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules/mark.js/package.json'), 'utf8')) as { version: string }
).version;

const server = await startServer({ extraRoutes: route });
const plain = await launchPlainChromium();
const browserVersion = `Chromium ${plain.version()}`;
const cpuClock = cpuClockAvailable();
console.log(
  `${browserVersion}, headless; ${machine.cpus} CPUs (${machine.cpuModel}), load average ${machine.loadAverageAtStart.join(' ')}`,
);
console.log(
  `${benchPages.length} pages, ${runs} rounds each; mark.js ${markjsVersion} with ${markjsNames.length} English names, budget ${markjsBudgetMs / 1000} s a page`,
);
await waitForQuiet();

const results: PageResult[] = [];
try {
  for (const target of benchPages) {
    const started = Date.now();
    const result = await measurePage(plain, server.origin, target, {
      runs,
      markjsBudgetMs,
      markjsCapMs,
      markjsNames,
      bundle,
      markjs,
      cpuClock,
      breakdown,
      log: (line) => console.log(line),
    });
    results.push(result);
    const check =
      result.planted !== undefined && result.planted !== result.matches ? `  (planted ${result.planted}!)` : '';
    console.log(
      `  ${result.name}: floor ${result.floorMs.toFixed(2)} ms, scan ${result.scanMs.toFixed(2)} ms, mark.js ${result.markjsMs?.toFixed(0) ?? '–'} ms` +
        `${result.markjsNote ? ` (${result.markjsNote})` : ''}, ${result.matches} matches${check}  [${((Date.now() - started) / 1000).toFixed(0)} s]`,
    );
    if (result.breakdown) {
      console.log(
        `    first look alone ${result.breakdown.lookMs.toFixed(2)} ms, walk alone ${result.breakdown.walkMs.toFixed(2)} ms, matcher alone ${result.breakdown.matchMs.toFixed(2)} ms, compile ${result.compileMs.toFixed(2)} ms, cold scan ${result.coldScanMs.toFixed(2)} ms`,
      );
    }
  }

  let extension: ExtensionResults | undefined;
  if (withExtension) {
    console.log('\nWith the extension loaded (dist/chrome):');
    const noMentionPages = [
      ...noMention.map((page) => ({ name: page.name, url: server.url(`/bench/synthetic/${page.name}.html`) })),
      ...results
        .filter((result) => result.matches === 0 && savedPages.includes(result.name))
        .map((result) => ({
          name: result.name,
          url: server.url(`/bench/pages/${encodeURIComponent(result.name)}?noscript`),
        })),
    ];
    extension = await measureExtension(root, {
      runs: extensionRuns,
      noMentionPages,
      streamUrl: server.url('/bench/stream.html'),
      streamPlanted: big.planted,
      bigPageUrl: server.url(`/bench/synthetic/${big.name}.html`),
      bigPlanted: big.planted,
      plain,
      log: (line) => console.log(line),
    });
  }

  // Report.

  const all = totals(results);
  const scanPerFloor = all.scanMs / all.floorMs;
  const markjsPerScan = all.markjsPages > 0 ? all.markjsMs / all.scanMsWhereMarkjs : null;
  const onCorpus = Boolean(pagesDir) && !withSynthetic;
  const budgets: { budget: string; value: string; pass: boolean | null; note?: string }[] = [];
  const scope = onCorpus
    ? 'summed over the saved pages'
    : 'summed over these pages (the budget is set on saved real pages)';
  budgets.push({
    budget: 'scan ≤ 3 × floor',
    value: `${scanPerFloor.toFixed(2)} × (${scope})`,
    pass: scanPerFloor <= 3,
  });
  budgets.push({
    budget: 'mark.js ≥ 50 × scan',
    value: markjsPerScan === null ? 'mark.js did not run' : `${markjsPerScan.toFixed(0)} × (${scope})`,
    pass: markjsPerScan === null ? null : markjsPerScan >= 50,
  });
  if (extension) {
    const costs = extension.noMention.map((entry) => entry.costMs);
    const worst = extension.noMention.reduce((a, b) => (b.costMs > a.costMs ? b : a));
    const sortedCosts = [...costs].sort((a, b) => a - b);
    budgets.push({
      budget: 'a page with no mention < 5 ms of main thread',
      value: `median ${sortedCosts[sortedCosts.length >> 1]?.toFixed(1)} ms, worst ${worst.costMs.toFixed(1)} ms (${worst.name}) over ${costs.length} pages (script + compile + extra style); marker woken on ${extension.noMention.filter((entry) => entry.woken).length}`,
      pass: costs.every((cost) => cost < 5),
    });
    for (const stats of extension.tasks) {
      const longest = stats.longestExtensionTask;
      budgets.push({
        budget: `no extension task over 50 ms: ${stats.name}`,
        value: longest
          ? `longest ${longest.cpuMs.toFixed(1)} ms CPU (${longest.wallMs.toFixed(1)} ms wall), ${longest.kind}, of ${stats.extensionTasks} tasks`
          : 'no extension task seen',
        pass: longest ? longest.cpuMs <= 50 : null,
      });
    }
    const { size } = extension;
    budgets.push({
      budget: 'the script on every page stays small, no card prose in it',
      value: `${size.file}: ${(size.bytes / 1024).toFixed(1)} KB, ${(size.gzipBytes / 1024).toFixed(1)} KB gzip (the marker, where a page may hold a mention: ${(size.markerBytes / 1024).toFixed(1)} KB, ${(size.markerGzipBytes / 1024).toFixed(1)} KB gzip); prose strings found ${size.proseFound.length} of ${size.proseChecked}`,
      pass: size.proseFound.length === 0,
    });
  }

  console.log(`\n${consoleTable(results)}`);
  const markjsNotes = results.filter((result) => result.markjsNote);
  if (markjsNotes.length > 0) {
    console.log(`\n* mark.js: ${markjsNotes.map((result) => `${result.name}: ${result.markjsNote}`).join('; ')}`);
  }
  if (extension) {
    console.log('\nPages with no mention, extension loaded (main-thread CPU time, median of runs):');
    for (const entry of extension.noMention) {
      console.log(
        `  ${entry.name.padEnd(34)} ${entry.costMs.toFixed(1).padStart(6)} ms = script ${entry.scriptMs.toFixed(1)} + compile ${entry.compileMs.toFixed(1)} + style ${entry.extraStyleMs.toFixed(1)};  yalu:scan ${entry.scanMeasureMs.toFixed(1)} ms wall, ${entry.textNodes} text nodes${entry.woken ? '; MARKER WOKEN' : ''}`,
      );
    }
    for (const stats of extension.tasks) {
      console.log(
        `\n${stats.name}: ${stats.extensionTasks} extension tasks, ${stats.extensionCpuMs.toFixed(0)} ms CPU in all, ${stats.matches} marks (${stats.planted} planted)`,
      );
      for (const [kind, entry] of Object.entries(stats.byKind)) {
        console.log(
          `  ${kind.padEnd(30)} ${String(entry.tasks).padStart(4)} tasks, longest ${entry.longestCpuMs.toFixed(1)} ms CPU, longest wall ${entry.longestWallMs.toFixed(1)} ms`,
        );
      }
      console.log(
        `  our MutationObserver callbacks inside the page's tasks: ${stats.extensionInPageTasks.cpuMs.toFixed(1)} ms CPU in all, longest ${stats.extensionInPageTasks.longestMs.toFixed(2)} ms`,
      );
      console.log(
        `  the page's own longest task ${stats.longestPageTask?.cpuMs.toFixed(0) ?? '–'} ms CPU (${stats.longestPageTask?.wallMs.toFixed(0) ?? '–'} ms wall); ${stats.longTasks} long tasks (any cause) seen by the page`,
      );
    }
  }
  console.log(`\nBudgets (DESIGN.md), ${browserVersion}, ${machine.cpus} × ${machine.cpuModel}:`);
  for (const entry of budgets) {
    const verdict = entry.pass === null ? '  –  ' : entry.pass ? 'PASS ' : 'MISS ';
    console.log(`  ${verdict} ${entry.budget}: ${entry.value}`);
  }

  // Files.

  mkdirSync(dirname(outFile), { recursive: true });
  const stem = outFile.slice(0, outFile.length - extname(outFile).length);
  const kind = onCorpus ? 'saved pages' : pagesDir ? 'pages' : 'synthetic news pages';
  const title = `Scan time against page size: ${results.length} ${kind}`;
  const subtitle = `${browserVersion} headless, ${machine.cpus} × ${machine.cpuModel}; median of ${runs} runs`;
  writeFileSync(`${stem}.svg`, chartSvg(results, title, subtitle));
  writeFileSync(`${stem}.md`, `${markdownTable(results)}\n`);
  const report = {
    pages: results,
    sum: { ...all, scanPerFloor, markjsPerScan },
    browser: browserVersion,
    extensionBrowser: extension ? `Chromium ${extension.browserVersion}` : undefined,
    machine: { ...machine, loadAverageAtEnd: loadavg().map((value) => +value.toFixed(2)) },
    settings: {
      pages: pagesDir ? resolve(pagesDir) : 'synthetic',
      synthetic: withSynthetic ? syntheticPages.map((page) => page.name) : [],
      runs,
      timing: cpuClock
        ? 'in-page wall clock (5 µs, cross-origin isolated), or the main thread CPU time for runs preempted by other jobs (Linux /proc); GC before each run'
        : 'in-page wall clock (5 µs, cross-origin isolated); GC before each run',
      scan: 'Scanner.start() with sliceMs Infinity: the page matcher (compiled once per page, not timed; see compileMs), runs, Ranges, highlights',
      markjs: {
        version: markjsVersion,
        options: { separateWordSearch: false, accuracy: 'exactly', acrossElements: true },
        names: markjsNames,
        budgetMs: markjsBudgetMs,
        capMs: markjsCapMs,
      },
      extensionRuns,
    },
    extension,
    budgets,
  };
  writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${outFile}, ${stem}.svg and ${stem}.md`);
} finally {
  await plain.close();
  await server.close();
}
