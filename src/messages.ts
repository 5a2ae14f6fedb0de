/**
 * Every message between the extension's contexts, typed by direction. One discriminated union
 * per direction; handlers are maps keyed by `type`, so there are no bare strings to mistype.
 */
import type { TopicId } from './knowledge/types';

/** Per-topic mention counts on one page. */
export type TopicCounts = Partial<Record<TopicId, number>>;

/** Messages the content script sends to the background. */
export type ContentToBackground = { type: 'page-counts'; counts: TopicCounts; total: number };

/** Messages the popup sends to a tab's content script. */
export type PopupToContent = { type: 'get-page-counts' };

export type PageCountsReply = { counts: TopicCounts; total: number; url: string };

const CONTENT_TO_BACKGROUND_TYPES = new Set<ContentToBackground['type']>(['page-counts']);

/** Shape check for messages that arrive from another context: never trust, always check. */
export function isContentToBackground(value: unknown): value is ContentToBackground {
  if (typeof value !== 'object' || value === null) return false;
  const { type } = value as { type?: unknown };
  return typeof type === 'string' && CONTENT_TO_BACKGROUND_TYPES.has(type as ContentToBackground['type']);
}

export function isPopupToContent(value: unknown): value is PopupToContent {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'get-page-counts';
}
