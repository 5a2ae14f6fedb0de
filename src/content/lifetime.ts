/**
 * The content script outlives its extension: when the extension is reloaded, updated or turned
 * off, a script already running in a page stays, cut off (every extension API call then throws
 * "Extension context invalidated" in Chrome). It must then take away everything it put in the
 * page (marks, the highlight sheet, the card's host, its listeners) and go quiet, and the new
 * version's script, injected into the open tabs by the background, takes over.
 *
 * How a script learns that its extension went away:
 * - a new instance announces itself with an event on the document; an older one hearing it
 *   checks its own extension and steps down if that is gone (or, in the same world, it is
 *   replaced: see `claimWorld`);
 * - each user event and storage or message callback checks `runtime.id`, which Chrome clears for
 *   an orphaned script (a cheap property read);
 * A page can dispatch the announcing event too; it only makes each instance check its own
 * extension, which a page cannot fake.
 */

import { dropSheets } from './adopted-sheets';

export const ANNOUNCE_EVENT = 'yalu-lens-instance';

/** Whether the extension this script belongs to is still there. */
export function extensionAlive(runtime: { readonly id?: string } | undefined): boolean {
  try {
    return typeof runtime?.id === 'string' && runtime.id.length > 0;
  } catch {
    return false;
  }
}

interface WorldSlot {
  stop: () => void;
  alive: () => boolean;
}

const SLOT = Symbol.for('yalu-lens.instance');

/**
 * Makes this script the one instance in its JavaScript world (injected twice into the same frame,
 * the second one would double every mark). Returns false when a live instance is already there.
 * A dead one (its extension gone) is stopped and replaced.
 */
export function claimWorld(scope: object, slot: WorldSlot): boolean {
  const holder = scope as { [SLOT]?: WorldSlot };
  const previous = holder[SLOT];
  if (previous) {
    if (previous.alive()) return false;
    previous.stop();
  }
  holder[SLOT] = slot;
  return true;
}

/** Whether a live marker holds this world already (run in before the lookout started). */
export function hasLiveInstance(scope: object): boolean {
  const previous = (scope as { [SLOT]?: WorldSlot })[SLOT];
  return previous?.alive() === true;
}

/**
 * Watches for the end of this script's extension; calls `onGone` once. Returns the check, for
 * callers that want to look before doing work (an event, a message).
 */
export function watchLifetime(
  doc: Document,
  alive: () => boolean,
  onGone: () => void,
  announce: boolean,
): () => boolean {
  let gone = false;
  const check = (): boolean => {
    if (gone) return false;
    if (alive()) return true;
    gone = true;
    doc.removeEventListener(ANNOUNCE_EVENT, check);
    onGone();
    return false;
  };
  // Tell older instances first (only where one left traces: a fresh page hears nothing, so no
  // page learns of the extension this way), then listen for newer ones.
  if (announce) doc.dispatchEvent(new (doc.defaultView ?? window).CustomEvent(ANNOUNCE_EVENT));
  doc.addEventListener(ANNOUNCE_EVENT, check);
  return check;
}

/**
 * What an instance whose script was unloaded without stepping down (Firefox drops an old
 * version's scripts outright) may have left: its highlights, its sheet in the document and its
 * host element. Called by a new instance before it starts, so it starts from a clean page.
 */
/**
 * Highlight names with our prefix in the registry (forEach: Firefox's Xrays cannot wrap its
 * iterators). `known` are the names this version would use: Firefox nukes the sandbox of an
 * unloaded content script, and a Highlight that script created is then a dead object to every
 * other content script, so forEach throws "Permission denied to access object" on the very
 * registry a new version must clean; `has` still answers by name.
 */
function ourHighlightNames(doc: Document, highlightPrefix: string, known: readonly string[]): string[] {
  const registry = doc.defaultView?.CSS?.highlights;
  if (!registry) return [];
  const names: string[] = [];
  try {
    registry.forEach((_highlight, name) => {
      if (name.startsWith(highlightPrefix)) names.push(name);
    });
    return names;
  } catch {
    return known.filter((name) => registry.has(name));
  }
}

export function hasLeftovers(
  doc: Document,
  highlightPrefix: string,
  hostTag: string,
  known: readonly string[] = [],
): boolean {
  return ourHighlightNames(doc, highlightPrefix, known).length > 0 || doc.querySelector(hostTag) !== null;
}

export function removeLeftovers(
  doc: Document,
  highlightPrefix: string,
  hostTag: string,
  known: readonly string[] = [],
): void {
  const registry = doc.defaultView?.CSS?.highlights;
  for (const name of ourHighlightNames(doc, highlightPrefix, known)) registry?.delete(name);
  for (const host of doc.querySelectorAll(hostTag)) host.remove();
  try {
    const ours = (sheet: CSSStyleSheet): boolean => {
      const first = sheet.cssRules[0];
      return (
        first !== undefined &&
        'selectorText' in first &&
        String(first.selectorText).includes(`::highlight(${highlightPrefix}`)
      );
    };
    dropSheets(doc, ours);
  } catch {
    // Sheets of a dead script can be unreadable; they style nothing without their highlights.
  }
}
