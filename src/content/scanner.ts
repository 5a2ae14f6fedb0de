/**
 * The page scanner: walks text runs, asks the matcher for mentions, turns them into Ranges and
 * hands them to the highlighter; keeps them right as the page changes.
 *
 * Work happens in passes: the first full scan, then one pass per batch of mutations. A pass is
 * cut into slices of a few milliseconds with a yield between them, so no task of ours comes near
 * the 50 ms long-task line, however large the page. Each pass ends with a `yalu:scan` User Timing
 * measure whose detail is `{ textNodes, chars, matches }`.
 *
 * Ambiguous names ("the 1961 treaty") wait in `pending` until the page has shown the cues their
 * topic needs (see src/matching/context.ts); page cues only grow until a navigation resets them.
 */
import type { TopicId } from '../knowledge/types';
import { type CueKey, countsOnPage, type Match, type Matcher, mergeCues } from '../matching';
import { NameScreen, type ScreenPatterns } from '../matching/screen';
import { CandidateWalker, prefilterStream } from './candidates';
import type { Highlighter } from './highlighter';
import {
  ancestorsThroughHosts,
  blockOf,
  childListLeavesRunsAlone,
  isEditable,
  isInSkippedSubtree,
  isSkipped,
  RunWalker,
  runPositions,
  type TextRun,
} from './text-runs';
import { yieldToPage } from './yield';

export interface Mention {
  readonly topic: TopicId;
  readonly range: Range;
  /** The block the mention was found in; a rescan of that block replaces it. */
  readonly block: Node;
}

interface PendingMention extends Mention {
  readonly match: Match;
}

/**
 * Whether an edit took a mark's text away (or left it collapsed), or its block. Text whose block
 * left the page lives on elsewhere only if moved, and its new block, rescanned, marks it again;
 * moved into a skipped subtree (a block wrapped in a textarea, then unwrapped there, in one
 * batch), nothing else drops it: no rescan, and no element of it taken out that is still on the
 * page. Found by scanner-fuzz.test.ts.
 */
function isStale({ range, block }: Mention): boolean {
  return range.collapsed || !range.startContainer.isConnected || !range.endContainer.isConnected || !block.isConnected;
}

export interface ScanDetail {
  textNodes: number;
  chars: number;
  matches: number;
}

/**
 * Work for a pass. `tree`: a whole tree (the page, an open shadow root) seen for the first time,
 * looked at cheaply first (candidates.ts). `block`: a subtree walked and matched exactly (changed
 * by a mutation, or the whole page when context needs it). `candidate`: a block where the cheap
 * look hit, walked exactly as part of its tree's pass.
 */
interface QueueEntry {
  readonly node: Node;
  readonly kind: 'tree' | 'block' | 'candidate';
}

export interface ScannerOptions {
  /**
   * The build's name screen (matching/screen.ts, `virtual:yalu-name-screen`): a whole tree's first
   * look reads through it rather than the matcher's prefilter automaton when the matcher has no
   * custom terms (the screen knows every topic's names, and no one's own).
   */
  nameScreen?: ScreenPatterns;
  /** Longest slice of work before yielding, in ms. */
  sliceMs?: number;
  /** Wait after a mutation before rescanning, in ms, so bursts become one pass. */
  mutationDelayMs?: number;
}

/** Whether `node` is `root` or inside it, looking through shadow roots to their hosts. */
function containsComposed(root: Node, node: Node): boolean {
  for (let current: Node | null = node; current; ) {
    if (current === root) return true;
    current = current.parentNode ?? (current.nodeType === 11 ? (current as ShadowRoot).host : null);
  }
  return false;
}

/** `node` and the shadow hosts above it, from the document's tree down to `node`'s own tree. */
function hostChain(node: Node): Node[] {
  const chain = [node];
  for (let root = node.getRootNode(); root.nodeType === 11; root = (root as ShadowRoot).host.getRootNode()) {
    chain.unshift((root as ShadowRoot).host);
  }
  return chain;
}

/**
 * Document order of two ranges' starts. Range.compareBoundaryPoints throws for ranges in
 * different trees (a mention in a shadow root and one in the document), so the ranges are
 * compared in the first tree where their chains of shadow hosts part.
 */
export function compareComposed(a: Range, b: Range): number {
  if (a.startContainer.getRootNode() === b.startContainer.getRootNode()) {
    return a.compareBoundaryPoints(Range.START_TO_START, b);
  }
  const chainA = hostChain(a.startContainer);
  const chainB = hostChain(b.startContainer);
  let level = 0;
  while (chainA[level] === chainB[level] && level < chainA.length - 1 && level < chainB.length - 1) level++;
  const nodeA = chainA[level] as Node;
  const nodeB = chainB[level] as Node;
  // One range lies in this tree itself: place it against the other's host by its boundary point.
  if (level === chainA.length - 1 && nodeA === a.startContainer) return a.comparePoint(nodeB, 0) >= 0 ? -1 : 1;
  if (level === chainB.length - 1 && nodeB === b.startContainer) return b.comparePoint(nodeA, 0) >= 0 ? 1 : -1;
  if (nodeA === nodeB) return 0;
  return nodeA.compareDocumentPosition(nodeB) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** Whether an ancestor of `node` (looking through shadow roots to their hosts) is in `set`. */
function hasComposedAncestorIn(node: Node, set: ReadonlySet<Node>): boolean {
  for (let current = node.parentNode ?? (node.nodeType === 11 ? (node as ShadowRoot).host : null); current; ) {
    if (set.has(current)) return true;
    current = current.parentNode ?? (current.nodeType === 11 ? (current as ShadowRoot).host : null);
  }
  return false;
}

/**
 * `containsComposed`, fast in the common case: the browser's own `contains` for a node in the
 * same tree, and the climb through shadow hosts only for a node inside a shadow root.
 */
function containsFast(root: Node, node: Node): boolean {
  if (root.contains(node)) return true;
  return node.getRootNode().nodeType === 11 && containsComposed(root, node);
}

/**
 * Runs longer than this many characters are matched in pieces of this size, between yields: the
 * matcher takes one run in one call, and a run can be a whole page (one text node of 10 MB took
 * one task of about 150 ms). Short runs, all of a normal page's, are matched whole as they come.
 */
const PIECE = 65_536;
/** Text either side of a piece that the matcher also sees: far longer than any name, so a name
 * across a seam is found whole, once (by the piece it starts in), with its word boundaries. */
const SEAM = 1_024;

/**
 * A long run waiting to be matched piece by piece; `next` is where the next piece starts. Its
 * matches are marked together once the last piece is done: every change to the marks of a text
 * node makes the browser prepare the paint of the whole node again (Chromium's PrePaint took about
 * 150 ms for one 10 MB text node), so they change once, not after every piece.
 */
interface LongRun {
  readonly run: TextRun;
  next: number;
  readonly found: Match[];
}

export class Scanner {
  private matcher: Matcher;
  private readonly mentions = new Set<Mention>();
  private pending: PendingMention[] = [];
  private pageCues = new Set<CueKey>();
  private readonly queue: QueueEntry[] = [];
  /** Whether every part of the page has been matched exactly since the last reset (see run). */
  private cuesComplete = false;
  /** Long runs the walk has found and the current root's pass has still to match. */
  private longRuns: LongRun[] = [];
  private running = false;
  private disposed = false;
  private observer: MutationObserver | undefined;
  private mutationTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly dirty = new Set<Node>();
  /** Where the walk under way stands while the pass yields (see `walkMoved`). */
  private waitingAt: Node | null = null;
  /**
   * Whether the node a waiting walk stands on, or an ancestor of it, was taken out of its place
   * (and maybe put back elsewhere) since the walk stopped. A walk resumes from wherever its node is
   * now: from a subtree moved further on it skipped the page in between, and from one moved into
   * another tree it ended there. `position.isConnected` and `RunWalker.intact` catch a subtree
   * taken away or put under another parent, not one moved among its siblings (found by the DOM
   * fuzz test); the mutation records see every move.
   */
  private walkMoved = false;
  /** The page's first look at a tree, while it waits (see onMutations). */
  private waitingLook: CandidateWalker | undefined;
  /** Elements taken from their parents since the last flush: some may have moved into a skipped subtree. */
  private readonly removed = new Set<Node>();
  private lastLocation: string;
  private readonly listeners = new Set<() => void>();
  private readonly sliceMs: number;
  private readonly nameScreen: ScreenPatterns | undefined;
  private readonly mutationDelayMs: number;
  private passCount = 0;

  constructor(
    private readonly doc: Document,
    matcher: Matcher,
    private readonly highlighter: Highlighter,
    options: ScannerOptions = {},
  ) {
    this.matcher = matcher;
    this.sliceMs = options.sliceMs ?? 8;
    this.nameScreen = options.nameScreen;
    this.mutationDelayMs = options.mutationDelayMs ?? 50;
    this.lastLocation = this.locationKey();
  }

  /** Scans the whole document and starts following its changes. */
  start(): Promise<void> {
    this.observe();
    return this.enqueue({ node: this.doc.body ?? this.doc.documentElement, kind: 'tree' });
  }

  /** Replaces the matcher (settings changed): every mark is dropped and the page scanned again. */
  setMatcher(matcher: Matcher): Promise<void> {
    this.matcher = matcher;
    return this.reset();
  }

  /** Called after every pass that changed the marks. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Counted mentions per topic. */
  counts(): Partial<Record<TopicId, number>> {
    const counts: Partial<Record<TopicId, number>> = {};
    for (const { topic } of this.mentions) counts[topic] = (counts[topic] ?? 0) + 1;
    return counts;
  }

  /** Counted mentions in document order, those inside shadow roots in their hosts' places. */
  orderedMentions(): Mention[] {
    return [...this.mentions].sort((a, b) => compareComposed(a.range, b.range));
  }

  /** Counted mentions, unordered: a live read-only view for lookups that need no sorting (hit-testing). */
  get currentMentions(): ReadonlySet<Mention> {
    return this.mentions;
  }

  get passes(): number {
    return this.passCount;
  }

  dispose(): void {
    this.disposed = true;
    this.observer?.disconnect();
    clearTimeout(this.mutationTimer);
    this.queue.length = 0;
    this.mentions.clear();
    this.pending = [];
    this.listeners.clear();
  }

  private locationKey(): string {
    const { pathname, search } = this.doc.location ?? { pathname: '', search: '' };
    return `${pathname}${search}`;
  }

  private reset(): Promise<void> {
    for (const mention of this.mentions) this.highlighter.delete(mention.topic, mention.range);
    this.mentions.clear();
    this.pending = [];
    this.pageCues = new Set();
    this.queue.length = 0;
    this.longRuns = [];
    this.dirty.clear();
    this.removed.clear();
    this.emit();
    return this.enqueue({ node: this.doc.body ?? this.doc.documentElement, kind: 'tree' });
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private observe(): void {
    const View = this.doc.defaultView;
    if (!View) return;
    this.observer = new View.MutationObserver((records) => this.onMutations(records));
    this.observer.observe(this.doc, { childList: true, characterData: true, subtree: true });
  }

  /** Observes an open shadow root too: its mutations are invisible to the document's observer. */
  private observeShadow(shadow: ShadowRoot): void {
    this.observer?.observe(shadow, { childList: true, characterData: true, subtree: true });
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.disposed) return;
    // The waiting walk's node and its ancestors, through shadow hosts: one climb per batch.
    const waitingUnder = this.waitingAt && !this.walkMoved ? ancestorsThroughHosts(this.waitingAt) : undefined;
    for (const record of records) {
      const { target } = record;
      if (waitingUnder) for (const removed of record.removedNodes) if (waitingUnder.has(removed)) this.walkMoved = true;
      const skippedTarget = isInSkippedSubtree(target);
      // Text put into a skipped subtree changes no run, so it brings no rescan; but the page's
      // first look, if it waits, knows only the skipped texts it found when it began, and would
      // read this one into its stream, where it split a name in two ("K<div contenteditable>
      // </div>orean War" was read "K orean War"). Found by the DOM fuzz test.
      if (this.waitingLook && record.addedNodes.length > 0) {
        for (const added of record.addedNodes) {
          if (skippedTarget || (added.nodeType === 1 && isSkipped(added as Element))) this.waitingLook.skip(added);
        }
      }
      if (skippedTarget) continue;
      if (record.type === 'characterData') {
        this.dirty.add(blockOf(target, this.doc));
        continue;
      }
      let needsBlock = record.removedNodes.length > 0;
      // An element taken out may have moved into a skipped subtree (an editor, a textarea, or a
      // shadow root under one, which is not even observed): no rescan drops its marks there, a
      // block taken out rescans no parent (`childListLeavesRunsAlone`) and a parent's rescan forgets only
      // what is still inside it. So `dropDetached` checks where it went. Found by the DOM fuzz
      // test (scanner-fuzz.test.ts).
      for (const removed of record.removedNodes) if (removed.nodeType === 1) this.removed.add(removed);
      for (const added of record.addedNodes) {
        if (added.nodeType === 1 && !isSkipped(added as Element)) {
          // A block added whole is a tree of runs of its own; inline content joins its parent's run.
          // A block also ends the run it lands in ("Korean<div></div> War"), so the parent is
          // rescanned too, unless it landed between runs (`childListLeavesRunsAlone` below: a feed's
          // appended stories). Found by the DOM fuzz test (scanner-fuzz.test.ts).
          if (blockOf(added, this.doc) === added) this.dirty.add(added);
          needsBlock = true;
        } else if (added.nodeType === 3 || (added.nodeType === 1 && isEditable(added as Element))) {
          // Text joins a run; an editable region, though never read, ends the run it lands in
          // (text-runs.ts), which may leave a name on each side ("Korean WarKorean War").
          needsBlock = true;
        }
      }
      // Blocks and white space put into (or taken from) a block between blocks change none of its
      // runs: rescanning the whole block for them made appending to a long feed quadratic.
      if (needsBlock && blockOf(target, this.doc) === target && childListLeavesRunsAlone(record)) needsBlock = false;
      if (needsBlock) this.dirty.add(blockOf(target, this.doc));
    }
    clearTimeout(this.mutationTimer);
    this.mutationTimer = setTimeout(() => this.flushMutations(), this.mutationDelayMs);
  }

  private flushMutations(): void {
    if (this.disposed) return;
    if (this.locationKey() !== this.lastLocation) {
      // Single-page navigation: a new article, whose context starts from nothing.
      this.lastLocation = this.locationKey();
      void this.reset();
      return;
    }
    this.dropDetached();
    const roots = new Set([...this.dirty].filter((node) => node.isConnected));
    this.dirty.clear();
    // A root inside another root is scanned with it. (One climb per root, not a test per pair: a
    // page that appends a thousand items at once makes a thousand roots.)
    const outermost = [...roots].filter((node) => !hasComposedAncestorIn(node, roots));
    // All at once: the batch is one pass, whose slices share their deadlines (enqueued one by one,
    // each root was a pass of its own that finished before the next was queued, never yielding).
    if (outermost.length > 0) void this.enqueue(...outermost.map((node): QueueEntry => ({ node, kind: 'block' })));
  }

  /** Removes marks whose text left the document, was edited to nothing or went into a skipped subtree. */
  private dropDetached(): void {
    let changed = false;
    if (this.removed.size > 0) {
      const before = this.mentions.size;
      for (const node of this.removed) if (node.isConnected && isInSkippedSubtree(node)) this.forgetInside(node);
      this.removed.clear();
      changed = this.mentions.size !== before;
    }
    for (const mention of this.mentions) {
      if (isStale(mention)) {
        this.highlighter.delete(mention.topic, mention.range);
        this.mentions.delete(mention);
        changed = true;
      }
    }
    // The same test as for marks: a waiting name left collapsed by an edit must not count later.
    this.pending = this.pending.filter((entry) => !isStale(entry));
    if (changed) this.emit();
  }

  private enqueue(...entries: QueueEntry[]): Promise<void> {
    this.queue.push(...entries);
    if (this.running) return this.idle ?? Promise.resolve();
    this.idle = this.run();
    return this.idle;
  }

  private idle: Promise<void> | undefined;

  private async run(): Promise<void> {
    this.running = true;
    const passStart = performance.now();
    const detail: ScanDetail = { textNodes: 0, chars: 0, matches: 0 };
    const before = this.mentions.size;
    let cuesGrew = false;
    let newPending = false;
    // One deadline for all the roots of a slice, not one per root: a batch of mutations can bring
    // hundreds of small roots, and together they must not make a long task either.
    let sliceEnd = performance.now() + this.sliceMs;
    const nextSlice = async (): Promise<boolean> => {
      await yieldToPage();
      sliceEnd = performance.now() + this.sliceMs;
      return !this.disposed;
    };
    const onRun = (run: TextRun): void => {
      if (run.text.length > PIECE) {
        this.longRuns.push({ run, next: 0, found: [] });
        return;
      }
      // Cue words the page has shown already are skipped by the matcher (see context.ts).
      const result = this.matcher.scan(run.text, this.pageCues);
      if (mergeCues(this.pageCues, result.cues)) cuesGrew = true;
      for (const match of result.matches) {
        if (this.addMatch(run, match)) detail.matches++;
        else if (match.needsContext && !match.excluded) newPending = true;
      }
    };
    try {
      while (this.queue.length > 0 && !this.disposed) {
        if (performance.now() > sliceEnd && !(await nextSlice())) return;
        const { node: root, kind } = this.queue.shift() as QueueEntry;
        // A root put into a skipped subtree (a textarea, an editor) after it was queued is not
        // walked: a walk reads below its root and never checks the root's ancestors. Found by the
        // DOM fuzz test (scanner-fuzz.test.ts).
        if (!root.isConnected || isInSkippedSubtree(root)) continue;
        if (kind === 'tree') {
          // A whole tree: the cheap look first (candidates.ts), the exact walk only where it hit.
          this.forgetInside(root);
          this.cuesComplete = false;
          const stream =
            this.nameScreen && this.matcher.customTermCount === 0
              ? new NameScreen(this.nameScreen)
              : prefilterStream(this.matcher.prefilter);
          const walker = new CandidateWalker(root, stream, (shadow) => {
            this.observeShadow(shadow);
            this.queue.push({ node: shadow, kind: 'tree' });
          });
          let restarted = false;
          while (!walker.walk(sliceEnd)) {
            this.waitFor(walker.position);
            this.waitingLook = walker;
            const resumes = await nextSlice();
            this.waitingLook = undefined;
            if (!resumes) return;
            if (this.resumed() || (walker.position && !walker.position.isConnected)) {
              // The part of the page we were in went away (or moved: see walkMoved) while we
              // yielded: look at the tree anew.
              this.queue.push({ node: root, kind: 'tree' });
              restarted = true;
              break;
            }
          }
          detail.textNodes += walker.stats.textNodes;
          detail.chars += walker.stats.chars;
          if (restarted) continue;
          // Only the outermost: a block's exact walk covers the blocks inside it.
          const blocks = [...walker.blocks].filter((block) => !hasComposedAncestorIn(block, walker.blocks));
          this.queue.unshift(...blocks.map((block): QueueEntry => ({ node: block, kind: 'candidate' })));
          continue;
        }
        // A candidate block was forgotten with its tree, and its shadow roots were found with it.
        if (kind === 'block') this.forgetInside(root);
        const walker = new RunWalker(
          root,
          onRun,
          kind === 'block'
            ? (shadow) => {
                this.observeShadow(shadow);
                this.queue.push({ node: shadow, kind: 'block' });
              }
            : undefined,
        );
        let restarted = false;
        for (;;) {
          const finished = walker.walk(sliceEnd);
          if (!finished) this.waitFor(walker.position);
          // The long runs found by this slice of the walk, a piece at a time, yielding as a walk does.
          while (this.longRuns.length > 0) {
            if (performance.now() > sliceEnd && !(await nextSlice())) return;
            const long = this.longRuns[0] as LongRun;
            const { run } = long;
            // Gone while we yielded, or put into a skipped subtree (a textarea, an editor), where
            // nothing is marked. (Text edited or removed meanwhile is a mutation of the block,
            // which is rescanned after this pass; addMatch keeps Ranges inside the text as it is.)
            if (!run.block.isConnected || isInSkippedSubtree(run.block)) {
              this.longRuns.shift();
              continue;
            }
            const from = long.next;
            const to = Math.min(from + PIECE, run.text.length);
            const offset = Math.max(0, from - SEAM);
            const result = this.matcher.scan(
              run.text.slice(offset, Math.min(run.text.length, to + SEAM)),
              this.pageCues,
            );
            if (mergeCues(this.pageCues, result.cues)) cuesGrew = true;
            for (const found of result.matches) {
              const start = found.start + offset;
              // Each name belongs to the piece it starts in; the seams only lend context.
              if (start < from || start >= to) continue;
              long.found.push({ ...found, start, end: found.end + offset });
            }
            long.next = to;
            if (to < run.text.length) continue;
            this.longRuns.shift();
            for (const match of long.found) {
              if (this.addMatch(run, match)) detail.matches++;
              else if (match.needsContext && !match.excluded) newPending = true;
            }
          }
          if (finished) break;
          if (!(await nextSlice())) return;
          const moved = this.resumed();
          // Put into a skipped subtree while we yielded (wrapped in a textarea, moved into an
          // editor): the rest is not walked, and what the walk marked before goes. The walk
          // never looks above its root, and the mutation's flush may have come before the marks
          // of this walk's last slice, so nothing else drops them. Found by the DOM fuzz test.
          if (isInSkippedSubtree(root)) {
            this.forgetInside(root);
            restarted = true;
            break;
          }
          // The part of the page we were in went away (or moved: see RunWalker.intact and
          // walkMoved) while we yielded: look at the page anew.
          if (moved || (walker.position && (!walker.position.isConnected || !walker.intact))) {
            this.queue.push({ node: this.doc.body ?? this.doc.documentElement, kind: 'tree' });
            restarted = true;
            break;
          }
        }
        if (kind === 'block' && !restarted) {
          detail.textNodes += walker.stats.textNodes;
          detail.chars += walker.stats.chars;
        }
      }
      if (!this.cuesComplete && this.pending.length > 0 && !this.disposed) {
        // An ambiguous name waits for cues that may be anywhere on the page, and the cheap look
        // skipped most of it: one exact walk of everything gathers them (rare: only pages with
        // such a name get here, once).
        this.cuesComplete = true;
        this.queue.push({ node: this.doc.body ?? this.doc.documentElement, kind: 'block' });
      } else if (cuesGrew || newPending) detail.matches += this.resolvePending();
    } finally {
      this.running = false;
    }
    this.passCount++;
    try {
      performance.measure('yalu:scan', { start: passStart, end: performance.now(), detail });
    } catch {
      // A page that replaced performance.measure: the marks still work.
    }
    if (this.mentions.size !== before || detail.matches > 0) this.emit();
    if (this.queue.length > 0 && !this.disposed) {
      this.idle = this.run();
      await this.idle;
    }
  }

  /** A walk stops at `position` until the pass resumes it (see walkMoved). */
  private waitFor(position: Node | null): void {
    this.waitingAt = position;
    this.walkMoved = false;
  }

  /** The walk resumes: returns whether its place moved while it waited. */
  private resumed(): boolean {
    const moved = this.walkMoved;
    this.waitingAt = null;
    this.walkMoved = false;
    return moved;
  }

  /** Forgets the marks inside `root`, which is about to be scanned again. */
  private forgetInside(root: Node): void {
    for (const mention of this.mentions) {
      if (containsFast(root, mention.block) || !mention.block.isConnected) {
        this.highlighter.delete(mention.topic, mention.range);
        this.mentions.delete(mention);
      }
    }
    // Like marks, waiting names whose block left the page go too: their text may live on in
    // another block (unwrapped, moved), which the rescan finds again, and the stale entry counted
    // later as a second mark or on collapsed text (found by scanner-fuzz.test.ts).
    this.pending = this.pending.filter((entry) => !containsFast(root, entry.block) && entry.block.isConnected);
  }

  /** Records a match; returns true when it counts now (false when it waits for context or never counts). */
  private addMatch(run: TextRun, match: Match): boolean {
    if (match.needsContext && match.excluded) return false;
    const [startNode, startOffset, endNode, endOffset] = runPositions(run, match.start, match.end);
    // A long run is matched across yields: text edited meanwhile may be shorter now. Its block is
    // rescanned for that edit; until then the mention waits for it.
    if (startOffset > startNode.length || endOffset > endNode.length) return false;
    const range = this.doc.createRange();
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset);
    const mention = { topic: match.topic, range, block: run.block };
    if (match.needsContext && !countsOnPage(match, this.pageCues)) {
      this.pending.push({ ...mention, match });
      return false;
    }
    this.mentions.add(mention);
    this.highlighter.add(match.topic, range);
    return true;
  }

  /** Marks the waiting ambiguous names whose context the page has now shown. */
  private resolvePending(): number {
    let added = 0;
    this.pending = this.pending.filter((entry) => {
      if (!countsOnPage(entry.match, this.pageCues)) return true;
      const mention: Mention = { topic: entry.topic, range: entry.range, block: entry.block };
      this.mentions.add(mention);
      this.highlighter.add(entry.topic, entry.range);
      added++;
      return false;
    });
    return added;
  }
}
