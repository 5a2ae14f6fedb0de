/**
 * Every message between the extension's contexts, typed by direction, with the reply each one
 * gets. Handlers are maps keyed by `type` (see src/background/handlers.ts and
 * src/content/message-handlers.ts), so there are no bare strings to mistype, and every message
 * that arrives is checked for its shape before anything acts on it.
 */
import type { TopicCard, TopicId } from './knowledge/types';
import { TOPIC_IDS } from './knowledge/types';

/** Per-topic mention counts on one page. */
export type TopicCounts = Partial<Record<TopicId, number>>;

/** Messages to the background (from content scripts, the popup or the options page), with replies. */
export interface BackgroundRequests {
  /** A content script's counts changed: the badge shows them. Sent by the top frame only. */
  'page-counts': { request: { counts: TopicCounts; total: number }; reply: undefined };
  /** The card's prose, kept out of the content script so the script on every page stays small. */
  'get-topic': { request: { topic: TopicId }; reply: TopicCard };
}

/** Messages to a tab's content script (from the popup or the background), with replies. */
export interface ContentRequests {
  'get-page-counts': { request: Record<string, never>; reply: PageCountsReply };
}

export interface PageCountsReply {
  counts: TopicCounts;
  total: number;
  url: string;
}

export type BackgroundMessage = {
  [K in keyof BackgroundRequests]: { type: K } & BackgroundRequests[K]['request'];
}[keyof BackgroundRequests];

export type ContentMessage = {
  [K in keyof ContentRequests]: { type: K } & ContentRequests[K]['request'];
}[keyof ContentRequests];

export type BackgroundHandlers<Sender> = {
  [K in keyof BackgroundRequests]: (
    message: { type: K } & BackgroundRequests[K]['request'],
    sender: Sender,
  ) => BackgroundRequests[K]['reply'] | Promise<BackgroundRequests[K]['reply']>;
};

export type ContentHandlers = {
  [K in keyof ContentRequests]: (
    message: { type: K } & ContentRequests[K]['request'],
  ) => ContentRequests[K]['reply'] | Promise<ContentRequests[K]['reply']>;
};

const TOPIC_SET = new Set<string>(TOPIC_IDS);

export function isTopicId(value: unknown): value is TopicId {
  return typeof value === 'string' && TOPIC_SET.has(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCounts(value: unknown): value is TopicCounts {
  return (
    isRecord(value) &&
    Object.entries(value).every(([key, count]) => isTopicId(key) && Number.isInteger(count) && (count as number) >= 0)
  );
}

/** Shape checks per message type: whatever arrives is untrusted until one of these says yes. */
const BACKGROUND_SHAPES: { [K in keyof BackgroundRequests]: (message: Record<string, unknown>) => boolean } = {
  'page-counts': (message) => isCounts(message.counts) && Number.isInteger(message.total),
  'get-topic': (message) => isTopicId(message.topic),
};

const CONTENT_SHAPES: { [K in keyof ContentRequests]: (message: Record<string, unknown>) => boolean } = {
  'get-page-counts': () => true,
};

export function isBackgroundMessage(value: unknown): value is BackgroundMessage {
  if (!isRecord(value) || typeof value.type !== 'string' || !Object.hasOwn(BACKGROUND_SHAPES, value.type)) return false;
  return BACKGROUND_SHAPES[value.type as keyof BackgroundRequests](value);
}

export function isContentMessage(value: unknown): value is ContentMessage {
  if (!isRecord(value) || typeof value.type !== 'string' || !Object.hasOwn(CONTENT_SHAPES, value.type)) return false;
  return CONTENT_SHAPES[value.type as keyof ContentRequests](value);
}
