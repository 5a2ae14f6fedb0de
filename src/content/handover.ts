/**
 * The meeting point of the two parts of the content script in one world (a frame's isolated
 * world, which all of an extension's content scripts there share): the lookout (index.ts), which
 * runs on every page, and the marker (marker.ts), which the background runs into a frame only
 * when the lookout asks for it. A message that reached the lookout before the marker was there is
 * handed on to the marker once it is.
 */
import type { ContentMessage } from '../messages';

export interface MarkerHandle {
  /** Answers a message from the popup or the background, as the marker's own listener would. */
  handle(message: ContentMessage): Promise<unknown>;
}

interface Deferred {
  readonly promise: Promise<MarkerHandle>;
  resolve(handle: MarkerHandle): void;
}

const SLOT = Symbol.for('yalu-lens.handover');

/**
 * Called by a lookout when it starts: the marker that this lookout will wake. A new slot each time,
 * so a lookout injected after an update never waits on the marker of the version before.
 */
export function expectMarker(scope: object): Promise<MarkerHandle> {
  let resolve: (handle: MarkerHandle) => void = () => undefined;
  const promise = new Promise<MarkerHandle>((done) => {
    resolve = done;
  });
  (scope as { [SLOT]?: Deferred })[SLOT] = { promise, resolve };
  return promise;
}

/** Called by the marker once it answers messages itself. */
export function markerReady(scope: object, handle: MarkerHandle): void {
  (scope as { [SLOT]?: Deferred })[SLOT]?.resolve(handle);
}
