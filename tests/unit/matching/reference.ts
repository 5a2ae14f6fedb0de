/**
 * A plain, slow reference matcher for property tests: normalise the whole text with an offset map
 * (`matchKey`), look for every key with indexOf, check word boundaries on the normalised text,
 * then pick leftmost-longest. It shares only the per-character fold with the real matcher.
 */

import type { TopicId, TopicNames } from '../../../src/knowledge/types';
import { isBoundaryWordChar, matchKey, nameKey, spacingVariants } from '../../../src/matching';
import { isCombiningMark } from '../../../src/matching/normalize';

export interface ReferenceEntry {
  readonly text: string;
  /** undefined for a guard. */
  readonly topic: TopicId | undefined;
}

export interface ReferenceMatch {
  readonly start: number;
  readonly end: number;
  readonly topic: TopicId;
}

export function referenceEntries(
  topics: readonly TopicNames[],
  enabled: ReadonlySet<TopicId>,
  guards: readonly string[] = [],
): ReferenceEntry[] {
  return [
    ...topics
      .filter((topic) => enabled.has(topic.id))
      .flatMap((topic) => topic.names.map((name) => ({ text: name.text, topic: topic.id }))),
    ...guards.map((text) => ({ text, topic: undefined })),
  ];
}

export function referenceScan(text: string, entries: readonly ReferenceEntry[]): ReferenceMatch[] {
  const normalized = matchKey(text);
  const folded = normalized.text;
  const isWordAt = (index: number): boolean =>
    index >= 0 && index < folded.length && isBoundaryWordChar(folded.charCodeAt(index));
  const seenKeys = new Set<string>();
  const candidates: { start: number; end: number; order: number; topic: TopicId | undefined }[] = [];
  entries.forEach((entry, order) => {
    for (const key of spacingVariants(nameKey(entry.text))) {
      if (key.length === 0 || seenKeys.has(key)) continue;
      seenKeys.add(key);
      const needsLeft = isBoundaryWordChar(key.charCodeAt(0));
      const needsRight = isBoundaryWordChar(key.charCodeAt(key.length - 1));
      for (let at = folded.indexOf(key); at !== -1; at = folded.indexOf(key, at + 1)) {
        if (needsLeft && isWordAt(at - 1)) continue;
        if (needsRight && isWordAt(at + key.length)) continue;
        const start = normalized.starts[at]!;
        let end = normalized.ends[at + key.length - 1]!;
        while (end < text.length && isCombiningMark(text.charCodeAt(end))) end++;
        candidates.push({ start, end, order, topic: entry.topic });
      }
    }
  });
  candidates.sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
  const matches: ReferenceMatch[] = [];
  let taken = 0;
  for (const candidate of candidates) {
    if (candidate.start < taken) continue;
    taken = candidate.end;
    if (candidate.topic !== undefined)
      matches.push({ start: candidate.start, end: candidate.end, topic: candidate.topic });
  }
  return matches;
}
