/**
 * The benchmark's in-page bundle (built by scripts/bench/vite.config.ts into bench-output/ as an
 * IIFE, injected into each page). It runs the real content-script code, not a copy: the Scanner,
 * the Highlighter and the topic matcher with the default settings (core topics on, default
 * colours, the CSS of src/ui/mark-styles.ts), set up as ContentApp sets them up.
 *
 *   yaluBench.prepare()   once per page: the Highlighter (its sheet adopted by the document) and
 *                         the matcher, as ContentApp.apply sets them up
 *   yaluBench.floor(k)    k bare TreeWalker passes reading every text node's data
 *   yaluBench.scan(k)     k full scans (marks cleared before each, which costs little)
 *   yaluBench.arm(k)      compiles k fresh matchers for the next scan(k, true) (untimed)
 *   yaluBench.scan(k, true)  k cold scans, each with a fresh matcher (an empty DFA)
 *   yaluBench.reset()     disposes the scanner and clears every mark of ours
 *   yaluBench.compile(k)  k compilations of the matcher (createTopicMatcher), for the record
 *   yaluBench.walkOnly(), collectRuns(), matchOnly()  the scan's two halves, for --breakdown
 *   yaluBench.markjs()    mark.js 8.11 (global `Mark`, loaded beside) on the same body
 *   yaluBench.unmark()    removes mark.js's marks
 *
 * What one scan covers: a new Scanner, `start()` walking every run, the matcher over each, a
 * Range per mention registered in the topic's Highlight, and the `yalu:scan` measure. Compiling
 * the matcher is not in it: the content script does that once per page (per settings change),
 * and `compile()` reports its cost apart. Nor is the Highlighter's style sheet: adopting a sheet
 * makes the browser recompute styles, a one-time cost of the content script's start-up (measured
 * with the extension loaded), not of a scan. The matcher builds its DFA lazily, so the first scan
 * with a new matcher also pays for that: `scan(k, true)` measures such cold scans.
 *
 * The scanner is built with `sliceMs: Infinity`, so the pass never yields and `start()` has done
 * all its work when it returns (checked: the pass count must have moved). In the content script
 * the same pass is cut into slices of 8 ms; the work is the same.
 */
import NAME_SCREEN from 'virtual:yalu-name-screen';
import { CandidateWalker } from '../../src/content/candidates';
import { Highlighter } from '../../src/content/highlighter';
import { type ScanDetail, Scanner } from '../../src/content/scanner';
import { RunWalker } from '../../src/content/text-runs';
import { type CueKey, createTopicMatcher, type Matcher } from '../../src/matching';
import { NameScreen } from '../../src/matching/screen';
import { defaultSettings, enabledTopics } from '../../src/settings';
import { HIGHLIGHT_PREFIX, markStylesCss } from '../../src/ui/mark-styles';

export interface BenchSample {
  ms: number;
  textNodes: number;
  chars: number;
  matches: number;
}

interface MarkInstance {
  mark(keywords: string[], options: Record<string, unknown>): void;
  unmark(options: Record<string, unknown>): void;
}

type MarkConstructor = new (context: Element) => MarkInstance;

const settings = defaultSettings();
const topics = enabledTopics(settings);
const css = markStylesCss(
  topics.map((topic) => ({ topic, color: settings.topics[topic].color })),
  settings.markStyle,
);

let scanner: Scanner | undefined;
let highlighter: Highlighter | undefined;
/** The page's matcher, compiled once in `prepare()` as the content script does once per page. */
let pageMatcher: Matcher | undefined;

function collectGarbage(): void {
  // Chromium started with --js-flags=--expose-gc: every timed run starts from a clean heap.
  (globalThis as { gc?: () => void }).gc?.();
}

function root(): Node {
  return document.body ?? document.documentElement;
}

function prepare(): void {
  if (highlighter) return;
  // ContentApp.apply's order: adopt the sheet, then fill it, then compile the matcher.
  highlighter = new Highlighter(document);
  highlighter.styleTree(document);
  highlighter.setCss(css);
  pageMatcher = createTopicMatcher(topics);
}

function floorOnce(): BenchSample {
  const start = performance.now();
  const walker = document.createTreeWalker(root(), NodeFilter.SHOW_TEXT);
  let textNodes = 0;
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    textNodes++;
    chars += (node as Text).data.length;
  }
  return { ms: performance.now() - start, textNodes, chars, matches: 0 };
}

/** Drops the scanner and empties our Highlights (they stay registered, as on a live page). */
function reset(): void {
  scanner?.dispose();
  scanner = undefined;
  CSS.highlights.forEach((highlight, name) => {
    if (name.startsWith(HIGHLIGHT_PREFIX)) highlight.clear();
  });
  performance.clearMeasures('yalu:scan');
}

function scanOnce(matcher: Matcher): BenchSample {
  reset();
  const start = performance.now();
  // As the content script builds it (app.ts), name screen included.
  scanner = new Scanner(document, matcher, highlighter as Highlighter, {
    sliceMs: Number.POSITIVE_INFINITY,
    nameScreen: NAME_SCREEN,
  });
  void scanner.start();
  const ms = performance.now() - start;
  if (scanner.passes !== 1) throw new Error('the scan yielded: it must run in one go for the benchmark');
  const entries = performance.getEntriesByName('yalu:scan', 'measure');
  const detail = (entries[entries.length - 1] as PerformanceMeasure | undefined)?.detail as ScanDetail | undefined;
  if (!detail) throw new Error('no yalu:scan measure after the scan');
  return { ms, ...detail };
}

/** Runs `once` `times` times in a row; `ms` is the mean wall-clock time of one. */
function repeat(once: () => BenchSample, times: number): BenchSample {
  let total = 0;
  let last: BenchSample | undefined;
  for (let index = 0; index < times; index++) {
    last = once();
    total += last.ms;
  }
  return { ...(last as BenchSample), ms: total / times };
}

/**
 * Fresh matchers compiled ahead of timed cold scans by `arm(k)`, a call of its own, so a caller
 * timing `scan(k, true)` from outside (CPU time) times only the scans. Each is used once, so every
 * cold scan starts with an empty DFA, as the first scan on a page just loaded does.
 */
let armed: Matcher[] = [];

function arm(times = 1): void {
  armed = Array.from({ length: times }, () => createTopicMatcher(topics));
}

/**
 * `times` full scans in a row. Warm (the default): with the page's matcher, whose DFA the earlier
 * scans of this page have filled in, like every scan after the first in the content script. Cold:
 * each with a matcher compiled beforehand but never used (see `arm`).
 */
function scan(times = 1, cold = false): BenchSample {
  prepare();
  if (!cold) return repeat(() => scanOnce(pageMatcher as Matcher), times);
  if (armed.length < times) arm(times);
  const matchers = armed;
  armed = [];
  let index = 0;
  return repeat(() => scanOnce(matchers[index++] as Matcher), times);
}

function compile(times = 1): { ms: number } {
  const start = performance.now();
  for (let index = 0; index < times; index++) createTopicMatcher(topics);
  return { ms: (performance.now() - start) / times };
}

/**
 * Where a scan's time goes, for `--breakdown`: the walk alone (every run's text and node map
 * built, the matcher not called) and the matcher alone over the runs' texts (collected by an
 * untimed walk first, `collectRuns()`), with the page's matcher as in `scan()`.
 */
let collected: string[] = [];

function walkOnly(): BenchSample {
  const start = performance.now();
  let runs = 0;
  const walker = new RunWalker(root(), () => {
    runs++;
  });
  walker.walk();
  return { ms: performance.now() - start, ...walker.stats, matches: runs };
}

/** The cheap first look alone (candidates.ts): text nodes fed to the prefilter, shadow hosts found. */
function candidatesOnly(): BenchSample {
  prepare();
  const start = performance.now();
  const walker = new CandidateWalker(root(), new NameScreen(NAME_SCREEN), () => undefined);
  walker.walk();
  return { ms: performance.now() - start, ...walker.stats, matches: walker.blocks.size };
}

function collectRuns(): void {
  collected = [];
  new RunWalker(root(), (run) => collected.push(run.text)).walk();
}

function matchOnly(): BenchSample {
  prepare();
  const matcher = pageMatcher as Matcher;
  const cues = new Set<CueKey>();
  const start = performance.now();
  let matches = 0;
  for (const text of collected) {
    const result = matcher.scan(text, cues);
    for (const cue of result.cues) cues.add(cue);
    matches += result.matches.length;
  }
  return { ms: performance.now() - start, textNodes: 0, chars: 0, matches };
}

let markInstance: MarkInstance | undefined;

function markjs(keywords: string[]): Promise<{ ms: number; matches: number }> {
  const Mark = (globalThis as { Mark?: MarkConstructor }).Mark;
  if (!Mark) throw new Error('mark.js is not loaded');
  return new Promise((resolve) => {
    const start = performance.now();
    markInstance = new Mark(document.body);
    markInstance.mark(keywords, {
      separateWordSearch: false,
      accuracy: 'exactly',
      acrossElements: true,
      done: (matches: number) => resolve({ ms: performance.now() - start, matches }),
    });
  });
}

function unmark(): Promise<void> {
  return new Promise((resolve) => {
    if (!markInstance) {
      resolve();
      return;
    }
    markInstance.unmark({ done: () => resolve() });
    markInstance = undefined;
  });
}

const api = {
  prepare,
  floor: (times = 1) => repeat(floorOnce, times),
  arm,
  scan,
  compile,
  reset,
  walkOnly,
  candidatesOnly,
  collectRuns,
  matchOnly,
  markjs,
  unmark,
  /** A full collection, called between timed runs (never inside one). */
  gc: collectGarbage,
  /** Does nothing: the cost of a call from the benchmark, subtracted from the others. */
  noop: () => 0,
  /** Keeps the main thread busy for `ms`: finds this tab's renderer process. */
  busy: (ms: number) => {
    const end = performance.now() + ms;
    let spins = 0;
    while (performance.now() < end) spins++;
    return spins;
  },
  /** Whether performance.now() has its fine (5 µs) resolution here. */
  isolated: () => globalThis.crossOriginIsolated === true,
  /** The real classes, for profiling by hand from DevTools. */
  internals: { RunWalker, CandidateWalker, Scanner, Highlighter, createTopicMatcher, topics },
};

declare global {
  interface Window {
    yaluBench: typeof api;
  }
}

window.yaluBench = api;
