/**
 * The background's one handler map: every message type it accepts, and what it does.
 */
import type { Runtime } from 'webextension-polyfill';
import { getTopic } from '../knowledge/topics';
import type { BackgroundHandlers } from '../messages';

export const backgroundHandlers: BackgroundHandlers<Runtime.MessageSender> = {
  'page-counts': () => undefined,
  'get-topic': ({ topic }) => getTopic(topic),
};
