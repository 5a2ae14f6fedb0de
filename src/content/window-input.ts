/**
 * The content script's listeners on the window, added the moment the script runs (document_start,
 * before any script of the page): listeners on the same target in the same phase run in the
 * order they were added, so a page that calls stopImmediatePropagation() in its own capturing
 * listeners on window cannot keep pointer and key events from the card.
 *
 * One listener per event type, all in the capture phase; features subscribe to them later (the
 * card once settings are read and the page is parsed). Pointer listeners are passive; keydown is
 * not, because Escape and the walking keys are consumed while focus is in the card.
 */

export type InputType = 'pointermove' | 'pointerout' | 'pointerdown' | 'click' | 'keydown';

type Handler = (event: Event) => void;

const TYPES: readonly InputType[] = ['pointermove', 'pointerout', 'pointerdown', 'click', 'keydown'];

export class WindowInput {
  private readonly handlers = new Map<InputType, Set<Handler>>();
  private readonly listeners: [InputType, Handler][] = [];
  /** Called before each event is handed on; returning false drops it (the extension went away). */
  gate: () => boolean = () => true;

  constructor(private readonly view: Window) {
    for (const type of TYPES) {
      const listener: Handler = (event) => {
        const handlers = this.handlers.get(type);
        if (!handlers || handlers.size === 0 || !this.gate()) return;
        for (const handler of handlers) handler(event);
      };
      view.addEventListener(type, listener, { capture: true, passive: type !== 'keydown' });
      this.listeners.push([type, listener]);
    }
  }

  on<E extends Event>(type: InputType, handler: (event: E) => void): () => void {
    let handlers = this.handlers.get(type);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(type, handlers);
    }
    handlers.add(handler as Handler);
    return () => handlers.delete(handler as Handler);
  }

  dispose(): void {
    for (const [type, listener] of this.listeners) this.view.removeEventListener(type, listener, { capture: true });
    this.listeners.length = 0;
    this.handlers.clear();
  }
}

const EARLY_SLOT = Symbol.for('yalu-lens.early-input');

/** Adds the window's listeners once per world (early.ts), before the page's own scripts run. */
export function installEarlyInput(scope: object, view: Window): WindowInput {
  const holder = scope as { [EARLY_SLOT]?: WindowInput };
  holder[EARLY_SLOT] ??= new WindowInput(view);
  return holder[EARLY_SLOT];
}

/**
 * The listeners early.ts added, taken over by the main script (it may be alone: injected into a
 * tab open before an update, where it is too late to be first anyway).
 */
export function takeEarlyInput(scope: object, view: Window): WindowInput {
  const holder = scope as { [EARLY_SLOT]?: WindowInput };
  const input = holder[EARLY_SLOT] ?? new WindowInput(view);
  // Taken: a later instance in this world (after an update) adds its own.
  delete holder[EARLY_SLOT];
  return input;
}
