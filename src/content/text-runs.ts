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

function isEditable(element: Element): boolean {
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
 * A resumable walk over `root`'s subtree (not into shadow roots: those are separate trees and
 * reported through `onShadowRoot` so the caller can walk them with their own styles).
 */
export class RunWalker {
  private node: Node | null;
  private text = '';
  private nodes: Text[] = [];
  private starts: number[] = [];
  /** Nearest block ancestor of the walk position, innermost last. */
  private readonly blocks: Node[];
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
  }

  get finished(): boolean {
    return this.done;
  }

  /** The node the walk will visit next; a caller checks it is still in the document. */
  get position(): Node | null {
    return this.node;
  }

  /**
   * Walks until the subtree is done or `deadline` (a performance.now() value) passes.
   * Returns true when the walk is finished.
   */
  walk(deadline = Number.POSITIVE_INFINITY): boolean {
    let node = this.node;
    let steps = 0;
    const root = this.root;
    while (node) {
      if ((++steps & 255) === 0 && performance.now() > deadline) {
        this.node = node;
        return false;
      }
      let descend = false;
      if (node.nodeType === 3) {
        const data = (node as Text).data;
        this.stats.textNodes++;
        this.stats.chars += data.length;
        this.nodes.push(node as Text);
        this.starts.push(this.text.length);
        this.text += data;
      } else if (node.nodeType === 1) {
        const element = node as Element;
        if (!isSkipped(element)) {
          if (element.localName === 'br') this.text += '\n';
          else if (isBlock(element)) {
            this.flush();
            this.blocks.push(element);
          }
          const shadow = element.shadowRoot;
          if (shadow) this.onShadowRoot(shadow);
          descend = element.firstChild !== null;
          if (!descend && isBlock(element) && element.localName !== 'br') this.leave(element);
        }
      }
      if (descend) {
        node = node.firstChild;
        continue;
      }
      // Climb until there is a next sibling, leaving each block on the way up.
      while (node && node !== root && !node.nextSibling) {
        node = node.parentNode;
        // Ancestors on this path were entered, so none is skipped: only blocks matter here.
        if (node && node !== root && node.nodeType === 1 && isBlock(node as Element)) this.leave(node);
      }
      node = !node || node === root ? null : node.nextSibling;
    }
    this.node = null;
    this.flush();
    this.done = true;
    return true;
  }

  private leave(element: Node): void {
    this.flush();
    if (this.blocks[this.blocks.length - 1] === element) this.blocks.pop();
  }

  private flush(): void {
    if (this.nodes.length === 0) {
      this.text = '';
      return;
    }
    const block = this.blocks[this.blocks.length - 1] ?? this.root;
    this.onRun({ block, text: this.text, nodes: this.nodes, starts: this.starts });
    this.text = '';
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
  if (startOffset >= startNode.data.length && first + 1 < run.nodes.length) {
    first++;
    startNode = run.nodes[first] as Text;
    startOffset = 0;
  }
  const last = nodeIndexAt(run.starts, end, true);
  const endNode = run.nodes[last] as Text;
  const endOffset = Math.min(end - (run.starts[last] as number), endNode.data.length);
  return [startNode, startOffset, endNode, endOffset];
}

/** The nearest ancestor (or self) that the walk treats as a block: where a rescan starts. */
export function blockOf(node: Node, stopAt: Node): Node {
  let current: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (current && current !== stopAt) {
    if (current.nodeType === 1 && isBlock(current as Element)) return current;
    if (current.nodeType === 11) return current; // a shadow root is a tree of its own
    current = current.parentNode;
  }
  return stopAt;
}

/** Whether `node` sits inside a subtree the walk skips (checked for mutation targets). */
export function isInSkippedSubtree(node: Node): boolean {
  for (let current: Node | null = node.nodeType === 1 ? node : node.parentNode; current; current = current.parentNode) {
    if (current.nodeType === 1 && isSkipped(current as Element)) return true;
    if (current.nodeType === 11) return isInSkippedSubtree((current as ShadowRoot).host);
  }
  return false;
}
