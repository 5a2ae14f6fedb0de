/**
 * The benchmark's three columns, page by page, in a plain headless Chromium (no extension):
 * the floor, the project's full scan and mark.js, run side by side on the same loaded page.
 *
 * Fairness:
 * - every page gets a fresh tab; the in-page bundle and mark.js are injected as init scripts (so
 *   a page served with `?noscript`, whose CSP stops its own scripts, still gets them);
 * - every timed run is one call into the page, preceded by a full GC (`gc()`, --expose-gc) and a
 *   rendering update, so each starts as a page does after load: no garbage of earlier runs, and
 *   no DOM wrappers or text strings cached by them (the floor and the scan both pay for reading
 *   the text, as they would on a page just loaded);
 * - a run's time is its in-page wall-clock time (performance.now(), 5 µs: pages are served cross-
 *   origin isolated), unless the renderer's main thread was plainly preempted during it. On a
 *   machine shared with other jobs a 20 ms scan is preempted far more often than a 0.5 ms floor
 *   pass, which would skew the very ratio we report. So on Linux the benchmark also reads the CPU
 *   time the thread got for the call (/proc, less an empty call's, see cpu-clock.ts), and where
 *   the wall clock exceeds it by over `PREEMPTED_MS`, the run waited for a core and its CPU time
 *   is taken instead. (Below that margin the wall clock is the finer of the two: the CPU reading
 *   carries the call's own cost, about 0.5 ms, give or take 0.2.);
 * - one warm-up run of each is discarded; then `runs` rounds, each with one floor, one scan and
 *   (while it has runs left) one mark.js run, in an order that rotates from round to round; the
 *   median of each column is reported. mark.js gets as many runs as fit its time budget (at least
 *   one, at most `runs`) and a run longer than the cap is abandoned: both are noted;
 * - marks are removed between runs (the scanner disposed and its highlights cleared; mark.js's
 *   `unmark()`), outside the timed part.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { findBrowser } from '../../tests/e2e/harness/find-browsers.ts';
import { findBusyRenderer, threadCpuMs } from './cpu-clock.ts';
import type { BenchSample } from './in-page.ts';

/** A run whose wall-clock time exceeds its CPU time by more than this (ms) was preempted. */
const PREEMPTED_MS = 0.5;

export interface BenchPage {
  readonly name: string;
  /** Path on the bench server. */
  readonly path: string;
  /** Size in bytes of the HTML. */
  readonly bytes: number;
  /** Mentions the page holds by construction (synthetic pages), for a sanity check. */
  readonly planted?: number;
}

export interface PageResult {
  name: string;
  htmlBytes: number;
  /** What the scanner read (its yalu:scan detail): text outside skipped elements. */
  textNodes: number;
  chars: number;
  matches: number;
  floorMs: number;
  scanMs: number;
  markjsMs: number | null;
  /** Compiling the matcher (once per page load in the content script; not part of scanMs). */
  compileMs: number;
  /** A scan with a matcher never used before (its DFA still empty), as the first on a page. */
  coldScanMs: number;
  /** With --breakdown: the walk alone and the matcher alone (over the runs' texts). */
  /** The exact walk alone, the matcher alone over its runs, and the first look alone (candidates.ts). */
  breakdown?: { walkMs: number; matchMs: number; lookMs: number };
  /** What the floor read: every text node of the body, script and style included. */
  floorTextNodes: number;
  floorChars: number;
  markjsMatches: number | null;
  markjsRuns: number;
  /** Why mark.js had fewer runs than the others, or none. */
  markjsNote?: string;
  /** Medians of the in-page wall-clock times of the same runs, preempted or not. */
  wallMs: { floor: number; scan: number; markjs: number | null };
  /** Share of the timed runs that were preempted and so timed by their CPU time. */
  preemptedShare: number;
  planted?: number;
}

export interface ColumnOptions {
  runs: number;
  /** Time mark.js may take on one page over all its runs, in ms (it still gets one run). */
  markjsBudgetMs: number;
  /** A single mark.js run longer than this is abandoned (the tab is closed) and reported as capped. */
  markjsCapMs: number;
  markjsNames: readonly string[];
  /** Source of the in-page bundle and of mark.min.js. */
  bundle: string;
  markjs: string;
  /** Find the tab's renderer and read its main thread's CPU time (Linux /proc) where it can. */
  cpuClock: boolean;
  /** Also time the walk alone and the matcher alone. */
  breakdown?: boolean;
  log?: (line: string) => void;
}

/** Launches the Chromium the e2e tests use, without the extension, behind the same dead proxy. */
export async function launchPlainChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findBrowser('chromium'),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      // Every non-local request goes nowhere, as in the e2e harness: runs stay offline and repeatable.
      '--proxy-server=http://127.0.0.1:9',
      '--js-flags=--expose-gc',
    ],
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function timeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<'timeout'>((done) => {
      timer = setTimeout(() => done('timeout'), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function settle(page: Page): Promise<void> {
  // Let style, layout and paint of the last change happen outside the next timed run.
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)))),
  );
}

interface Timed<R> {
  result: R;
  /** The run's time: its wall-clock time, or its CPU time if it was preempted. */
  ms: number;
  preempted: boolean;
}

/** Calls into the page and times the call (see the module comment). */
class PageClock {
  private overheadMs = 0;
  constructor(
    private readonly page: Page,
    private readonly pid: number | undefined,
  ) {}

  /** A full GC and a rendering update first, so neither lands in the call. */
  async call<R extends { ms: number }, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<Timed<R>> {
    await this.page.evaluate(() => window.yaluBench.gc());
    await settle(this.page);
    const pid = this.pid;
    const cpuBefore = pid === undefined ? 0 : threadCpuMs(pid);
    const result = (await this.page.evaluate(fn as never, arg as never)) as R;
    if (pid === undefined) return { result, ms: result.ms, preempted: false };
    const cpuMs = Math.max(0, threadCpuMs(pid) - cpuBefore - this.overheadMs);
    const preempted = result.ms - cpuMs > PREEMPTED_MS;
    return { result, ms: preempted ? cpuMs : result.ms, preempted };
  }

  /** The CPU cost of an empty call made the same way, subtracted from the CPU times. */
  async calibrate(): Promise<void> {
    const pid = this.pid;
    if (pid === undefined) return;
    const samples: number[] = [];
    for (let index = 0; index < 11; index++) {
      await this.page.evaluate(() => window.yaluBench.gc());
      await settle(this.page);
      const before = threadCpuMs(pid);
      await this.page.evaluate(() => window.yaluBench.noop());
      samples.push(threadCpuMs(pid) - before);
    }
    this.overheadMs = median(samples);
  }
}

export async function measurePage(
  browser: Browser,
  origin: string,
  target: BenchPage,
  options: ColumnOptions,
): Promise<PageResult> {
  const log = options.log ?? (() => undefined);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: options.markjs });
  await context.addInitScript({ content: options.bundle });
  const open = async (): Promise<{ page: Page; clock: PageClock }> => {
    const page = await context.newPage();
    await page.goto(`${origin}${target.path}`, { waitUntil: 'load', timeout: 120_000 });
    await page.evaluate(() => window.yaluBench.prepare());
    await settle(page);
    const pid = options.cpuClock
      ? await findBusyRenderer((ms) => page.evaluate((busyMs) => window.yaluBench.busy(busyMs), ms))
      : undefined;
    if (options.cpuClock && pid === undefined) log(`  (note: renderer of ${target.name} not found; wall clock only)`);
    const clock = new PageClock(page, pid);
    await clock.calibrate();
    return { page, clock };
  };
  const wall = { floor: [] as number[], scan: [] as number[], markjs: [] as number[] };
  let preemptedRuns = 0;
  const record = <R extends { ms: number }>(kind: keyof typeof wall, timed: Timed<R>): Timed<R> => {
    wall[kind].push(timed.result.ms);
    if (timed.preempted) preemptedRuns++;
    return timed;
  };
  try {
    let { page, clock } = await open();
    if (!(await page.evaluate(() => window.yaluBench.isolated()))) {
      log('  (note: page not cross-origin isolated; timer resolution is 100 µs)');
    }
    const names = [...options.markjsNames];

    // Warm-up, discarded.
    const floorWarm = await clock.call(() => window.yaluBench.floor(), undefined);
    await clock.call(() => window.yaluBench.scan(), undefined);
    await page.evaluate(() => window.yaluBench.reset());

    let markjsRuns = options.runs;
    let markjsNote: string | undefined;
    const markjsSamples: number[] = [];
    let markjsMatches: number | null = null;
    const markWarm = await timeout(
      clock.call((keywords) => window.yaluBench.markjs(keywords), names),
      options.markjsCapMs,
    );
    if (markWarm === 'timeout') {
      markjsRuns = 0;
      markjsNote = `capped: one run took over ${Math.round(options.markjsCapMs / 1000)} s, abandoned`;
      // The tab is stuck in mark.js: replace it, and measure floor and scan in a fresh one.
      await page.close({ runBeforeUnload: false }).catch(() => undefined);
      ({ page, clock } = await open());
    } else {
      markjsMatches = markWarm.result.matches;
      await page.evaluate(() => window.yaluBench.unmark());
      if (markWarm.ms * 2 > options.markjsBudgetMs) {
        // Too slow to repeat: the warm-up run is the only sample.
        markjsRuns = 1;
        markjsSamples.push(markWarm.ms);
        record('markjs', markWarm);
        markjsNote = `1 run (the first): ${Math.round(markWarm.ms)} ms a run, budget ${options.markjsBudgetMs / 1000} s a page`;
      } else {
        markjsRuns = Math.max(1, Math.min(options.runs, Math.floor(options.markjsBudgetMs / markWarm.ms)));
        if (markjsRuns < options.runs) {
          markjsNote = `${markjsRuns} runs: ${Math.round(markWarm.ms)} ms a run, budget ${options.markjsBudgetMs / 1000} s a page`;
        }
      }
    }

    const floorSamples: number[] = [];
    const scanSamples: number[] = [];
    let scan: BenchSample | undefined;
    let floor: BenchSample | undefined;
    const kinds = ['floor', 'scan', 'markjs'] as const;
    for (let round = 0; round < options.runs; round++) {
      for (let step = 0; step < kinds.length; step++) {
        const kind = kinds[(round + step) % kinds.length];
        if (kind === 'floor') {
          const timed = record('floor', await clock.call(() => window.yaluBench.floor(), undefined));
          floor = timed.result;
          floorSamples.push(timed.ms);
        } else if (kind === 'scan') {
          const timed = record('scan', await clock.call(() => window.yaluBench.scan(), undefined));
          scan = timed.result;
          scanSamples.push(timed.ms);
          await page.evaluate(() => window.yaluBench.reset());
        } else if (markjsSamples.length < markjsRuns) {
          const run = await timeout(
            clock.call((keywords) => window.yaluBench.markjs(keywords), names),
            options.markjsCapMs,
          );
          if (run === 'timeout') throw new Error(`mark.js run over the cap on ${target.name} after a shorter warm-up`);
          record('markjs', run);
          markjsSamples.push(run.ms);
          markjsMatches = run.result.matches;
          await page.evaluate(() => window.yaluBench.unmark());
        }
      }
    }

    // Apart from the rounds: compiling the matcher, and cold scans (each with a new matcher).
    const compileSamples: number[] = [];
    const coldSamples: number[] = [];
    for (let index = 0; index < Math.min(options.runs, 5); index++) {
      compileSamples.push((await clock.call(() => window.yaluBench.compile(), undefined)).ms);
      await page.evaluate(() => window.yaluBench.arm());
      coldSamples.push((await clock.call(() => window.yaluBench.scan(1, true), undefined)).ms);
      await page.evaluate(() => window.yaluBench.reset());
    }
    let breakdown: PageResult['breakdown'];
    if (options.breakdown) {
      const walk: number[] = [];
      const match: number[] = [];
      const look: number[] = [];
      await page.evaluate(() => window.yaluBench.collectRuns());
      for (let index = 0; index < options.runs; index++) {
        walk.push((await clock.call(() => window.yaluBench.walkOnly(), undefined)).ms);
        match.push((await clock.call(() => window.yaluBench.matchOnly(), undefined)).ms);
        look.push((await clock.call(() => window.yaluBench.candidatesOnly(), undefined)).ms);
      }
      breakdown = { walkMs: median(walk), matchMs: median(match), lookMs: median(look) };
    }
    if (!scan || !floor) throw new Error('no samples');
    if (floor.textNodes !== floorWarm.result.textNodes) {
      log(
        `  (note: text nodes changed during the runs on ${target.name}: ${floorWarm.result.textNodes} → ${floor.textNodes})`,
      );
    }
    return {
      name: target.name,
      htmlBytes: target.bytes,
      textNodes: scan.textNodes,
      chars: scan.chars,
      matches: scan.matches,
      floorMs: median(floorSamples),
      scanMs: median(scanSamples),
      markjsMs: markjsSamples.length > 0 ? median(markjsSamples) : null,
      compileMs: median(compileSamples),
      coldScanMs: median(coldSamples),
      ...(breakdown ? { breakdown } : {}),
      floorTextNodes: floor.textNodes,
      floorChars: floor.chars,
      markjsMatches,
      markjsRuns: markjsSamples.length,
      ...(markjsNote ? { markjsNote } : {}),
      wallMs: {
        floor: median(wall.floor),
        scan: median(wall.scan),
        markjs: wall.markjs.length > 0 ? median(wall.markjs) : null,
      },
      preemptedShare: preemptedRuns / (wall.floor.length + wall.scan.length + wall.markjs.length),
      ...(target.planted !== undefined ? { planted: target.planted } : {}),
    };
  } finally {
    await context.close();
  }
}
