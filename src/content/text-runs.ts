/**
 * DOM to text runs. A run is the text of one block, joined across inline elements
 * (`Korean <em>War</em>`, a link around half a name) but never across block boundaries, with
 * the map back from run offsets to (Text node, offset) pairs that Ranges need.
 *
 * The walk is an explicit-stack traversal over firstChild/nextSibling rather than a TreeWalker
 * with a filter callback: it sees both entering and leaving an element (so a run ends exactly
 * where its block ends) and costs one property read per node instead of a JS callback.
 * It can stop after a time budget and resume later, so a huge page never blocks the main thread.
 */

/** Elements whose content a reader does not read as prose, or that we must not touch. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'optgroup',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'head',
  'title',
  'yalu-lens',
]);

/** Elements that flow inside a line: a name may straddle them. Everything else ends a run. */
const INLINE = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'ruby',
  'rb',
  'rt',
  'rp',
  'img',
  'br',
]);

export interface TextRun {
  /** The element the run belongs to: its nearest block ancestor (or the walk's root). */
  readonly block: Node;
  readonly text: string;
  readonly nodes: readonly Text[];
  /** `starts[i]` is where `nodes[i]`'s data begins in `text`. */
  readonly starts: readonly number[];
}

export interface WalkStats {
  textNodes: number;
  chars: number;
}

/** The names of the skipped elements (candidates.ts looks them up by tag). */
export const SKIPPED_NAMES: readonly string[] = [...SKIPPED];

export function isEditable(element: Element): boolean {
  const value = element.getAttribute('contenteditable');
  return value !== null && value.toLowerCase() !== 'false';
}

/**
 * Whether `element` and its subtree are left alone. `contenteditable` is read only on elements
 * that carry attributes at all, which keeps the common case to one cheap check.
 */
export function isSkipped(element: Element): boolean {
  return SKIPPED.has(element.localName) || (element.hasAttributes() && isEditable(element));
}

function isBlock(element: Element): boolean {
  return !INLINE.has(element.localName);
}

/**
 * The only elements that can host a shadow root (DOM standard, attachShadow): autonomous custom
 * elements (a name with a dash) and these. The walk reads `shadowRoot` on them alone.
 */
const SHADOW_HOSTS = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);

/** The editable elements under `root` (rare: most pages have none, and then nothing is checked). */
function editablesIn(root: Node): Set<Element> | undefined {
  const query = (root as Partial<ParentNode>).querySelectorAll;
  if (typeof query !== 'function') return undefined;
  const editables = new Set<Element>();
  for (const element of query.call(root, '[contenteditable]')) if (isEditable(element)) editables.add(element);
  return editables.size > 0 ? editables : undefined;
}

/**
 * A resumable walk over `root`'s subtree (not into shadow roots: those are separate trees and
 * reported through `onShadowRoot` so the caller can walk them with their own styles).
 *
 * Speed: the walk runs on every page, so it reads as few DOM properties as it can (each read is a
 * call into the browser): an element's name once, `shadowRoot` only where one can exist, the
 * `contenteditable` elements found once up front by one native query; whether a parent it climbs
 * back to is a block comes from its own stack, not from the DOM. A run's text is kept as pieces
 * and joined once, so the matcher gets a flat string (a string grown with `+=` is a rope, which
 * V8 reads about twice as slowly character by character).
 */
export class RunWalker {
  private node: Node | null;
  private pieces: string[] = [];
  private length = 0;
  private nodes: Text[] = [];
  private starts: number[] = [];
  /** Nearest block ancestor of the walk position, innermost last. */
  private readonly blocks: Node[];
  /** For each element entered and not yet left, innermost last: whether it is a block. */
  private readonly entered: boolean[] = [];
  private editables: Set<Element> | undefined;
  /** The walk stopped at a deadline at least once (and the page may have changed since). */
  private paused = false;
  /** Where it stopped last: the position's parent, its parent and so on up to the root (or null). */
  private pausedUnder: (Node | null)[] = [];
  private done = false;
  readonly stats: WalkStats = { textNodes: 0, chars: 0 };

  constructor(
    private readonly root: Node,
    private readonly onRun: (run: TextRun) => void,
    private readonly onShadowRoot: (shadow: ShadowRoot) => void = () => undefined,
  ) {
    this.blocks = [root];
    this.node = root.nodeType === Node.TEXT_NODE ? root : root.firstChild;
    if (root.nodeType === Node.TEXT_NODE) this.blocks[0] = root.parentNode ?? root;
    this.editables = editablesIn(root);
    // The walk starts below `root`, so it would never see a shadow root on `root` itself: a web
    // component (or any host) added to the page is rescanned as a root of its own, and its shadow
    // tree went unmarked (found by the DOM fuzz test, tests/unit/content/scanner-fuzz.test.ts).
    const shadow = root.nodeType === Node.ELEMENT_NODE ? (root as Element).shadowRoot : null;
    if (shadow) onShadowRoot(shadow);
  }

  get finished(): boolean {
    return this.done;
  }

  /** The node the walk will visit next; a caller checks it is still in the document. */
  get position(): Node | null {
    return this.node;
  }

  /**
   * Whether the walk can resume where it stopped: its position is still below the same ancestors.
   * A subtree moved while the walk waited, even within the root, resumed in its new place, walked
   * the page after it a second time (double marks) and took blocks from a stack that no longer
   * matched. Found by the DOM fuzz test (tests/unit/content/scanner-fuzz.test.ts).
   */
  get intact(): boolean {
    let current = this.node?.parentNode ?? null;
    for (const ancestor of this.pausedUnder) {
      if (current !== ancestor) return false;
      if (current === null || current === this.root) return true;
      current = current.parentNode;
    }
    return true;
  }

  /**
   * Walks until the subtree is done or `deadline` (a performance.now() value) passes.
   * Returns true when the walk is finished.
   */
  walk(deadline = Number.POSITIVE_INFINITY): boolean {
    let node = this.node;
    let steps = 0;
    let textNodes = 0;
    let chars = 0;
    const root = this.root;
    const entered = this.entered;
    // Resuming after a yield: the page may have added editable regions meanwhile, which a walk
    // that knew only the first ones marked inside (found by scanner-fuzz.test.ts). One query per
    // slice, not per element.
    if (this.paused) this.editables = editablesIn(root);
    const editables = this.editables;
    while (node) {
      if ((++steps & 255) === 0 && performance.now() > deadline) {
        this.node = node;
        this.paused = true;
        this.pausedUnder = [];
        for (let above = node.parentNode; ; above = above.parentNode) {
          this.pausedUnder.push(above);
          if (above === null || above === root) break;
        }
        this.stats.textNodes += textNodes;
        this.stats.chars += chars;
        return false;
      }
      let child: Node | null = null;
      const type = node.nodeType;
      if (type === 3) {
        const data = (node as Text).data;
        textNodes++;
        chars += data.length;
        this.nodes.push(node as Text);
        this.starts.push(this.length);
        this.pieces.push(data);
        this.length += data.length;
      } else if (type === 1) {
        const element = node as Element;
        const name = element.localName;
        if (SKIPPED.has(name)) {
          // Left out, and the run goes on around it ("Korean <script>…</script>War").
        } else if (editables?.has(element)) {
          // An editable region is left out too, but ends the run it sits in, as a block does: so
          // each run is a stretch of the first look's stream (candidates.ts), which reads the
          // regions' texts rather than asking the whole page for them (one attribute query cost
          // about as much as all the rest of the first look's preparing).
          this.flush();
        } else {
          const block = !INLINE.has(name);
          if (name === 'br') {
            this.pieces.push('\n');
            this.length += 1;
          } else if (block) {
            this.flush();
            this.blocks.push(element);
          }
          if (SHADOW_HOSTS.has(name) || name.includes('-')) {
            const shadow = element.shadowRoot;
            if (shadow) this.onShadowRoot(shadow);
          }
          child = element.firstChild;
          if (child !== null) entered.push(block);
          else if (block) this.leave(element);
        }
      }
      if (child !== null) {
        node = child;
        continue;
      }
      // Climb until there is a next sibling, leaving each block on the way up.
      for (;;) {
        if (node === root) {
          node = null;
          break;
        }
        const sibling: Node | null = (node as Node).nextSibling;
        if (sibling !== null) {
          node = sibling;
          break;
        }
        node = (node as Node).parentNode;
        if (node === null || node === root) {
          node = null;
          break;
        }
        // Ancestors on this path were entered, so none is skipped: only blocks matter here. (The
        // stack is empty only if the DOM moved under a resumed walk; then ask the element.)
        const wasBlock = entered.length > 0 ? entered.pop() : node.nodeType === 1 && isBlock(node as Element);
        if (wasBlock) this.leave(node);
      }
    }
    this.node = null;
    this.stats.textNodes += textNodes;
    this.stats.chars += chars;
    this.flush();
    this.done = true;
    return true;
  }

  private leave(element: Node): void {
    this.flush();
    if (this.blocks[this.blocks.length - 1] === element) this.blocks.pop();
  }

  private flush(): void {
    const pieces = this.pieces;
    if (this.nodes.length === 0) {
      if (pieces.length > 0) this.pieces = [];
      this.length = 0;
      return;
    }
    const block = this.blocks[this.blocks.length - 1] ?? this.root;
    const text = pieces.length === 1 ? (pieces[0] as string) : pieces.join('');
    this.onRun({ block, text, nodes: this.nodes, starts: this.starts });
    this.pieces = [];
    this.length = 0;
    this.nodes = [];
    this.starts = [];
  }
}

/** Index of the last entry of sorted `starts` that is <= `offset` (or < when `strict`). */
function nodeIndexAt(starts: readonly number[], offset: number, strict: boolean): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    const start = starts[mid] as number;
    if (strict ? start < offset : start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The DOM positions of run offsets [start, end). A start that falls on a separator between
 * nodes (a <br>) moves to the next node; an end moves back to the previous one.
 */
export function runPositions(run: TextRun, start: number, end: number): [Text, number, Text, number] {
  let first = nodeIndexAt(run.starts, start, false);
  let startNode = run.nodes[first] as Text;
  let startOffset = start - (run.starts[first] as number);
  // `length`, never `data.length`: in a Firefox content script every read of `data` copies the
  // node's whole text across the Xray (four reads per mark of a 10 MB text node took 20 s).
  if (startOffset >= startNode.length && first + 1 < run.nodes.length) {
    first++;
    startNode = run.nodes[first] as Text;
    startOffset = 0;
  }
  const last = nodeIndexAt(run.starts, end, true);
  const endNode = run.nodes[last] as Text;
  const endOffset = Math.min(end - (run.starts[last] as number), endNode.length);
  return [startNode, startOffset, endNode, endOffset];
}

/** The nearest ancestor (or self) that the walk treats as a block: where a rescan starts. */
export function blockOf(node: Node, stopAt: Node): Node {
  // A shadow root is its own block (its parentNode is null: from there the climb ended at
  // `stopAt`, and a child added to a shadow root rescanned the whole document).
  let current: Node | null = node.nodeType === 1 || node.nodeType === 11 ? node : node.parentNode;
  while (current && current !== stopAt) {
    if (current.nodeType === 1 && isBlock(current as Element)) return current;
    if (current.nodeType === 11) return current; // a shadow root is a tree of its own
    current = current.parentNode;
  }
  return stopAt;
}

const NON_BLANK = /\S/;

/**
 * Whether a node added to or removed from an element leaves that element's runs as they were:
 * a block (a tree of runs of its own), a skipped element, a comment, or text that is only white
 * space. (The caller still checks the neighbours, see `isRunEdge`.)
 */
export function leavesRunsAlone(node: Node): boolean {
  if (node.nodeType === 1) return isSkipped(node as Element) || isBlock(node as Element);
  if (node.nodeType === 3) return !NON_BLANK.test((node as Text).data);
  return true;
}

/**
 * Whether a run boundary lies at `node`'s side, looking from `node` on through its siblings
 * (`next`: towards the end): a block comes, or the parent's edge, with nothing but white space,
 * comments and skipped elements before it. Nodes added or removed there, all of which leave runs
 * alone, then change no run of the parent: a feed that appends its stories with white space
 * between them is not rescanned whole on every append.
 */
export function isRunEdge(node: Node | null, next: boolean): boolean {
  for (let current = node; current; current = next ? current.nextSibling : current.previousSibling) {
    if (current.nodeType === 1) {
      if (isSkipped(current as Element)) continue;
      return isBlock(current as Element);
    }
    if (current.nodeType === 3 && NON_BLANK.test((current as Text).data)) return false;
  }
  return true;
}

/** Whether `node` sits inside a subtree the walk skips (checked for mutation targets). */
export function isInSkippedSubtree(node: Node): boolean {
  // A shadow root itself (a queued root, a mutation target) starts the climb too: its parentNode
  // is null, so starting from there said "not skipped" for a shadow tree under a textarea or an
  // editor, and the scanner marked inside it (found by scanner-fuzz.test.ts).
  const start = node.nodeType === 1 || node.nodeType === 11 ? node : node.parentNode;
  for (let current: Node | null = start; current; current = current.parentNode) {
    if (current.nodeType === 1 && isSkipped(current as Element)) return true;
    if (current.nodeType === 11) return isInSkippedSubtree((current as ShadowRoot).host);
  }
  return false;
}

/**
 * Whether a childList change to `record.target` leaves all of its runs as they were: only blocks,
 * skipped elements, comments or white space added or removed, between run edges. Then only the
 * added blocks need a look (a feed appending its stories is not looked at whole each time).
 */
export function childListLeavesRunsAlone(record: MutationRecord): boolean {
  const { addedNodes: added, removedNodes: removed } = record;
  for (const node of added) if (!leavesRunsAlone(node)) return false;
  for (const node of removed) if (!leavesRunsAlone(node)) return false;
  // The neighbours of what was added, from the DOM where it is still in place; those of what was
  // removed, from the record.
  const first = added[0];
  const last = added[added.length - 1];
  const before = first?.parentNode === record.target ? first.previousSibling : record.previousSibling;
  const after = last?.parentNode === record.target ? last.nextSibling : record.nextSibling;
  return isRunEdge(before, false) && isRunEdge(after, true);
}

/** `node` and its ancestors, through the hosts of shadow roots: what a move of any of them moves. */
export function ancestorsThroughHosts(node: Node): Set<Node> {
  const ancestors = new Set<Node>();
  for (let current: Node | null = node; current; ) {
    ancestors.add(current);
    current = current.parentNode ?? (current.nodeType === 11 ? (current as ShadowRoot).host : null);
  }
  return ancestors;
}
