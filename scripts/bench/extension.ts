/**
 * Measurements with the real extension loaded (dist/chrome in Debian's Chromium, through the e2e
 * harness), for the budgets of DESIGN.md that a bare scan cannot show.
 *
 * 1. A page with no mention: the main thread's cost of the content script, from its start-up to
 *    the end of its first scan. Method: the DevTools Performance domain in thread-time mode
 *    (`Performance.enable({ timeDomain: 'threadTicks' })`, so the numbers are CPU time of the
 *    page's main thread and a busy machine does not inflate them) is on before the page loads;
 *    once the first `yalu:scan` measure is in and the page is quiet, `Performance.getMetrics`
 *    gives ScriptDuration (all JavaScript run for the page: the pages run none of their own, as
 *    synthetic pages have none and saved pages are served with `?noscript`, so this is the content
 *    script's compile, start-up, settings read, matcher and scan) and RecalcStyleDuration. The
 *    same page loaded without the extension gives the page's own style time; the difference is
 *    style work the extension caused (adopting its style sheet restyles the page). Cost = script
 *    + that difference, median of `runs` loads. The `yalu:scan` measure (wall clock, whole pass
 *    including the yields between its slices) is shown beside it.
 * 2. The longest task while a 5 MB page streams in: a page whose own script appends a generated
 *    5 MB article in 50 chunks (insertAdjacentHTML, 100 ms apart, after the content script's first
 *    scan), traced with the DevTools timeline categories. A task is a top-level RunTask of the
 *    page's main thread with the microtask checkpoint that follows it (where promise continuations
 *    run). It counts as the extension's when it runs the content script (a timer, callback or
 *    script evaluation whose URL is the extension's) or resumes it after `scheduler.yield()` (the
 *    page itself never yields). Reported: the longest such task in CPU time (`tdur`, thread time,
 *    what the code costs) and in wall time (`dur`, which a busy machine stretches), beside the
 *    longest of the page's own tasks. The same for the first scan of a static 5 MB page, where the
 *    content script's own start-up (compiling and evaluating it) is one of the tasks.
 * 3. The size of the script that runs on every page (the manifest's content script), raw and
 *    gzip -9, and a check that no knowledge-base prose (the cards' text) is inside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { DIST, type ExtensionBrowser, launch, type TestPage } from '../../tests/e2e/harness/browsers.ts';
import { median } from './columns.ts';
import { waitForQuiet } from './cpu-clock.ts';

export interface NoMentionRun {
  scriptMs: number;
  compileMs: number;
  styleMs: number;
  scanMeasureMs: number;
}

export interface NoMentionResult {
  name: string;
  textNodes: number;
  chars: number;
  matches: number;
  /** Medians over the runs: JavaScript run (ScriptDuration, which leaves compiling out). */
  scriptMs: number;
  /** V8 compiling (V8CompileDuration, on the main thread too), less the page's own. */
  compileMs: number;
  /** Style recalculation with the extension, less the page's own (median of runs without). */
  extraStyleMs: number;
  /** scriptMs + compileMs + extraStyleMs: the main thread's CPU time the extension cost this page. */
  costMs: number;
  /** Whether the marker was woken (a `yalu:wake` mark): on a page with no mention it should not be. */
  woken: boolean;
  /** The first `yalu:scan` measure's duration (wall clock, whole pass). */
  scanMeasureMs: number;
  runs: number;
}

export interface TaskStats {
  name: string;
  /** Tasks of the page's main thread that the extension started. */
  extensionTasks: number;
  longestExtensionTask: { cpuMs: number; wallMs: number; kind: string } | null;
  /** The extension task with the longest wall time (a busy machine stretches some). */
  longestExtensionTaskByWall: { cpuMs: number; wallMs: number; kind: string } | null;
  /** The extension's tasks by what they did: start-up, first slice of a pass, later slices. */
  byKind: Record<string, { tasks: number; longestCpuMs: number; longestWallMs: number }>;
  /** Our callbacks (MutationObserver) run inside the page's own tasks: their CPU time. */
  extensionInPageTasks: { cpuMs: number; longestMs: number };
  extensionCpuMs: number;
  longestPageTask: { cpuMs: number; wallMs: number } | null;
  /** `longtask` entries (over 50 ms, wall clock, any cause) the page saw. */
  longTasks: number;
  durationMs: number;
  matches: number;
  planted?: number;
}

export interface ScriptSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** src/content/marker.js, run into a frame only when its lookout wakes it. */
  markerBytes: number;
  markerGzipBytes: number;
  /** Long strings of the knowledge base's cards found in the script (should be none). */
  proseFound: string[];
  proseChecked: number;
}

export interface ExtensionResults {
  browserVersion: string;
  noMention: NoMentionResult[];
  tasks: TaskStats[];
  size: ScriptSize;
}

export interface ExtensionOptions {
  runs: number;
  /** Absolute URL of each page with no mention, by name (served with ?noscript where needed). */
  noMentionPages: { name: string; url: string }[];
  /** The stream shell page, and the static 5 MB page. */
  streamUrl: string;
  streamPlanted: number;
  bigPageUrl: string;
  bigPlanted: number;
  plain: Browser;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function waitForScan(page: TestPage, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await page.evaluate(() => performance.getEntriesByName('yalu:scan').length > 0)) return;
    await sleep(100);
  }
  throw new Error('no yalu:scan measure: did the content script run?');
}

/**
 * Waits until there is a `yalu:scan` measure and their count stops growing for `quietMs`; returns
 * the count (the e2e scale tests use it too).
 */
export async function waitForScansToSettle(page: TestPage, quietMs = 1500, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const count = await page.evaluate(() => performance.getEntriesByName('yalu:scan').length);
    if (count !== last) {
      last = count;
      since = Date.now();
    } else if (count > 0 && Date.now() - since >= quietMs) return count;
    await sleep(250);
  }
  return last;
}

type Metrics = Record<string, number>;

function toMetrics(list: { name: string; value: number }[]): Metrics {
  return Object.fromEntries(list.map(({ name, value }) => [name, value * 1000]));
}

async function extensionLoad(
  browser: ExtensionBrowser,
  url: string,
): Promise<{ metrics: Metrics; detail: Record<string, number>; scanMs: number; woken: boolean }> {
  const page = await browser.newPage();
  try {
    await page.goto('about:blank');
    const cdp = await (page.cdpSession as () => Promise<import('playwright-core').CDPSession>)();
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(url);
    // No polling from the page before the metrics are read: our own calls would count as script.
    let metrics: Metrics = {};
    for (let attempt = 0; attempt < 10; attempt++) {
      await sleep(2000);
      metrics = toMetrics((await cdp.send('Performance.getMetrics')).metrics);
      if (await page.evaluate(() => performance.getEntriesByName('yalu:scan').length > 0)) break;
    }
    await waitForScan(page);
    const scan = await page.evaluate(() => {
      const entry = performance.getEntriesByName('yalu:scan')[0] as PerformanceMeasure;
      return {
        ms: entry.duration,
        detail: entry.detail as Record<string, number>,
        woken: performance.getEntriesByName('yalu:wake').length > 0,
      };
    });
    return { metrics, detail: scan.detail, scanMs: scan.ms, woken: scan.woken };
  } finally {
    await page.close();
  }
}

async function plainLoad(plain: Browser, url: string): Promise<Metrics> {
  const context = await plain.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(url, { waitUntil: 'load' });
    await sleep(2000);
    return toMetrics((await cdp.send('Performance.getMetrics')).metrics);
  } finally {
    await context.close();
  }
}

async function measureNoMention(
  browser: ExtensionBrowser,
  plain: Browser,
  name: string,
  url: string,
  runs: number,
): Promise<NoMentionResult> {
  const script: number[] = [];
  const compile: number[] = [];
  const style: number[] = [];
  const plainStyle: number[] = [];
  const plainCompile: number[] = [];
  const scan: number[] = [];
  let detail: Record<string, number> = {};
  let woken = false;
  for (let run = 0; run < runs; run++) {
    const loaded = await extensionLoad(browser, url);
    script.push(loaded.metrics.ScriptDuration ?? 0);
    compile.push(loaded.metrics.V8CompileDuration ?? 0);
    style.push(loaded.metrics.RecalcStyleDuration ?? 0);
    scan.push(loaded.scanMs);
    detail = loaded.detail;
    woken ||= loaded.woken;
    const without = await plainLoad(plain, url);
    plainStyle.push(without.RecalcStyleDuration ?? 0);
    plainCompile.push(without.V8CompileDuration ?? 0);
  }
  const extraStyleMs = Math.max(0, median(style) - median(plainStyle));
  const scriptMs = median(script);
  const compileMs = Math.max(0, median(compile) - median(plainCompile));
  return {
    name,
    textNodes: detail.textNodes ?? 0,
    chars: detail.chars ?? 0,
    matches: detail.matches ?? 0,
    scriptMs,
    compileMs,
    extraStyleMs,
    costMs: scriptMs + compileMs + extraStyleMs,
    woken,
    scanMeasureMs: median(scan),
    runs,
  };
}

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string } };
}

/** Runs `during` with a DevTools trace of the timeline on (Chromium); the e2e scale tests use it too. */
export async function trace<R>(page: TestPage, during: () => Promise<R>): Promise<{ events: TraceEvent[]; result: R }> {
  const cdp = await (page.cdpSession as () => Promise<import('playwright-core').CDPSession>)();
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (event: { value: object[] }) => events.push(...(event.value as TraceEvent[])));
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'toplevel', 'blink.user_timing', '__metadata'] },
    transferMode: 'ReportEvents',
  } as never);
  const result = await during();
  await cdp.send('Tracing.end');
  await complete;
  return { events, result };
}

/** What kind of work an extension task did, from the trace events that start it. */
function taskKind(events: readonly TraceEvent[], isOurs: (event: TraceEvent) => boolean): string {
  if (events.some((event) => event.name === 'EvaluateScript' && isOurs(event))) return 'content script start-up';
  if (events.some((event) => event.name === 'RunYieldContinuation')) return 'scan slice after a yield';
  if (events.some((event) => event.name === 'TimerFire')) return 'timer (first slice of a pass)';
  return 'callback';
}

/**
 * Splits the page's main-thread tasks into the extension's and the page's own. A task is the
 * extension's when the extension started it: its RunTask evaluates our script, fires our timer or
 * callback, or resumes a scan after scheduler.yield(). Our MutationObserver callbacks run in the
 * microtask checkpoint of the page's own tasks (the ones that changed the DOM); their time is
 * reported apart (`extensionInPageTasks`), since the rest of such a task is the page's.
 */
export function analyzeTasks(
  events: TraceEvent[],
  extensionOrigin: string,
): Omit<TaskStats, 'name' | 'longTasks' | 'durationMs' | 'matches'> {
  const isOurs = (event: TraceEvent) => (event.args?.data?.url ?? '').startsWith(extensionOrigin);
  // The page's main thread: the renderer main thread that ran our script.
  const counts = new Map<string, number>();
  for (const event of events) {
    if (isOurs(event)) counts.set(`${event.pid}/${event.tid}`, (counts.get(`${event.pid}/${event.tid}`) ?? 0) + 1);
  }
  const thread = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const result: Omit<TaskStats, 'name' | 'longTasks' | 'durationMs' | 'matches'> = {
    extensionTasks: 0,
    longestExtensionTask: null,
    longestExtensionTaskByWall: null,
    extensionCpuMs: 0,
    longestPageTask: null,
    byKind: {},
    extensionInPageTasks: { cpuMs: 0, longestMs: 0 },
  };
  if (!thread) return result;
  const onThread = events
    .filter((event) => `${event.pid}/${event.tid}` === thread && event.ph === 'X')
    .sort((a, b) => a.ts - b.ts);
  // A task of the event loop is a RunTask and the microtask checkpoint right after it: that is where
  // promise continuations run, so a scanner slice resumed after scheduler.yield() is in the latter.
  const tasks = onThread.filter((event) => event.name === 'ThreadControllerImpl::RunTask');
  const checkpoints = onThread.filter((event) => event.name === 'BlinkScheduler_PerformMicrotaskCheckpoint');
  let next = 0;
  const checkpointAfter = (task: TraceEvent): TraceEvent | undefined => {
    const end = task.ts + (task.dur ?? 0);
    while (next < checkpoints.length && (checkpoints[next] as TraceEvent).ts < end) next++;
    const candidate = checkpoints[next];
    return candidate && candidate.ts - end < 200 ? candidate : undefined;
  };
  const cpuOf = (event: TraceEvent) => (event.tdur ?? event.dur ?? 0) / 1000;
  let cursor = 0;
  for (const task of tasks) {
    const checkpoint = checkpointAfter(task);
    const taskEnd = task.ts + (task.dur ?? 0);
    const end = checkpoint ? checkpoint.ts + (checkpoint.dur ?? 0) : taskEnd;
    while (cursor < onThread.length && (onThread[cursor] as TraceEvent).ts < task.ts) cursor++;
    const inTask: TraceEvent[] = [];
    const inCheckpoint: TraceEvent[] = [];
    for (let index = cursor; index < onThread.length && (onThread[index] as TraceEvent).ts < end; index++) {
      const inner = onThread[index] as TraceEvent;
      if (inner === task || inner === checkpoint) continue;
      (inner.ts < taskEnd ? inTask : inCheckpoint).push(inner);
    }
    const ours = inTask.some((event) => isOurs(event) || event.name === 'RunYieldContinuation');
    const stats = { cpuMs: cpuOf(task) + (checkpoint ? cpuOf(checkpoint) : 0), wallMs: (end - task.ts) / 1000 };
    if (ours) {
      const kind = taskKind(inTask, isOurs);
      const entry = result.byKind[kind] ?? { tasks: 0, longestCpuMs: 0, longestWallMs: 0 };
      result.byKind[kind] = entry;
      entry.tasks++;
      entry.longestCpuMs = Math.max(entry.longestCpuMs, stats.cpuMs);
      entry.longestWallMs = Math.max(entry.longestWallMs, stats.wallMs);
      result.extensionTasks++;
      result.extensionCpuMs += stats.cpuMs;
      if (!result.longestExtensionTask || stats.cpuMs > result.longestExtensionTask.cpuMs) {
        result.longestExtensionTask = { ...stats, kind };
      }
      if (!result.longestExtensionTaskByWall || stats.wallMs > result.longestExtensionTaskByWall.wallMs) {
        result.longestExtensionTaskByWall = { ...stats, kind };
      }
      continue;
    }
    if (!result.longestPageTask || stats.cpuMs > result.longestPageTask.cpuMs) result.longestPageTask = stats;
    // Our callbacks inside the page's task (top-level calls only: nested events would count twice).
    let ourMs = 0;
    let callEnd = 0;
    for (const event of inCheckpoint) {
      if (event.ts < callEnd || !isOurs(event)) continue;
      ourMs += cpuOf(event);
      callEnd = event.ts + (event.dur ?? 0);
    }
    result.extensionInPageTasks.cpuMs += ourMs;
    result.extensionInPageTasks.longestMs = Math.max(result.extensionInPageTasks.longestMs, ourMs);
  }
  return result;
}

const OBSERVE_LONG_TASKS = `
  window.__yaluBenchLongTasks = 0;
  new PerformanceObserver((list) => { window.__yaluBenchLongTasks += list.getEntries().length; })
    .observe({ type: 'longtask', buffered: true });
`;

async function measureStream(browser: ExtensionBrowser, options: ExtensionOptions): Promise<TaskStats> {
  const page = await browser.newPage();
  try {
    await page.addInitScript(OBSERVE_LONG_TASKS);
    await page.goto(options.streamUrl);
    await waitForScan(page);
    await sleep(500);
    const started = Date.now();
    const { events, result } = await trace(page, async () => {
      await page.evaluate(() => (window as unknown as { startStream: () => Promise<number> }).startStream());
      return waitForScansToSettle(page);
    });
    const matches = await page.evaluate(() => {
      let total = 0;
      CSS.highlights.forEach((highlight, name) => {
        if (name.startsWith('yalu-')) total += highlight.size;
      });
      return total;
    });
    const longTasks = await page.evaluate(
      () => (window as unknown as { __yaluBenchLongTasks: number }).__yaluBenchLongTasks,
    );
    options.log(`  streamed in ${((Date.now() - started) / 1000).toFixed(1)} s, ${result} scan passes`);
    return {
      name: '5 MB page streaming in (50 chunks)',
      ...analyzeTasks(events, browser.extensionOrigin),
      longTasks,
      durationMs: Date.now() - started,
      matches,
      planted: options.streamPlanted,
    };
  } finally {
    await page.close();
  }
}

async function measureBigPage(browser: ExtensionBrowser, options: ExtensionOptions): Promise<TaskStats> {
  const page = await browser.newPage();
  try {
    await page.addInitScript(OBSERVE_LONG_TASKS);
    await page.goto('about:blank');
    const started = Date.now();
    const { events } = await trace(page, async () => {
      await page.goto(options.bigPageUrl);
      await waitForScan(page, 120_000);
      return waitForScansToSettle(page);
    });
    const matches = await page.evaluate(() => {
      let total = 0;
      CSS.highlights.forEach((highlight, name) => {
        if (name.startsWith('yalu-')) total += highlight.size;
      });
      return total;
    });
    const longTasks = await page.evaluate(
      () => (window as unknown as { __yaluBenchLongTasks: number }).__yaluBenchLongTasks,
    );
    return {
      name: 'static 5 MB page, first scan',
      ...analyzeTasks(events, browser.extensionOrigin),
      longTasks,
      durationMs: Date.now() - started,
      matches,
      planted: options.bigPlanted,
    };
  } finally {
    await page.close();
  }
}

/** Long string literals of the cards' text (src/knowledge/topics.ts and article.ts). */
function proseSamples(root: string): string[] {
  const samples: string[] = [];
  for (const file of ['src/knowledge/topics.ts', 'src/knowledge/article.ts']) {
    const source = readFileSync(join(root, file), 'utf8');
    for (const match of source.matchAll(/'((?:[^'\\\n]|\\.){50,})'/g)) {
      const text = (match[1] as string).replace(/\\(.)/g, '$1');
      if (!/\\u/.test(match[1] as string)) samples.push(text);
    }
  }
  return samples;
}

export function scriptSize(root: string): ScriptSize {
  const manifest = JSON.parse(readFileSync(join(DIST, 'chrome', 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[] }[];
  };
  const file = manifest.content_scripts?.[0]?.js?.[0] ?? 'src/content/index.js';
  const source = readFileSync(join(DIST, 'chrome', file));
  // The marker, which the background runs only into frames that may hold a mention.
  const marker = readFileSync(join(DIST, 'chrome', 'src/content/marker.js'));
  const text = source.toString('utf8') + marker.toString('utf8');
  const samples = proseSamples(root);
  return {
    file: `dist/chrome/${file}`,
    bytes: source.length,
    gzipBytes: gzipSync(source, { level: 9 }).length,
    markerBytes: marker.length,
    markerGzipBytes: gzipSync(marker, { level: 9 }).length,
    proseFound: samples.filter((sample) => text.includes(sample)),
    proseChecked: samples.length,
  };
}

export async function measureExtension(root: string, options: ExtensionOptions): Promise<ExtensionResults> {
  const browser = await launch('chromium');
  try {
    await waitForQuiet();
    const noMention: NoMentionResult[] = [];
    for (const { name, url } of options.noMentionPages) {
      const result = await measureNoMention(browser, options.plain, name, url, options.runs);
      options.log(
        `  ${name}: ${result.costMs.toFixed(1)} ms (script ${result.scriptMs.toFixed(1)} + compile ${result.compileMs.toFixed(1)} + extra style ${result.extraStyleMs.toFixed(1)})${result.woken ? ', marker woken' : ''}`,
      );
      noMention.push(result);
    }
    const tasks = [await measureStream(browser, options), await measureBigPage(browser, options)];
    return { browserVersion: browser.version, noMention, tasks, size: scriptSize(root) };
  } finally {
    await browser.close();
  }
}
