/**
 * Background: a service worker in Chrome, an event page in Firefox. It keeps nothing in memory
 * that matters: anything that must survive the worker being stopped lives in storage or in the
 * tabs' content scripts.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { type BackgroundMessage, isBackgroundMessage } from '../messages';
import { backgroundHandlers } from './handlers';

/** Only our own extension's pages and content scripts may talk to us. */
function fromThisExtension(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id;
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!fromThisExtension(sender) || !isBackgroundMessage(message)) return undefined;
  const handler = backgroundHandlers[message.type] as (
    message: BackgroundMessage,
    sender: Runtime.MessageSender,
  ) => unknown;
  return Promise.resolve(handler(message, sender));
});
