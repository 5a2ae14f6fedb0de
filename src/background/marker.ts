/**
 * Runs the marker (src/content/marker.ts) into the frame whose lookout asked for it. The lookout
 * runs on every page; the marker, six times its size, only where the page may hold a mention
 * (src/content/index.ts says when). Run through scripting.executeScript into the sender's own
 * frame, it shares that frame's isolated world with the lookout, and no file of the extension has
 * to be web-accessible (a page could otherwise probe for it).
 */
import type { Runtime } from 'webextension-polyfill';
import markerFile from '../content/marker.ts?iife';

export interface MarkerInjection {
  executeScript(injection: { target: { tabId: number; frameIds: number[] }; files: string[] }): Promise<unknown>;
}

/** Whether the sender is a content script in a tab's frame, the only place a marker can go. */
function frameOf(sender: Runtime.MessageSender): { tabId: number; frameId: number } | undefined {
  const tabId = sender.tab?.id;
  const { frameId } = sender;
  if (typeof tabId !== 'number' || tabId < 0 || typeof frameId !== 'number' || frameId < 0) return undefined;
  return { tabId, frameId };
}

/** Runs the marker into the sender's frame; false when there is no such frame or it went away. */
export async function wakeMarker(
  scripting: MarkerInjection | undefined,
  sender: Runtime.MessageSender,
): Promise<boolean> {
  const frame = frameOf(sender);
  if (!scripting || !frame) return false;
  try {
    await scripting.executeScript({ target: { tabId: frame.tabId, frameIds: [frame.frameId] }, files: [markerFile] });
    return true;
  } catch {
    // The frame navigated or closed meanwhile: its next document has a lookout of its own.
    return false;
  }
}

/** Pages the content script runs on as a top frame: web pages and files (`<all_urls>`), nothing of the browser's or an extension's own. */
export function isMarkableUrl(url: string): boolean {
  return /^(https?|file):/.test(url);
}

/**
 * Runs the marker into a tab's top frame, for the popup (askTopFrame in messages.ts); false where
 * it cannot or must not run: a browser page, an extension's page (Firefox would run it into the
 * options page), a closed tab. A marker already there keeps the frame (lifetime.ts, claimWorld),
 * so a second run changes nothing.
 */
export async function runMarkerInTab(
  scripting: MarkerInjection | undefined,
  tabs: { get(tabId: number): Promise<{ url?: string }> },
  tabId: number,
): Promise<boolean> {
  if (!scripting) return false;
  try {
    const { url } = await tabs.get(tabId);
    if (!url || !isMarkableUrl(url)) return false;
    await scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [markerFile] });
    return true;
  } catch {
    return false;
  }
}
