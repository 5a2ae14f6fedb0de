/**
 * Hostile pages by size (issue 9, item 2), in both browsers: one text node of 10 MB, 100,000
 * elements, 5,000 levels of nesting, a page that changes its DOM 1,000 times a second for ten
 * seconds, and a 5 MB feed appended in slices. Pages are generated in memory (harness/hostile-pages.ts).
 *
 * Each case checks the marks against what the page planted, that no mark is left on text that went
 * away, and that the content script threw nothing, and records its figures: the wall time of the
 * first `yalu:scan` pass, the time until the marks settled and, in Chromium, the longest task the
 * extension ran (CPU and wall time, attributed from a DevTools trace as `npm run bench` does:
 * scripts/bench/extension.ts), the `longtask` entries the page saw (any cause) and the JS heap
 * after a garbage collection. Firefox has no `longtask` entries and no heap figure over WebDriver
 * BiDi: there only times are recorded. The figures go to test-output/<browser>/hostile-scale.json.
 *
 * Budget (DESIGN.md): no task of the extension's over 50 ms. The CPU time of a task is asserted,
 * not its wall time: this machine's two cores are shared, and waiting for a core is not our work.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { afterAll, afterEach, expect, it } from 'vitest';
import { analyzeTasks, type TraceEvent, trace, waitForScansToSettle } from '../../scripts/bench/extension.ts';
import type { TestPage } from './harness/browsers.ts';
import { hover, sleep, waitForCard, waitForMarks } from './harness/card-driver.ts';
import { hostilePages, hostileRoutes } from './harness/hostile-pages.ts';
import { SNAPSHOT_DOM_AT_READY } from './harness/page-probes.ts';
import { forEachBrowser, type SuiteContext } from './harness/suite.ts';

const LONG_TASK_MS = 50;

const OBSERVE_LONG_TASKS = `
  window.__yaluLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__yaluLongTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
`;

interface Figures {
  /** Wall time of the first yalu:scan pass, yields included. */
  firstScanMs?: number;
  /** When the first pass ended, from the page's load event end (negative: before it). */
  firstScanEndAfterLoadMs?: number;
  firstScanDetail?: { textNodes: number; chars: number; matches: number };
  /** From navigation (or from the start of the stream) until the scans stopped. */
  settledMs?: number;
  scanPasses?: number;
  /**
   * Chromium: the extension's longest task by CPU time, with its wall time and kind, and the same
   * leaving out the content script's start-up (compiling and running it, the same on every page:
   * a known miss of the 50 ms budget, see the README's Speed section).
   */
  longestAfterStartUp?: { cpuMs: number; wallMs: number; kind: string } | null;
  longestExtensionTask?: { cpuMs: number; wallMs: number; kind: string } | null;
  longestExtensionTaskByWall?: { cpuMs: number; wallMs: number; kind: string } | null;
  extensionTasks?: number;
  extensionCpuMs?: number;
  /** Our MutationObserver callbacks, which run inside the page's own tasks. */
  extensionInPageTasks?: { cpuMs: number; longestMs: number };
  longestPageTask?: { cpuMs: number; wallMs: number } | null;
  /** Durations of the `longtask` entries the page saw, any cause (Chromium). */
  longTasks?: number[];
  /**
   * The longest task of the page's main thread that ran during a `yalu:scan` pass (CPU and wall
   * time, with the microtask checkpoint after it), from the trace. The attribution above cannot
   * see work that runs in a microtask after one of the extension's messages arrives (the first
   * slice of the first scan, after the settings come): on a quiet page, one whose own scripts are
   * done before ours start, any task inside a pass is ours, and this catches such a slice. The
   * page's `longtask` entries do not: Chromium reports none for those tasks. `renderCpuMs` is the
   * part of it the browser spent on style, layout and paint (marks changed make it paint again),
   * and `startUpCpuMs` the content script's own evaluation when it shares the task; the rest is
   * script of the pass: the budget is asserted on that.
   */
  longestTaskInScans?: {
    cpuMs: number;
    wallMs: number;
    renderCpuMs: number;
    startUpCpuMs: number;
    /** The longest rendering (a frame, style, layout, paint) of any task during the passes. */
    longestRenderCpuMs: number;
  } | null;
  /** JS heap used after a garbage collection, MB (Chromium). */
  heapMB?: number;
  heapBeforeMB?: number;
  heapAfterMB?: number;
  [extra: string]: unknown;
}

const round = (value: number) => Math.round(value * 10) / 10;

function firstScan(page: TestPage): Promise<{ ms: number; detail: Figures['firstScanDetail']; loadEndMs: number }> {
  return page.evaluate(() => {
    const entry = performance.getEntriesByName('yalu:scan')[0] as PerformanceMeasure;
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      ms: Math.round(entry.duration * 10) / 10,
      detail: entry.detail,
      // Where the first pass ended against the page's load event: a pass that starts before the
      // page has loaded waits between its slices while the browser parses and lays out the page.
      loadEndMs: Math.round(entry.startTime + entry.duration - (navigation?.loadEventEnd ?? 0)),
    };
  });
}

async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
  return round(used / 1024 / 1024);
}

function taskFigures(events: TraceEvent[], origin: string): Figures {
  const tasks = analyzeTasks(events, origin);
  const clean = (task: { cpuMs: number; wallMs: number; kind?: string } | null) =>
    task && { ...task, cpuMs: round(task.cpuMs), wallMs: round(task.wallMs) };
  let afterStartUp: Figures['longestAfterStartUp'] = null;
  for (const [kind, stats] of Object.entries(tasks.byKind)) {
    if (kind === 'content script start-up' || (afterStartUp && afterStartUp.cpuMs >= stats.longestCpuMs)) continue;
    afterStartUp = { cpuMs: round(stats.longestCpuMs), wallMs: round(stats.longestWallMs), kind };
  }
  return {
    longestAfterStartUp: afterStartUp,
    longestTaskInScans: longestTaskInScans(events, origin),
    longestExtensionTask: clean(tasks.longestExtensionTask) as Figures['longestExtensionTask'],
    longestExtensionTaskByWall: clean(tasks.longestExtensionTaskByWall) as Figures['longestExtensionTaskByWall'],
    extensionTasks: tasks.extensionTasks,
    extensionCpuMs: round(tasks.extensionCpuMs),
    extensionInPageTasks: {
      cpuMs: round(tasks.extensionInPageTasks.cpuMs),
      longestMs: round(tasks.extensionInPageTasks.longestMs),
    },
    longestPageTask: clean(tasks.longestPageTask),
  };
}

/**
 * Goes to `url` and waits until it has loaded and been scanned once. Not through goto(): a 10 MB
 * paragraph takes Chromium longer than goto's 30 s to lay out when the machine is busy. Asking
 * while the old document goes away fails, and is a reason to ask again.
 */
async function navigate(page: TestPage, url: string, timeoutMs = 180_000): Promise<void> {
  await page.evaluate((href) => {
    location.href = href;
  }, url);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await page
      .evaluate(
        (href) =>
          location.href === href &&
          document.readyState === 'complete' &&
          performance.getEntriesByName('yalu:scan').length > 0,
        url,
      )
      .catch(() => false);
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`${url} was not loaded and scanned in ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** Runs `run`; in Chromium under a DevTools trace, whose extension tasks it returns as figures. */
async function taskFiguresOf(ctx: SuiteContext, page: TestPage, run: () => Promise<void>): Promise<Figures> {
  if (!page.cdpSession) {
    await run();
    return {};
  }
  const { events } = await trace(page, run);
  return taskFigures(events, ctx.browser.extensionOrigin);
}

/**
 * Loads `path` and waits until its scans settle; in Chromium under a DevTools trace, with the
 * heap read after. Returns the figures and the open page.
 */
async function load(ctx: SuiteContext, path: string, snapshot = true): Promise<{ page: TestPage; figures: Figures }> {
  const page = await ctx.page();
  openPages.add(page);
  await page.addInitScript(OBSERVE_LONG_TASKS);
  if (snapshot) await page.addInitScript(SNAPSHOT_DOM_AT_READY);
  await page.goto('about:blank');
  const started = Date.now();
  let scanPasses = 0;
  const run = async () => {
    await navigate(page, ctx.server.url(path));
    scanPasses = await waitForScansToSettle(page, 1500, 150_000);
  };
  let figures = await taskFiguresOf(ctx, page, run);
  const settledMs = Date.now() - started;
  const scan = await firstScan(page);
  figures = {
    firstScanMs: scan.ms,
    firstScanEndAfterLoadMs: scan.loadEndMs,
    firstScanDetail: scan.detail,
    settledMs,
    scanPasses,
    ...figures,
  };
  if (page.cdpSession) {
    Object.assign(figures, await longTasks(page));
    figures.heapMB = await heapMB(await page.cdpSession());
  }
  return { page, figures };
}

/** The durations of the page's `longtask` entries (Chromium; over 50 ms of wall time, any cause). */
function longTasks(page: TestPage): Promise<{ longTasks: number[] }> {
  return page.evaluate(() => ({
    longTasks: (window as unknown as { __yaluLongTasks: number[] }).__yaluLongTasks,
  }));
}

/** The browser's rendering steps, as the DevTools timeline names them. */
const RENDERING = new Set([
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'UpdateLayer',
  'HitTest',
  'IntersectionObserverController::computeIntersections',
]);

/** See Figures.longestTaskInScans: the task with the most script in it. */
function longestTaskInScans(events: TraceEvent[], origin: string): Figures['longestTaskInScans'] {
  const marks = events
    .filter((event) => event.name === 'yalu:scan' && (event.ph === 'b' || event.ph === 'e'))
    .sort((a, b) => a.ts - b.ts);
  const first = marks[0];
  if (!first) return null;
  const onThread = (event: TraceEvent) => event.pid === first.pid && event.tid === first.tid && event.ph === 'X';
  const windows: [number, number][] = [];
  for (let index = 0; index + 1 < marks.length; index += 2) {
    windows.push([(marks[index] as TraceEvent).ts, (marks[index + 1] as TraceEvent).ts]);
  }
  // A task is a RunTask with the microtask checkpoint right after it, or a checkpoint alone: the
  // extension's continuations after its messages arrive run in one of those (93 ms of CPU for a
  // 10 MB text node matched in one call, before the scanner cut long runs into pieces).
  const top = events
    .filter(
      (event) =>
        onThread(event) &&
        (event.name === 'ThreadControllerImpl::RunTask' || event.name === 'BlinkScheduler_PerformMicrotaskCheckpoint'),
    )
    .sort((a, b) => a.ts - b.ts);
  const tasks: { start: number; end: number; cpu: number }[] = [];
  for (const event of top) {
    const last = tasks.at(-1);
    const end = event.ts + (event.dur ?? 0);
    if (last && event.ts < last.end) continue; // nested
    const cpu = event.tdur ?? event.dur ?? 0;
    if (last && event.name === 'BlinkScheduler_PerformMicrotaskCheckpoint' && event.ts - last.end < 200) {
      last.end = end;
      last.cpu += cpu;
    } else tasks.push({ start: event.ts, end, cpu });
  }
  const rendering = events.filter((event) => onThread(event) && RENDERING.has(event.name)).sort((a, b) => a.ts - b.ts);
  const frames = events.filter(
    (event) => event.pid === first.pid && event.tid === first.tid && event.name === 'AnimationFrame::Render',
  );
  // The content script's own evaluation (its start-up, reported apart) can share a task with the
  // first slice of the first pass when the settings arrive at once.
  const startUp = events.filter(
    (event) => onThread(event) && event.name === 'EvaluateScript' && (event.args?.data?.url ?? '').startsWith(origin),
  );
  let longest: NonNullable<Figures['longestTaskInScans']> | null = null;
  let longestRender = 0;
  for (const task of tasks) {
    if (!windows.some(([from, to]) => task.start < to && task.end > from)) continue;
    // Rendering inside the task, outermost events only (a hit test can hold a style update); a
    // task that renders a frame is all rendering (on these pages nothing else runs in the frame,
    // and part of a frame's work, such as turning highlights into paint markers, is not traced).
    let render = 0;
    if (frames.some((event) => event.ts >= task.start && event.ts < task.end)) render = task.cpu;
    else {
      let covered = 0;
      for (const event of rendering) {
        if (event.ts < task.start || event.ts >= task.end || event.ts < covered) continue;
        render += event.tdur ?? event.dur ?? 0;
        covered = event.ts + (event.dur ?? 0);
      }
    }
    let evaluation = 0;
    for (const event of startUp) {
      if (event.ts >= task.start && event.ts < task.end) evaluation += event.tdur ?? event.dur ?? 0;
    }
    const script = task.cpu - render - evaluation;
    longestRender = Math.max(longestRender, render);
    if (!longest || script > (longest.cpuMs - longest.renderCpuMs - longest.startUpCpuMs) * 1000) {
      longest = {
        cpuMs: round(task.cpu / 1000),
        wallMs: round((task.end - task.start) / 1000),
        renderCpuMs: round(render / 1000),
        startUpCpuMs: round(evaluation / 1000),
        longestRenderCpuMs: 0,
      };
    }
  }
  if (longest) longest.longestRenderCpuMs = round(longestRender / 1000);
  return longest;
}

/** Every topic's marks, and those whose text left the document. */
function marks(page: TestPage): Promise<{ counts: Record<string, number>; detached: number }> {
  return page.evaluate(() => ({
    counts: window.yaluProbes.highlightCounts(),
    detached: window.yaluProbes.detachedRanges(),
  }));
}

/**
 * No task of the extension's over 50 ms of CPU after its start-up, none of its callbacks inside
 * the page's tasks either, and on a quiet page no task over 50 ms during a scan pass (see
 * Figures.longestTaskInScans). Chromium only; Firefox's figures are times alone.
 */
function expectWithinBudget(figures: Figures, quietPage: boolean): void {
  if (figures.longestAfterStartUp) expect(figures.longestAfterStartUp.cpuMs).toBeLessThan(LONG_TASK_MS);
  if (figures.extensionInPageTasks) expect(figures.extensionInPageTasks.longestMs).toBeLessThan(LONG_TASK_MS);
  const inScans = figures.longestTaskInScans;
  if (quietPage && inScans) {
    expect(inScans.cpuMs - inScans.renderCpuMs - inScans.startUpCpuMs).toBeLessThan(LONG_TASK_MS);
  }
}

const openPages = new Set<TestPage>();

forEachBrowser(
  (ctx, name) => {
    const recorded: Record<string, Figures> = {};
    const record = (label: string, figures: Figures) => {
      recorded[label] = figures;
      console.log(`[${name}] ${label}: ${JSON.stringify(figures)}`);
    };

    afterEach(async () => {
      for (const page of openPages) await page.close().catch(() => undefined);
      openPages.clear();
    });
    afterAll(() => {
      writeFileSync(`${ctx.artifacts}/hostile-scale.json`, `${JSON.stringify(recorded, null, 2)}\n`);
    });

    it('marks the mentions inside one 10 MB text node', { timeout: 400_000 }, async () => {
      const { page, figures } = await load(ctx, '/hostile/big-text-node.html');
      const shape = await page.evaluate(() => {
        const scope = window as unknown as { bigTextLength: number; bigNodes: number };
        return { length: scope.bigTextLength, nodes: scope.bigNodes };
      });
      expect(shape.nodes).toBe(1);
      expect(shape.length).toBeGreaterThanOrEqual(9_900_000);
      record('10 MB text node', { ...figures, textNodeChars: shape.length });
      const found = await marks(page);
      expect(found).toEqual({ counts: hostilePages.bigTextNode().planted, detached: 0 });
      expect(await page.evaluate(() => window.yaluProbes.domUnchanged())).toBe(true);
      expect(page.errors).toEqual([]);
      expectWithinBudget(figures, true);
    });

    it('marks a page of 100,000 elements', { timeout: 400_000 }, async () => {
      const { page, figures } = await load(ctx, '/hostile/many-elements.html');
      const elements = await page.evaluate(() => (window as unknown as { elementCount: number }).elementCount);
      expect(elements).toBeGreaterThanOrEqual(100_000);
      record('100,000 elements', { ...figures, elements });
      expect(await marks(page)).toEqual({ counts: hostilePages.manyElements().planted, detached: 0 });
      expect(await page.evaluate(() => window.yaluProbes.domUnchanged())).toBe(true);
      expect(page.errors).toEqual([]);
      expectWithinBudget(figures, true);
    });

    it('marks text 5,000 levels deep', { timeout: 400_000 }, async () => {
      const { page, figures } = await load(ctx, '/hostile/deep.html');
      const depth = await page.evaluate(() => {
        let depth = 0;
        for (let node: Node | null = document.getElementById('bottom'); node; node = node.parentNode) depth++;
        return depth;
      });
      expect(depth).toBeGreaterThan(5_000);
      record('5,000 levels deep', { ...figures, depth });
      expect(await marks(page)).toEqual({ counts: hostilePages.deep().planted, detached: 0 });
      expect(await page.evaluate(() => window.yaluProbes.domUnchanged())).toBe(true);
      // The card for the deepest mark: placing it climbs all 5,000 ancestors (overflow, scrolling).
      const [bottom] = await waitForMarks(page, 'sino-vietnamese-war');
      if (!bottom) throw new Error('no mark at the bottom');
      await hover(page, bottom);
      await waitForCard(page, '1979 Sino-Vietnamese War', 10_000);
      expect(page.errors).toEqual([]);
      expectWithinBudget(figures, true);
    });

    it('keeps the marks right, and the heap bounded, under 1,000 DOM changes a second for 10 s', {
      timeout: 240_000,
    }, async () => {
      const { page, figures: loaded } = await load(ctx, '/hostile/mutating.html', false);
      const expected = () =>
        page.evaluate(() => (window as unknown as { expectedMentions(): number }).expectedMentions());
      expect((await marks(page)).counts['korean-war']).toBe(await expected());
      const cdp = await page.cdpSession?.();
      const heapBeforeMB = cdp ? await heapMB(cdp) : undefined;
      const started = Date.now();
      let changes = 0;
      let scanPasses = 0;
      const run = async () => {
        changes = await page.evaluate(() =>
          (window as unknown as { startMutating(seconds: number): Promise<number> }).startMutating(10),
        );
        scanPasses = await waitForScansToSettle(page, 1500, 150_000);
      };
      const figures = await taskFiguresOf(ctx, page, run);
      const settledMs = Date.now() - started;
      const found = await marks(page);
      const want = await expected();
      const heapAfterMB = cdp ? await heapMB(cdp) : undefined;
      const tasks = cdp ? await longTasks(page) : {};
      record('1,000 changes/s for 10 s', {
        firstScanMs: loaded.firstScanMs,
        changes,
        settledMs,
        scanPasses,
        ...figures,
        ...tasks,
        heapBeforeMB,
        heapAfterMB,
        marks: found.counts['korean-war'],
        expected: want,
      });
      expect(changes).toBe(10_000);
      expect(found).toEqual({ counts: { 'korean-war': want }, detached: 0 });
      // The page's DOM is as large at the end as at the start: so should our share of the heap be.
      if (heapBeforeMB !== undefined && heapAfterMB !== undefined) expect(heapAfterMB - heapBeforeMB).toBeLessThan(5);
      expect(page.errors).toEqual([]);
      expectWithinBudget(figures, false);
    });

    it('marks a 5 MB feed appended in 50 slices', { timeout: 400_000 }, async () => {
      const { page, figures: loaded } = await load(ctx, '/hostile/feed.html', false);
      const started = Date.now();
      let streamMs = 0;
      let scanPasses = 0;
      const run = async () => {
        streamMs = await page.evaluate(() => (window as unknown as { startStream(): Promise<number> }).startStream());
        scanPasses = await waitForScansToSettle(page, 1500, 150_000);
      };
      const figures = await taskFiguresOf(ctx, page, run);
      const settledMs = Date.now() - started;
      const found = await marks(page);
      const total = Object.values(found.counts).reduce((sum, count) => sum + count, 0);
      const cdp = await page.cdpSession?.();
      record('5 MB feed in 50 slices', {
        firstScanMs: loaded.firstScanMs,
        streamMs: Math.round(streamMs),
        settledMs,
        scanPasses,
        ...figures,
        ...(cdp ? await longTasks(page) : {}),
        heapMB: cdp ? await heapMB(cdp) : undefined,
        marks: total,
        planted: hostilePages.feed().planted,
      });
      expect(total).toBe(hostilePages.feed().planted);
      expect(found.detached).toBe(0);
      expect(page.errors).toEqual([]);
      expectWithinBudget(figures, false);
    });
  },
  { server: { extraRoutes: hostileRoutes } },
);
