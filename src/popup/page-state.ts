/**
 * The popup's view of the tab it was opened over, as pure values: which tab, what its content
 * script said, and what to tell the reader. The browser calls are in use-page.ts.
 */
import { TOPIC_IDS, type TopicId } from '../knowledge/types';
import type { PageCountsReply, TopicCounts } from '../messages';

/**
 * The tab to report on. The popup reports on the active tab of its window; `?tab=<id>` names
 * another, so that the popup page opened in a tab of its own (as the Firefox e2e tests do, where
 * extension popups cannot be opened by automation) can report on the tab under test.
 */
export function tabIdFromSearch(search: string): number | undefined {
  const value = new URLSearchParams(search).get('tab');
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : undefined;
}

export type PageView =
  /** Asking the tab, or waiting for it to finish loading. */
  | { readonly kind: 'asking' }
  /** No content script answers: the browser's own pages, extension stores, or a page opened before install. */
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'ready'; readonly reply: PageCountsReply };

/** The host name of the page, or '' for pages without one. */
export function hostnameOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : '';
  } catch {
    return '';
  }
}

export interface TopicRow {
  readonly topic: TopicId;
  readonly count: number;
}

/** The topics the page mentions, in the knowledge base's order (core topics first). */
export function topicRows(counts: TopicCounts): TopicRow[] {
  return TOPIC_IDS.filter((topic) => (counts[topic] ?? 0) > 0).map((topic) => ({
    topic,
    count: counts[topic] ?? 0,
  }));
}

export function mentionsText(count: number): string {
  return count === 1 ? '1 mention' : `${count} mentions`;
}
