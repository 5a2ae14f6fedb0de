/**
 * The content script's first look at a page, and its watch over the page's changes, before any of
 * the code that marks is loaded (DESIGN.md: a page with no mention pays under 5 ms).
 *
 * Most pages name none of our topics. On those, all the content script does is this: read the
 * page's text once through the prefilter of every name (candidates.ts: the browser's TreeWalker,
 * texts fed in batches to a small automaton), record the pass as a `yalu:scan` measure, and watch
 * for changes with one MutationObserver, looking again only at the blocks that changed. The code
 * that matches exactly, marks, and shows cards (marker.ts: about six times the size of this one)
 * is never compiled there.
 *
 * The first time the prefilter hits, the lookout stops and wakes the marker (the background runs
 * it into this frame), which scans the page itself from the start. The prefilter is a superset
 * of every matcher (tests/unit/matching/property.test.ts), so waking may be for nothing (a name
 * that turns out to need context it lacks, a disabled topic), never too late.
 */
import { CandidateWalker, type StreamScreen } from './candidates';
import { ancestorsThroughHosts, blockOf, childListLeavesRunsAlone, isInSkippedSubtree, isSkipped } from './text-runs';
import { yieldToPage } from './yield';

/** Why the marker was woken: recorded on the `yalu:wake` mark, for whoever asks why it loaded. */
export type WakeReason = 'mention' | 'leftovers' | 'custom-terms' | 'message';

export interface LookoutOptions {
  /** Called once, the first time the lookout sees a possible mention; it has stopped by then. */
  readonly onHit: () => void;
  /** Called after each pass that found nothing, with what it read. */
  readonly onPass?: (detail: { readonly textNodes: number; readonly chars: number }) => void;
  /**
   * Whether the extension is still there, asked only when the lookout would wake the marker: an
   * orphan (its extension updated or removed) looks on until its next hit, where it stops and
   * calls nothing. Asked at every change, it made the first change of every page and frame pay for
   * the browser building its `runtime` binding (about 0.5 ms).
   */
  readonly alive?: () => boolean;
  /** Work per slice before the page gets a turn (ms). */
  readonly sliceMs?: number;
  /** Changes are gathered this long before a look (ms), as the scanner does. */
  readonly mutationDelayMs?: number;
}

const OBSERVED: MutationObserverInit = { childList: true, characterData: true, subtree: true };

export class Lookout {
  private readonly observer: MutationObserver | undefined;
  /** Trees and blocks waiting for a look, in the order they came. */
  private readonly queue: Node[] = [];
  /**
   * What is in `queue`, so that a block changed many times is looked at once. A node leaves it when
   * its look begins: changed again after that, it is queued again (a set of the nodes looked at in
   * the pass kept out a block changed behind the walk, or during it, until the next change).
   */
  private readonly queued = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Where the walk under way stands while it waits for its next slice. */
  private waitingAt: Node | null = null;
  /**
   * Whether the node a waiting walk stands on, or an ancestor of it, was taken from its place
   * (and maybe put back elsewhere) since the walk stopped, as the mutation records tell. A walk
   * resumes from wherever its node is now: from a subtree moved further on it skipped the text in
   * between, which no mutation queues, and from one taken away it ended there (found by
   * lookout-fuzz.test.ts). The scanner restarts such a walk the same way.
   */
  private walkMoved = false;
  private running = false;
  private stopped = false;
  private passes = 0;
  private readonly sliceMs: number;
  private readonly mutationDelayMs: number;

  constructor(
    private readonly doc: Document,
    /** A new screen for each walk (a screen carries its stream's state). */
    private readonly newScreen: () => StreamScreen,
    private readonly options: LookoutOptions,
  ) {
    this.sliceMs = options.sliceMs ?? 8;
    this.mutationDelayMs = options.mutationDelayMs ?? 50;
    const View = doc.defaultView;
    if (View) {
      this.observer = new View.MutationObserver((records) => this.onMutations(records));
      this.observer.observe(doc, OBSERVED);
    }
  }

  /** Passes finished without a hit. */
  get passCount(): number {
    return this.passes;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Looks at the whole page; resolves when that pass is over (or the lookout stopped). */
  start(): Promise<void> {
    this.enqueue(this.doc.body ?? this.doc.documentElement);
    return this.run();
  }

  private enqueue(node: Node): void {
    if (this.queued.has(node)) return;
    this.queued.add(node);
    this.queue.push(node);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.observer?.disconnect();
    clearTimeout(this.timer);
    this.queue.length = 0;
    this.queued.clear();
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.stopped) return;
    // The waiting walk's node and its ancestors, through shadow hosts: one climb per batch.
    const waitingUnder = this.waitingAt && !this.walkMoved ? ancestorsThroughHosts(this.waitingAt) : undefined;
    for (const record of records) {
      const { target } = record;
      if (waitingUnder) for (const removed of record.removedNodes) if (waitingUnder.has(removed)) this.walkMoved = true;
      // Typing into an editor or a text field changes nothing the marker would mark.
      if (isInSkippedSubtree(target)) continue;
      if (record.type === 'characterData') {
        this.enqueue(blockOf(target, this.doc));
        continue;
      }
      if (blockOf(target, this.doc) === target && childListLeavesRunsAlone(record)) {
        // Stories appended to a feed: each is a tree of runs of its own, the rest is as it was.
        for (const added of record.addedNodes) {
          if (added.nodeType === 1 && !isSkipped(added as Element)) this.enqueue(added);
        }
      } else {
        // Inline content added or taken away joins the text around it: the whole block again.
        this.enqueue(blockOf(target, this.doc));
      }
    }
    if (this.queue.length === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), this.mutationDelayMs);
  }

  /** Looks at what is queued, in slices, until a hit or the queue is empty. */
  private async run(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    const passStart = performance.now();
    const detail = { textNodes: 0, chars: 0, matches: 0 };
    try {
      while (this.queue.length > 0) {
        const root = this.queue.shift() as Node;
        this.queued.delete(root);
        // A block that left the page.
        if (!root.isConnected) continue;
        const walker = new CandidateWalker(root, this.newScreen(), (shadow) => {
          this.observer?.observe(shadow, OBSERVED);
          this.enqueue(shadow);
        });
        let restarted = false;
        while (!walker.walk(performance.now() + this.sliceMs)) {
          // A hit is enough: the marker scans the page itself, so the rest of this look is moot.
          if (walker.blocks.size > 0) break;
          this.waitingAt = walker.position;
          this.walkMoved = false;
          await yieldToPage();
          this.waitingAt = null;
          if (this.stopped) return;
          if (this.walkMoved || (walker.position && !walker.position.isConnected)) {
            // The part of the tree the walk was in moved or went away: the tree again, from its start.
            this.enqueue(root);
            restarted = true;
            break;
          }
        }
        if (restarted) continue;
        detail.textNodes += walker.stats.textNodes;
        detail.chars += walker.stats.chars;
        if (walker.blocks.size > 0) {
          this.stop();
          if (!this.options.alive || this.options.alive()) this.options.onHit();
          return;
        }
      }
    } finally {
      this.running = false;
      this.waitingAt = null;
    }
    this.passes++;
    try {
      performance.measure('yalu:scan', { start: passStart, end: performance.now(), detail });
    } catch {
      // A page that replaced performance.measure: nothing depends on the measure.
    }
    this.options.onPass?.(detail);
    // Changes that came while this pass ran.
    if (this.queue.length > 0 && !this.stopped) await this.run();
  }
}
