import type { TopicId } from '../knowledge/types';

/**
 * One group of a topic's page cues: `${topic}/${index}` names `pageMustMention[index]` of that
 * topic's context rule, e.g. 'korean-war/0' (a China cue) and 'korean-war/1' (a North Korea cue).
 */
export type CueKey = `${TopicId}/${number}`;

/** A mention found in one text run. Offsets are UTF-16 offsets into the run as given to `scan`. */
export interface Match {
  readonly start: number;
  readonly end: number;
  readonly topic: TopicId;
  /** The name (or custom term) as written in the knowledge base, not as on the page. */
  readonly name: string;
  /** The name is ambiguous: it counts only when the page shows `requiredCues` (see context.ts). */
  readonly needsContext: boolean;
  /** A needsContext match whose sentence names another party; it never counts. */
  readonly excluded: boolean;
  /** Cue groups the whole page must show for a needsContext match to count; empty otherwise. */
  readonly requiredCues: readonly CueKey[];
}

export interface ScanResult {
  /** Non-overlapping, sorted by start; leftmost-longest among all enabled names. */
  readonly matches: readonly Match[];
  /**
   * Cue groups this run shows: cue words found anywhere in it (also inside names), plus every cue
   * group of a topic named here unambiguously ("Korean War" on a page vouches for "the Forgotten War").
   */
  readonly cues: ReadonlySet<CueKey>;
}
