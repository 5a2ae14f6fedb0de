/**
 * "Show the next mention of this topic", as the popup's "On this page" rows ask for it: scroll the
 * mention into view, flash it and let the card open on it (ContentApp.onShowMention).
 *
 * "Next" follows the reader: the first request shows the first mention at or below the top of the
 * window, and each further request the one after the mention shown last, wrapping round at the end.
 */
import type { TopicId } from '../knowledge/types';
import type { ShowMentionReply } from '../messages';
import type { ContentApp } from './app';
import { Flasher } from './flash';
import type { Mention } from './scanner';

export class MentionNavigator {
  private readonly flasher: Flasher;
  private last: { topic: TopicId; range: Range } | undefined;

  constructor(
    private readonly app: ContentApp,
    private readonly doc: Document,
  ) {
    this.flasher = new Flasher(doc);
  }

  showNext(topic: TopicId): ShowMentionReply {
    const mentions = this.app.activeScanner?.orderedMentions().filter((mention) => mention.topic === topic) ?? [];
    if (mentions.length === 0) return { shown: false };
    const index = this.nextIndex(topic, mentions);
    const mention = mentions[index] as Mention;
    this.last = { topic, range: mention.range };
    this.reveal(mention.range);
    this.flasher.flash(mention.range);
    this.app.showMention(mention);
    return { shown: true, index: index + 1, total: mentions.length };
  }

  private nextIndex(topic: TopicId, mentions: readonly Mention[]): number {
    const last = this.last?.topic === topic ? this.last.range : undefined;
    if (last) {
      const at = mentions.findIndex((mention) => mention.range === last);
      if (at >= 0) return (at + 1) % mentions.length;
    }
    // No mention of this topic shown yet (or it went away): start where the reader is.
    const below = mentions.findIndex((mention) => mention.range.getBoundingClientRect().bottom > 0);
    return Math.max(below, 0);
  }

  /** Scrolls `range` to the middle of the window, unless it is already well in view. */
  private reveal(range: Range): void {
    const view = this.doc.defaultView;
    const element = range.startContainer.parentElement;
    if (!view || !element) return;
    const rect = range.getBoundingClientRect();
    const margin = Math.min(80, view.innerHeight / 6);
    const inView =
      rect.height > 0 &&
      rect.top >= margin &&
      rect.bottom <= view.innerHeight - margin &&
      rect.left >= 0 &&
      rect.right <= view.innerWidth;
    if (inView) return;
    // A hidden page runs no animation frames, so a smooth scroll there would never get anywhere.
    const instant =
      view.matchMedia('(prefers-reduced-motion: reduce)').matches || this.doc.visibilityState === 'hidden';
    element.scrollIntoView({ block: 'center', inline: 'nearest', behavior: instant ? 'instant' : 'smooth' });
  }
}
