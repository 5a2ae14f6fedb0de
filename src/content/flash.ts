/**
 * A brief flash over one mention, so the eye finds it after the page scrolled to it. It is one
 * more highlight (`yalu-flash`, above the topic marks) rather than an element or an attribute, so
 * the page's DOM stays as it was. A highlight cannot be animated with CSS, so the flash blinks by
 * adding and removing its range on timers; with reduced motion it holds still instead of blinking.
 */

import { adoptSheet } from './adopted-sheets';

export const FLASH_HIGHLIGHT = 'yalu-flash';

const FLASH_CSS = `
::highlight(${FLASH_HIGHLIGHT}) { background-color: #12355b; color: #ffffff; }
@media (forced-colors: active) {
  ::highlight(${FLASH_HIGHLIGHT}) { background-color: Highlight; color: HighlightText; }
}`;

/** On and off times of the blink, in ms: three beats, the last held longest. */
const BLINK = [260, 140, 260, 140, 700] as const;
/** How long the flash holds when the reader prefers reduced motion. */
const STEADY_MS = 1500;

export class Flasher {
  private readonly highlight: Highlight | undefined;
  private readonly sheet: CSSStyleSheet | undefined;
  private timers: ReturnType<typeof setTimeout>[] = [];

  constructor(private readonly doc: Document) {
    const view = doc.defaultView;
    try {
      this.highlight = view ? new view.Highlight() : undefined;
      if (this.highlight) this.highlight.priority = 1;
      this.sheet = view ? new view.CSSStyleSheet() : undefined;
      this.sheet?.replaceSync(FLASH_CSS);
    } catch {
      // No highlights here: the content script does not run at all then (see index.ts).
    }
  }

  /** Flashes `range`, replacing any flash still running. */
  flash(range: Range): void {
    const { highlight } = this;
    const registry = this.doc.defaultView?.CSS.highlights;
    if (!highlight || !registry) return;
    this.stop();
    this.styleTree(range.startContainer.getRootNode() as Document | ShadowRoot);
    registry.set(FLASH_HIGHLIGHT, highlight);
    const reduced = this.doc.defaultView?.matchMedia('(prefers-reduced-motion: reduce)').matches ?? false;
    const beats = reduced ? [STEADY_MS] : BLINK;
    // The first beat now, not in a timer: a tab in the background (the popup is a tab of its own
    // in Firefox) has its timers held back, and the flash showed late or not at all.
    highlight.add(range);
    let at = 0;
    beats.forEach((duration, beat) => {
      const on = beat % 2 === 0;
      if (beat > 0) this.timers.push(setTimeout(() => (on ? highlight.add(range) : highlight.delete(range)), at));
      at += duration;
    });
    this.timers.push(setTimeout(() => this.stop(), at));
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    this.highlight?.clear();
    this.doc.defaultView?.CSS.highlights.delete(FLASH_HIGHLIGHT);
  }

  /** `::highlight()` rules apply only in trees whose sheets hold them: a mention in a shadow root needs them there. */
  private styleTree(tree: Document | ShadowRoot): void {
    const { sheet } = this;
    if (!sheet || !('adoptedStyleSheets' in tree)) return;
    try {
      adoptSheet(tree, sheet);
    } catch {
      // A page that froze adoptedStyleSheets: the flash is registered but unstyled there.
    }
  }
}
