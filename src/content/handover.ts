/**
 * The meeting point of the parts of the content script in one world (a frame's isolated world,
 * which all of an extension's content scripts there share): the lookout (index.ts), which runs on
 * every page, the marker (marker.ts), which the background runs into a frame only when it is
 * needed, and the custom-terms mark (custom-terms-mark.ts), which runs only while the reader has
 * custom terms. Nothing here touches an extension API: on a page with no mention, the lookout's
 * first use of `runtime` or `storage` cost it about 0.5 ms each.
 */

const ARRIVAL = Symbol.for('yalu-lens.marker-arrival');
const CUSTOM_TERMS = Symbol.for('yalu-lens.custom-terms');

type Scope = { [ARRIVAL]?: () => void; [CUSTOM_TERMS]?: boolean };

/**
 * Called by a lookout when it starts: `onArrival` runs when a marker starts in this world, woken
 * by this lookout or run in by the background for the popup. The latest
 * lookout's callback replaces any earlier one (a lookout injected after an update).
 */
export function awaitMarker(scope: object, onArrival: () => void): void {
  (scope as Scope)[ARRIVAL] = onArrival;
}

/** Called by the marker as it starts: the lookout stops looking (the marker scans for itself). */
export function markerArrived(scope: object): void {
  const onArrival = (scope as Scope)[ARRIVAL];
  (scope as Scope)[ARRIVAL] = undefined;
  onArrival?.();
}

/** Called by the custom-terms mark, which runs before the lookout (document_start). */
export function markCustomTerms(scope: object): void {
  (scope as Scope)[CUSTOM_TERMS] = true;
}

/**
 * Whether the reader has custom terms, which the lookout's name screen does not know: the
 * background registers the custom-terms mark for every frame while there are any
 * (src/background/custom-terms.ts), so the lookout need not read the settings on every page.
 */
export function hasCustomTerms(scope: object): boolean {
  return (scope as Scope)[CUSTOM_TERMS] === true;
}
