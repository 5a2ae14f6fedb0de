/**
 * Every message between the extension's contexts, typed by direction, with the reply each one
 * gets. Handlers are maps keyed by `type` (see src/background/handlers.ts and
 * src/content/message-handlers.ts), so there are no bare strings to mistype, and every message
 * that arrives is checked for its shape before anything acts on it.
 */
import type { ArticleInfo, TopicCard, TopicId } from './knowledge/types';
import { TOPIC_IDS } from './knowledge/types';
import type { PauseReason } from './settings/pause';

/** Per-topic mention counts on one page. */
export type TopicCounts = Partial<Record<TopicId, number>>;

/** Messages to the background (from content scripts, the popup or the options page), with replies. */
export interface BackgroundRequests {
  /** A content script's counts changed: the badge shows them. Sent by the top frame only. */
  'page-counts': { request: { counts: TopicCounts; total: number; paused?: PauseReason }; reply: undefined };
  /** The card's prose, kept out of the content script so the script on every page stays small. */
  'get-topic': { request: { topic: TopicId }; reply: TopicCard };
  /** The article the cards quote (author, title, outlet, date, link), for their citations. */
  'get-article': { request: Record<string, never>; reply: ArticleInfo };
  /** A lookout found what may be a mention (or custom terms are set): run the marker into its frame. */
  'wake-marker': { request: Record<string, never>; reply: boolean };
  /**
   * From the popup: run the marker into the tab's top frame, to answer what the popup asks
   * (askTopFrame). Only the extension's own pages may ask it.
   */
  'run-marker': { request: { tabId: number }; reply: boolean };
}

/** Messages to a tab's content script (from the popup or the background), with replies. */
export interface ContentRequests {
  // Record<never, never>, not Record<string, never>: the latter cannot be joined with { type }.
  'get-page-counts': { request: Record<never, never>; reply: PageCountsReply };
  /** The keyboard commands: go to the next or previous mention, open its card, focus it. Top frame only. */
  'walk-mentions': { request: { direction: WalkDirection }; reply: MentionWalkReply };
  /** The popup's "On this page" row: scroll to the topic's next mention, flash it, open its card. */
  'show-next-mention': { request: { topic: TopicId }; reply: ShowMentionReply };
}

export type WalkDirection = 'next' | 'previous';

/** The mention the walk went to (1-based among all marked mentions on the page), or none. */
export type MentionWalkReply =
  | { total: number; index: number; topic: TopicId }
  | { total: 0; index: null; topic: null };

export interface PageCountsReply {
  counts: TopicCounts;
  total: number;
  url: string;
  /** Why nothing is marked here, when the reader paused marking; absent while marking. */
  paused?: PauseReason;
  /** True until the first scan of the page has finished: the counts may still grow. */
  scanning?: boolean;
}

export type { PauseReason };

/** Which mention was shown: its place among the topic's mentions (1-based), or none to show. */
export type ShowMentionReply = { shown: true; index: number; total: number } | { shown: false };

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

function isPauseReason(value: unknown): value is PauseReason {
  return value === 'site' || value === 'everywhere';
}

function isCounts(value: unknown): value is TopicCounts {
  return (
    isRecord(value) &&
    Object.entries(value).every(([key, count]) => isTopicId(key) && Number.isInteger(count) && (count as number) >= 0)
  );
}

/** Shape checks per message type: whatever arrives is untrusted until one of these says yes. */
const BACKGROUND_SHAPES: { [K in keyof BackgroundRequests]: (message: Record<string, unknown>) => boolean } = {
  'page-counts': (message) =>
    isCounts(message.counts) &&
    Number.isInteger(message.total) &&
    (message.paused === undefined || isPauseReason(message.paused)),
  'get-topic': (message) => isTopicId(message.topic),
  'get-article': () => true,
  'wake-marker': () => true,
  'run-marker': (message) => Number.isInteger(message.tabId) && (message.tabId as number) >= 0,
};

const CONTENT_SHAPES: { [K in keyof ContentRequests]: (message: Record<string, unknown>) => boolean } = {
  'get-page-counts': () => true,
  'walk-mentions': (message) => message.direction === 'next' || message.direction === 'previous',
  'show-next-mention': (message) => isTopicId(message.topic),
};

export function isBackgroundMessage(value: unknown): value is BackgroundMessage {
  if (!isRecord(value) || typeof value.type !== 'string' || !Object.hasOwn(BACKGROUND_SHAPES, value.type)) return false;
  return BACKGROUND_SHAPES[value.type as keyof BackgroundRequests](value);
}

export function isContentMessage(value: unknown): value is ContentMessage {
  if (!isRecord(value) || typeof value.type !== 'string' || !Object.hasOwn(CONTENT_SHAPES, value.type)) return false;
  return CONTENT_SHAPES[value.type as keyof ContentRequests](value);
}

/**
 * Sends `message` to the tab's top frame, where the marker answers. Where no marker runs yet (a
 * page with no mention has only the lookout, which listens for no message), nothing answers:
 * then `runMarker` has the background run the marker in, and the message goes again, once. A
 * page where no content script may run (a browser page, a store page) rejects both times.
 */
export async function askTopFrame(
  send: (tabId: number, message: ContentMessage, options: { frameId: number }) => Promise<unknown>,
  runMarker: (tabId: number) => Promise<boolean>,
  tabId: number,
  message: ContentMessage,
): Promise<unknown> {
  try {
    return await send(tabId, message, { frameId: 0 });
  } catch (error) {
    if (!(await runMarker(tabId).catch(() => false))) throw error;
    return await send(tabId, message, { frameId: 0 });
  }
}
