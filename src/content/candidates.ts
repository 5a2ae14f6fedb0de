/**
 * The first look at a whole tree (a page, or an open shadow root): which blocks may hold a mention.
 *
 * Most pages name none of our topics, and there the content script should cost little more than
 * reading the page's text once. This walk is that read: the browser's own TreeWalker over text
 * nodes only (elements are stepped over natively, not one property read at a time), each node's
 * text fed to the matcher's prefilter (compile.ts) as one stream, with no run built, no string
 * joined and no Range made. Only where the prefilter hits is the block around the text node
 * walked again the exact way (text-runs.ts) and matched for real.
 *
 * Why that finds every mention the exact walk finds: a run's text is its nodes' texts in document
 * order, with "\n" for a <br>, and without skipped subtrees (an editable region also ends the
 * run). This walk feeds the same texts in the same order (a separator before the first text after
 * a <br>; the texts of the elements skipped by name left out, those of editable regions read, as
 * they stand between runs), so each run is a stretch of the stream, and the prefilter is a
 * superset of the matcher over any text that contains a run (tests/unit/matching/property.test.ts).
 * All nodes of a run share one block, so the block of the node where a hit ends holds the mention.
 *
 * It also finds the open shadow roots, which no text walk sees: one native query for the tree's
 * elements, each asked for its `shadowRoot`.
 */
// From the module itself, not ../matching, whose index pulls in the names (the lookout goes without).
import { HIT_FLAG, type Prefilter } from '../matching/compile';
import { blockOf, isInSkippedSubtree, SKIPPED_NAMES } from './text-runs';

/** How much text is fed between two looks at the clock (a 10 MB node stays sliced). */
const CHUNK = 1 << 16;
/** A text node longer than this is a candidate without being read (see walkText). */
const HUGE = 1 << 20;
/** Text nodes are joined into batches of about this many characters. */
const BATCH = 1 << 14;

interface Batch {
  readonly text: string;
  /** The batch's first text node, and how many were read into it from there. */
  readonly first: Node;
  readonly count: number;
  /**
   * Each node and where its text starts in `text`: made only when the screen hits, or before the
   * walk yields with the batch half fed (see `nodeMap`). Two arrays filled for every text node of
   * every page cost more than a tenth of the whole look, and almost no batch ever needs them.
   */
  map?: { readonly nodes: readonly Node[]; readonly starts: readonly number[] };
  /** How far `text` has been fed. */
  offset: number;
}

/**
 * What the walk reads the page's text through, as one stream of pieces: the matcher's prefilter
 * (`prefilterStream`) or the lookout's name screen (matching/screen.ts).
 */
export interface StreamScreen {
  /**
   * Reads `text[from, to)` as the stream's next piece, and pushes to `hits` the index in `text`
   * of each unit where a possible mention ends.
   */
  read(text: string, from: number, to: number, hits: number[]): void;
}

/** The matcher's prefilter automaton as a stream screen: its state carries from piece to piece. */
export function prefilterStream(prefilter: Prefilter): StreamScreen {
  let state = 0;
  return {
    read(text, from, to, hits) {
      state = prefilter.feed(text, state, from, to, hits) & ~HIT_FLAG;
    },
  };
}

/** Index of the last entry of sorted `starts` that is <= `offset`. */
function nodeAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

export class CandidateWalker {
  readonly stats = { textNodes: 0, chars: 0 };
  /** Blocks where the prefilter hit, in document order (nested ones included). */
  readonly blocks = new Set<Node>();
  private readonly walker: TreeWalker;
  /** Texts of skipped subtrees, which the walk drops. */
  private readonly skippedTexts = new Set<Node>();
  /** First texts after a <br>: a separator goes into the stream before each. */
  private readonly afterBreak = new Set<Node>();
  /** Text read from the page and not yet fed in full (fed in chunks, so a 10 MB node stays sliced). */
  private batch: Batch | undefined;
  /** Finding the skipped texts and the breaks, resumable (a huge page has thousands of them). */
  private preparing: Generator<void, void, void> | undefined;
  private elements: TreeWalker | undefined;
  private done = false;

  constructor(
    private readonly root: Node,
    private readonly screen: StreamScreen,
    private readonly onShadowRoot: (shadow: ShadowRoot) => void,
  ) {
    const doc = (root.ownerDocument ?? root) as Document;
    this.walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    this.preparing = this.collectSkipped(doc);
  }

  get finished(): boolean {
    return this.done;
  }

  /** The node the walk stands on; a caller checks it is still in the document after a yield. */
  get position(): Node | null {
    return this.done ? null : this.walker.currentNode;
  }

  /**
   * The texts the exact walk never reads inside skipped elements (script, style, svg…), found by
   * tag through getElementsByTagName (the browser answers from its own caches; one selector list
   * with every name was measured 50 times slower on large pages). Editable regions are not looked
   * for: the one attribute query that finds them went through every element of the page (as much
   * as all the tags together, about 2.4 ms over the 26 saved pages), and their texts can stay in
   * the stream, because the exact walk ends a run at an editable region (text-runs.ts). A hit
   * inside one is dropped at `hit`.
   */
  private *collectSkipped(doc: Document): Generator<void, void, void> {
    const root = this.root as Node & Partial<ParentNode & Element>;
    if (typeof root.querySelectorAll !== 'function') return;
    const skipped = this.skippedTexts;
    /** The <br>s inside skipped elements (the fallback of a <video>): no separators of the runs around them. */
    const skippedBreaks = new Set<Element>();
    const collect = (element: Element): void => {
      const first = element.firstChild;
      if (!first) return;
      // Most skipped elements are scripts and styles, each holding one text: no walker for those
      // (a walker for each of a page's hundred scripts cost more than the rest of this look).
      if (first.nodeType === 3 && first === element.lastChild) {
        skipped.add(first);
        return;
      }
      const texts = doc.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let text = texts.nextNode(); text; text = texts.nextNode()) skipped.add(text);
      // Found here, from the few skipped elements that hold elements, rather than by a climb from
      // every <br> of the page to its root (a sixth of this preparing, summed over the 26 saved pages).
      if (element.firstElementChild) {
        const breaks = element.getElementsByTagName('br');
        for (let index = 0; index < breaks.length; index++) skippedBreaks.add(breaks[index] as Element);
      }
    };
    // A shadow root has no getElementsByTagName.
    const byTag = (name: string): ArrayLike<Element> =>
      typeof root.getElementsByTagName === 'function'
        ? root.getElementsByTagName(name)
        : (root as ParentNode).querySelectorAll(name);
    for (const name of SKIPPED_NAMES) {
      const elements = byTag(name);
      for (let index = 0; index < elements.length; index++) {
        collect(elements[index] as Element);
        // A look at the clock every 32 elements, not after each (a page has a hundred scripts).
        if ((index & 31) === 31) yield;
      }
      // Each name is a pass over the whole tree in the browser (about 1 ms on a page of 100,000
      // elements): without a look at the clock between them, the names no page has made one task
      // of 37 ms there.
      yield;
    }
    const breaks = byTag('br');
    if (breaks.length === 0) return;
    const after = doc.createTreeWalker(this.root, NodeFilter.SHOW_TEXT);
    for (let index = 0; index < breaks.length; index++) {
      const br = breaks[index] as Element;
      // A <br> inside a skipped element is no separator of the runs around it: the exact walk
      // never enters there.
      if (skippedBreaks.has(br)) continue;
      after.currentNode = br;
      let next = after.nextNode();
      // The separator goes before the next text that is read: one in a skipped element right after
      // the <br> ("Korean<br><style>…</style>War") is dropped from the stream, and the separator
      // with it, so the stream said "KoreanWar" where the exact run says "Korean\nWar".
      while (next && skipped.has(next)) next = after.nextNode();
      if (next) this.afterBreak.add(next);
      if ((index & 63) === 63) yield;
    }
  }

  /**
   * Leaves out the texts of `node` (put into a skipped subtree, or skipped itself) from the rest
   * of the walk: the skipped texts are found when the walk begins, and the page may add more while
   * it waits.
   */
  skip(node: Node): void {
    if (node.nodeType === 3) {
      this.skippedTexts.add(node);
      return;
    }
    const doc = (this.root.ownerDocument ?? this.root) as Document;
    const texts = doc.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) this.skippedTexts.add(text);
  }

  /**
   * Walks until the tree is done or `deadline` (a performance.now() value) passes; returns true
   * when finished. Then come the shadow hosts, sliced the same way.
   */
  walk(deadline = Number.POSITIVE_INFINITY): boolean {
    while (this.preparing) {
      if (this.preparing.next().done) this.preparing = undefined;
      else if (performance.now() > deadline) return false;
    }
    if (!this.walkText(deadline)) return false;
    if (!this.findShadowRoots(deadline)) return false;
    this.done = true;
    return true;
  }

  private walkText(deadline: number): boolean {
    if (this.batch && !this.feedBatch(deadline)) return false;
    const walker = this.walker;
    const skipped = this.skippedTexts.size > 0 ? this.skippedTexts : undefined;
    const afterBreak = this.afterBreak.size > 0 ? this.afterBreak : undefined;
    // Joined with `+=` (the engine's ropes, flattened once when the screen reads them): a little
    // faster than an array of pieces and `join`.
    let text = '';
    let first: Node | null = null;
    let count = 0;
    let textNodes = 0;
    let steps = 0;
    let finished = true;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (skipped?.has(node)) continue;
      const data = (node as Text).data;
      textNodes++;
      // A huge text node goes straight to the exact walk, unscreened: it is surely a candidate,
      // and reading it twice (screen, then the run) doubled the work of its pass (a 10 MB node
      // made a task over 50 ms). (Its `length` alone was read first, as `data` copies the text in
      // Firefox; but that is a second call into the DOM for every text node of every page, about
      // a tenth of the walk, for a copy that only a text of a megabyte makes worth avoiding.)
      if (data.length > HUGE) {
        this.stats.chars += data.length;
        this.blocks.add(blockOf(node, this.root));
        continue;
      }
      if (afterBreak?.has(node)) text += ' ';
      first ??= node;
      count++;
      text += data;
      // A batch is screened when it is full, or when the slice's time is up (the clock is read
      // every 128 nodes). Screening every 128 nodes made a page of 40 kB of text 16 small batches,
      // and the first few of them paid for the screen's RegExps being compiled again (once for
      // each string encoding, one-byte and two-byte, and again when the engine tiers up).
      if (text.length >= BATCH || ((++steps & 127) === 0 && performance.now() > deadline)) {
        this.batch = { text, first, count, offset: 0 };
        this.stats.chars += text.length;
        text = '';
        first = null;
        count = 0;
        if (!this.feedBatch(deadline) || performance.now() > deadline) {
          finished = false;
          break;
        }
      }
    }
    if (first) {
      this.batch = { text, first, count, offset: 0 };
      this.stats.chars += text.length;
      if (!this.feedBatch(deadline)) finished = false;
    }
    this.stats.textNodes += textNodes;
    return finished;
  }

  /**
   * The batch's text nodes and where each one's text starts, read again from its first node the
   * way walkText read them (the same texts left out, the same separators). Only ever while the
   * page is as it was when the batch was read: at a hit, or before a yield in the middle of the
   * batch (after which the page may have changed, so the map is made first and kept).
   */
  private nodeMap(batch: Batch): NonNullable<Batch['map']> {
    if (batch.map) return batch.map;
    const doc = (this.root.ownerDocument ?? this.root) as Document;
    const walker = doc.createTreeWalker(this.root, NodeFilter.SHOW_TEXT);
    walker.currentNode = batch.first;
    const skipped = this.skippedTexts;
    const afterBreak = this.afterBreak;
    const nodes: Node[] = [];
    const starts: number[] = [];
    let length = 0;
    for (let node: Node | null = batch.first; node && nodes.length < batch.count; node = walker.nextNode()) {
      if (skipped.has(node)) continue;
      const size = (node as Text).length;
      if (size > HUGE) continue;
      if (afterBreak.has(node)) length++;
      nodes.push(node);
      starts.push(length);
      length += size;
    }
    batch.map = { nodes, starts };
    return batch.map;
  }

  /**
   * Feeds the batch (joined: the prefilter reads a flat string about twice as fast as the
   * browser's own text strings, one call each) a chunk at a time until the deadline.
   */
  private feedBatch(deadline: number): boolean {
    const batch = this.batch as Batch;
    const { text } = batch;
    const hits: number[] = [];
    while (batch.offset < text.length) {
      const from = batch.offset;
      const to = Math.min(from + CHUNK, text.length);
      hits.length = 0;
      this.screen.read(text, from, to, hits);
      if (hits.length > 0) {
        const { nodes, starts } = this.nodeMap(batch);
        for (const index of hits) this.hit(nodes[nodeAt(starts, index)] as Node);
      }
      batch.offset = to;
      if (batch.offset < text.length && performance.now() > deadline) {
        // The rest is fed after a yield, when the page may have changed: map it while it is as read.
        this.nodeMap(batch);
        break;
      }
    }
    if (batch.offset < text.length) return false;
    this.batch = undefined;
    return true;
  }

  private hit(node: Node): void {
    // The skipped list is from the walk's start: a subtree skipped since then is checked here.
    if (!isInSkippedSubtree(node)) this.blocks.add(blockOf(node, this.root));
  }

  private findShadowRoots(deadline: number): boolean {
    // A TreeWalker over elements rather than querySelectorAll('*'): resumable, so a page of a
    // hundred thousand elements is gone through in slices, and no list of them all is built.
    const doc = (this.root.ownerDocument ?? this.root) as Document;
    if (!this.elements) {
      // The walk starts below the root, so a shadow root on the root itself (the <body>, which a
      // page may make a shadow host) is reported here, as RunWalker does.
      const own = this.root.nodeType === 1 ? (this.root as Element).shadowRoot : null;
      if (own && !isInSkippedSubtree(own.host)) this.onShadowRoot(own);
      this.elements = doc.createTreeWalker(this.root, NodeFilter.SHOW_ELEMENT);
    }
    const elements = this.elements;
    let steps = 0;
    for (let element = elements.nextNode(); element; element = elements.nextNode()) {
      const shadow = (element as Element).shadowRoot;
      if (shadow && !isInSkippedSubtree(shadow.host)) this.onShadowRoot(shadow);
      // Every 128 elements: each `shadowRoot` read makes the element's wrapper in this world, cold
      // on a first look (1,024 between looks at the clock made a 40 ms task of 100,000 elements).
      if ((++steps & 127) === 0 && performance.now() > deadline) return false;
    }
    return true;
  }
}
