/**
 * Which marked mention is under the pointer, found without touching the page: marks are Ranges
 * in the highlight registry, not elements, so there is no event target to read.
 *
 * Where the browser has `CSS.highlights.highlightsFromPoint()` (Chrome 140, Firefox 150) it
 * answers directly. Elsewhere the caret position under the point narrows the candidates to the
 * mentions around that text position, and the Ranges' client rects decide: the caret snaps to
 * the nearest character even when the pointer is past the end of a line, so the caret alone
 * would open cards over blank space.
 */

export interface HitTarget {
  readonly range: Range;
}

/** The mentions to test against, looked up by their Range. */
export type MentionIndex<M extends HitTarget> = ReadonlyMap<AbstractRange, M>;

type HighlightHit = { readonly highlight?: Highlight; readonly ranges?: readonly AbstractRange[] };

interface HitTestRegistry {
  // The first drafts of the spec returned the highlights alone; it now returns { highlight, ranges }.
  highlightsFromPoint?(x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }): (HighlightHit | Highlight)[];
}

interface CaretDocument {
  caretPositionFromPoint?(
    x: number,
    y: number,
    options?: { shadowRoots?: ShadowRoot[] },
  ): { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?(x: number, y: number): Range | null;
}

/** Whether (x, y) falls inside one of the Range's line boxes. */
export function rangeContainsPoint(range: Range, x: number, y: number): boolean {
  for (const rect of range.getClientRects()) {
    if (rect.width > 0 && x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}

function fromHighlights<M extends HitTarget>(
  registry: HitTestRegistry,
  x: number,
  y: number,
  index: MentionIndex<M>,
  shadowRoots: ShadowRoot[],
): M | undefined {
  const hits = registry.highlightsFromPoint?.(x, y, shadowRoots.length > 0 ? { shadowRoots } : undefined) ?? [];
  for (const hit of hits) {
    const ranges = (hit as HighlightHit).ranges;
    if (ranges) {
      for (const range of ranges) {
        const mention = index.get(range);
        if (mention) return mention;
      }
      continue;
    }
    // The older shape names only the highlight: find which of its ranges is under the point.
    const highlight = hit as Highlight;
    for (const [range, mention] of index) {
      if (highlight.has(range) && rangeContainsPoint(mention.range, x, y)) return mention;
    }
  }
  return undefined;
}

function caretAt(
  doc: Document,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[],
): { node: Node; offset: number } | null {
  const caretDoc = doc as Document & CaretDocument;
  if (typeof caretDoc.caretPositionFromPoint === 'function') {
    const position = caretDoc.caretPositionFromPoint(x, y, shadowRoots.length > 0 ? { shadowRoots } : undefined);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  if (typeof caretDoc.caretRangeFromPoint === 'function') {
    const range = caretDoc.caretRangeFromPoint(x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

function fromCaret<M extends HitTarget>(
  doc: Document,
  x: number,
  y: number,
  index: MentionIndex<M>,
  shadowRoots: ShadowRoot[],
): M | undefined {
  const caret = caretAt(doc, x, y, shadowRoots);
  for (const mention of index.values()) {
    const { range } = mention;
    if (caret) {
      // Cheap first: a mention is a candidate only if the caret's text position is within it.
      if (range.startContainer.getRootNode() !== caret.node.getRootNode()) continue;
      if (!range.isPointInRange(caret.node, caret.offset)) continue;
    }
    if (rangeContainsPoint(range, x, y)) return mention;
  }
  return undefined;
}

/**
 * The mention under (x, y) in viewport coordinates, or undefined. `shadowRoots` are the open
 * shadow roots that hold mentions: both APIs look into a shadow tree only when it is named.
 */
export function mentionAt<M extends HitTarget>(
  doc: Document,
  x: number,
  y: number,
  index: MentionIndex<M>,
  shadowRoots: ShadowRoot[] = [],
): M | undefined {
  if (index.size === 0) return undefined;
  const registry = doc.defaultView?.CSS?.highlights as (HighlightRegistry & HitTestRegistry) | undefined;
  if (registry && typeof registry.highlightsFromPoint === 'function') {
    return fromHighlights(registry, x, y, index, shadowRoots);
  }
  return fromCaret(doc, x, y, index, shadowRoots);
}

/** The parent of `node` in the composed tree: a shadow root's parent is its host. */
function composedParent(node: Node): Node | null {
  return node.parentNode ?? (node.nodeType === 11 ? (node as ShadowRoot).host : null);
}

function isModalDialog(element: Element): boolean {
  if (element.localName !== 'dialog') return false;
  try {
    return element.matches(':modal');
  } catch {
    // A browser without :modal (older than Chrome 105 or Firefox 103) has no highlights either.
    return false;
  }
}

/**
 * The page's modal `<dialog>` (opened with showModal()) that holds `node`, looking through
 * shadow roots to their hosts, or undefined.
 */
export function modalDialogAround(node: Node): Element | undefined {
  for (let current: Node | null = node; current; current = composedParent(current)) {
    if (current.nodeType === 1 && isModalDialog(current as Element)) return current as Element;
  }
  return undefined;
}

/**
 * Whether a page's modal dialog keeps the pointer at (x, y) away from `node`. While a page shows
 * a modal dialog everything outside it is inert, and the pointer over its backdrop meets the
 * dialog itself: a mark there is not for the reader to act on, any more than a link under the
 * backdrop is. Chromium's highlightsFromPoint already leaves inert text out; Firefox's does not,
 * nor does the caret fallback. Only asked once a mark was found under the pointer, so a page
 * without marks pays nothing.
 */
export function blockedByModal(doc: Document, x: number, y: number, node: Node): boolean {
  let hit = doc.elementFromPoint(x, y);
  // Into open shadow roots, to the innermost element (a dialog may live in one).
  for (let depth = 0; hit?.shadowRoot && depth < 32; depth++) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  const modal = hit ? modalDialogAround(hit) : undefined;
  if (!modal) return false;
  for (let current: Node | null = node; current; current = composedParent(current)) {
    if (current === modal) return false;
  }
  return true;
}
