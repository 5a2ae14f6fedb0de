/**
 * A stand-in for the Highlighter that records the Ranges the scanner hands over (happy-dom has no
 * CSS Custom Highlight API), shared by the scanner tests.
 */
import type { Highlighter } from '../../../src/content/highlighter';
import type { TopicId } from '../../../src/knowledge/types';

export class RecordingHighlighter {
  readonly marks = new Map<AbstractRange, TopicId>();
  add(topic: TopicId, range: AbstractRange): void {
    this.marks.set(range, topic);
  }
  delete(_topic: TopicId, range: AbstractRange): void {
    this.marks.delete(range);
  }
  /** The marked texts, sorted (the order marks were added in means nothing). */
  texts(): string[] {
    return [...this.marks.keys()].map((range) => (range as Range).toString()).sort();
  }
  topics(): TopicId[] {
    return [...this.marks.values()];
  }
  /** This fake, typed as what the Scanner takes. */
  get asHighlighter(): Highlighter {
    return this as unknown as Highlighter;
  }
}
