/**
 * Marks mentions with the CSS Custom Highlight API: one `Highlight` per topic, registered in the
 * document's registry as `yalu-<topic id>`. No element of the page is wrapped or changed.
 *
 * `::highlight()` rules apply only in the tree whose style sheets hold them, so the same
 * constructed sheet is adopted by the document and by every open shadow root that holds a
 * mention. Constructed sheets are not inline styles, so a page whose CSP forbids inline styles
 * still gets them. A tree gets the sheet with its first mark (see `add`).
 */
import type { TopicId } from '../knowledge/types';
import { highlightName } from '../ui/mark-styles';
import { adoptSheet, dropSheets } from './adopted-sheets';

type StyledTree = Document | ShadowRoot;

/**
 * Whether this browser can mark at all (Chrome 105+, Firefox 140+). A function of its own so the
 * lookout (index.ts), which runs on every page, asks without loading the class.
 */
export function highlightsSupported(win: Window): boolean {
  const scope = win as Window & { Highlight?: unknown; CSS?: { highlights?: { set?: unknown } } };
  return typeof scope.Highlight === 'function' && typeof scope.CSS?.highlights?.set === 'function';
}

export class Highlighter {
  private readonly highlights = new Map<TopicId, Highlight>();
  private readonly sheet: CSSStyleSheet | undefined;
  private readonly styledTrees = new Set<StyledTree>();

  constructor(private readonly doc: Document) {
    try {
      this.sheet = new (doc.defaultView ?? window).CSSStyleSheet();
    } catch {
      this.sheet = undefined;
    }
  }

  /** Whether this browser can mark at all (Chrome 105+, Firefox 140+). */
  static supported(win: Window): boolean {
    return highlightsSupported(win);
  }

  setCss(css: string): void {
    this.sheet?.replaceSync(css);
  }

  /** Makes sure the `::highlight()` rules apply inside `tree`. */
  styleTree(tree: StyledTree): void {
    if (!this.sheet || this.styledTrees.has(tree)) return;
    try {
      adoptSheet(tree, this.sheet);
      this.styledTrees.add(tree);
    } catch {
      // A page that froze adoptedStyleSheets: marks are registered but unstyled there.
    }
  }

  private highlightFor(topic: TopicId): Highlight {
    let highlight = this.highlights.get(topic);
    if (!highlight) {
      highlight = new Highlight();
      this.highlights.set(topic, highlight);
      this.doc.defaultView?.CSS.highlights.set(highlightName(topic), highlight);
    }
    return highlight;
  }

  add(topic: TopicId, range: AbstractRange): void {
    // The sheet goes into a tree with its first mark, not before: adopting a sheet makes the
    // browser restyle the whole tree (measured up to 33 ms on a large page), which a page with
    // nothing to mark should never pay for.
    const tree = range.startContainer.getRootNode() as StyledTree;
    if (!this.styledTrees.has(tree)) this.styleTree(tree);
    this.highlightFor(topic).add(range);
  }

  delete(topic: TopicId, range: AbstractRange): void {
    this.highlights.get(topic)?.delete(range);
  }

  /** Removes every mark and the styles: used on teardown (extension disabled or updated). */
  dispose(): void {
    const registry = this.doc.defaultView?.CSS.highlights;
    // Only our own entries: a newer instance of the extension may have registered these names.
    for (const [topic, highlight] of this.highlights) {
      if (registry?.get(highlightName(topic)) === highlight) registry.delete(highlightName(topic));
    }
    this.highlights.clear();
    for (const tree of this.styledTrees) {
      try {
        dropSheets(tree, (sheet) => sheet === this.sheet);
      } catch {
        // The tree is gone or frozen; nothing of ours stays visible without the highlights.
      }
    }
    this.styledTrees.clear();
  }
}
