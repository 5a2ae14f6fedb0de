/**
 * Where the card goes: under the mention's last line or over its first, never on top of it,
 * aligned with the mention's start (its right edge in right-to-left text), flipped and shifted
 * to stay on screen, and no taller than the room left. Floating UI does the geometry against a
 * virtual element built from the Range's line boxes, since a mark is not an element.
 */
import {
  autoUpdate,
  computePosition,
  flip,
  hide,
  offset,
  type Placement,
  shift,
  size,
  type VirtualElement,
} from '@floating-ui/dom';

/** Space between the mention and the card, and between the card and the viewport's edges. */
const GAP = 6;
const EDGE = 8;
/** Below this the card would be a slit; it may then overlap the viewport edge instead. */
const MIN_HEIGHT = 140;

export interface Box {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** The smallest box around the Range's line boxes, or null when nothing of it is rendered. */
export function rangeBox(range: Range): Box | null {
  let box: { top: number; right: number; bottom: number; left: number } | null = null;
  for (const rect of range.getClientRects()) {
    if (rect.width === 0 && rect.height === 0) continue;
    if (!box) box = { top: rect.top, right: rect.right, bottom: rect.bottom, left: rect.left };
    else {
      box.top = Math.min(box.top, rect.top);
      box.right = Math.max(box.right, rect.right);
      box.bottom = Math.max(box.bottom, rect.bottom);
      box.left = Math.min(box.left, rect.left);
    }
  }
  return box;
}

/** The element that holds the Range's start: its scroll containers are the mention's. */
export function elementOf(range: Range): Element | undefined {
  const node = range.startContainer;
  return (node.nodeType === 1 ? (node as Element) : node.parentElement) ?? undefined;
}

export function anchorFor(range: Range): VirtualElement {
  return {
    getBoundingClientRect() {
      const box = rangeBox(range) ?? { top: -1e4, right: -1e4, bottom: -1e4, left: -1e4 };
      const width = box.right - box.left;
      const height = box.bottom - box.top;
      return { ...box, x: box.left, y: box.top, width, height };
    },
    contextElement: elementOf(range),
  };
}

/** Whether the page around the mention reads right to left. */
export function isRtl(range: Range): boolean {
  const element = elementOf(range);
  if (!element) return false;
  return (element.ownerDocument.defaultView ?? window).getComputedStyle(element).direction === 'rtl';
}

export interface PlacementOptions {
  readonly rtl: boolean;
  /** The mention is in view and the card placed next to it: called once. */
  readonly onShown: () => void;
  /** The mention left the viewport or its scroll container, after having been in view. */
  readonly onHidden: () => void;
}

/**
 * Positions `card` next to `range` now and whenever the page scrolls or resizes, until the
 * returned function is called. The card stays invisible (no `data-placed`) until its mention is
 * in view: a mention still on its way there (a smooth scroll) must not count as having left.
 */
export function placeCard(range: Range, card: HTMLElement, { rtl, onShown, onHidden }: PlacementOptions): () => void {
  const anchor = anchorFor(range);
  // Floating UI reads "start" by the floating element's direction: the mention's, not the
  // document's (an Arabic quote in an English page). The card's own text stays left to right.
  card.dir = rtl ? 'rtl' : 'ltr';
  const placement: Placement = 'bottom-start';
  let stopped = false;
  let seen = false;
  delete card.dataset.placed;
  const update = () => {
    void computePosition(anchor, card, {
      strategy: 'fixed',
      placement,
      middleware: [
        offset(GAP),
        flip({ padding: EDGE, crossAxis: false, fallbackPlacements: ['top-start'] }),
        shift({ padding: EDGE }),
        size({
          padding: EDGE,
          apply({ availableHeight, availableWidth, elements }) {
            elements.floating.style.maxHeight = `${Math.max(MIN_HEIGHT, Math.floor(availableHeight))}px`;
            elements.floating.style.maxWidth = `${Math.max(200, Math.floor(availableWidth))}px`;
          },
        }),
        hide({ strategy: 'referenceHidden' }),
      ],
    }).then(({ x, y, placement: final, middlewareData }) => {
      if (stopped) return;
      card.style.left = `${Math.round(x)}px`;
      card.style.top = `${Math.round(y)}px`;
      card.dataset.side = final.split('-')[0];
      const hidden = middlewareData.hide?.referenceHidden === true;
      if (!hidden && !seen) {
        seen = true;
        card.dataset.placed = '';
        onShown();
      } else if (hidden && seen) onHidden();
    });
  };
  const cleanup = autoUpdate(anchor, card, update);
  return () => {
    stopped = true;
    cleanup();
  };
}

/**
 * Brings the mention into view a third of the way down, leaving the room below it for the card.
 * At once, not smoothly: a smooth scroll would still be moving when the card checks whether its
 * mention is in view.
 */
export function scrollRangeIntoView(range: Range): void {
  const element = elementOf(range);
  const view = element?.ownerDocument.defaultView;
  if (!element || !view) return;
  const box = rangeBox(range);
  const inView = box && box.top >= 0 && box.bottom <= view.innerHeight && box.left >= 0 && box.right <= view.innerWidth;
  if (inView) return;
  // First the mention's scroll containers (and the window, roughly), then the line itself.
  element.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
  const after = rangeBox(range);
  if (!after) return;
  const dy = after.top - view.innerHeight / 3;
  view.scrollBy({ top: dy, behavior: 'instant' });
}
