/**
 * When the card opens and closes: dwell, grace, pin, Escape and outside presses, as a small state
 * machine with no DOM in it. The conventions are Wikipedia's Page Previews and WCAG 1.4.13:
 *
 * - the pointer must rest on a mark for the dwell time before its card opens, so a pointer that
 *   merely crosses a mark opens nothing;
 * - once open, the card survives the pointer leaving the mark for a grace period, long enough to
 *   cross the gap into the card, and stays while the pointer is on the card or the mark;
 * - a click (or tap) on a mark opens its card at once and pins it: a pinned card ignores where the
 *   pointer goes and closes only when dismissed (Escape, a press elsewhere, the close button, or
 *   its mark scrolling out of view);
 * - with cards set to open on click only, hover does nothing at all.
 *
 * Generic over what a mention is, so tests drive it with plain values and fake timers.
 */

export type OpenReason = 'hover' | 'click' | 'keyboard';
export type CloseReason = 'left' | 'escape' | 'outside' | 'dismissed' | 'hidden' | 'gone';

/** Where the pointer is, as far as the card is concerned. */
export type PointerPlace<M> =
  | { readonly kind: 'mention'; readonly mention: M }
  | { readonly kind: 'card' }
  | { readonly kind: 'nowhere' };

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ControllerHost<M> {
  dwellMs(): number;
  openOn(): 'hover' | 'click';
  /** The pointer began to rest on a mention: a good moment to load its topic. */
  prefetch(mention: M): void;
  /** Show (or move) the card for `mention`. Called again for the open mention when it gets pinned. */
  open(mention: M, reason: OpenReason, pinned: boolean): void;
  close(reason: CloseReason): void;
}

/** About the time it takes to move a pointer from a mark across the gap into its card. */
export const GRACE_MS = 300;

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

type State<M> =
  | { readonly kind: 'idle' }
  | { readonly kind: 'dwelling'; readonly mention: M }
  | { readonly kind: 'open'; readonly mention: M; readonly pinned: boolean };

export class CardController<M> {
  private state: State<M> = { kind: 'idle' };
  /** The mention a dwell timer is running for (while idle, or over another mark while open). */
  private dwellTarget: M | undefined;
  private dwellTimer: unknown;
  private graceTimer: unknown;

  constructor(
    private readonly host: ControllerHost<M>,
    private readonly timers: Timers = realTimers,
    private readonly graceMs = GRACE_MS,
  ) {}

  /** The mention whose card is open, if one is. */
  get openMention(): M | undefined {
    return this.state.kind === 'open' ? this.state.mention : undefined;
  }

  get pinned(): boolean {
    return this.state.kind === 'open' && this.state.pinned;
  }

  /** The pointer moved (already throttled to animation frames by the caller). */
  pointerAt(place: PointerPlace<M>): void {
    const { state } = this;
    if (place.kind === 'card') {
      if (state.kind === 'open') {
        this.cancelGrace();
        this.cancelDwell();
      }
      return;
    }
    if (place.kind === 'nowhere') {
      this.cancelDwell();
      if (state.kind === 'dwelling') this.state = { kind: 'idle' };
      if (state.kind === 'open' && !state.pinned) this.startGrace();
      return;
    }
    const { mention } = place;
    if (state.kind === 'open' && state.mention === mention) {
      this.cancelGrace();
      this.cancelDwell();
      return;
    }
    if (state.kind === 'open' && state.pinned) return;
    if (this.host.openOn() !== 'hover') {
      // Click-only: the pointer over another mark counts as having left the open one.
      if (state.kind === 'open') this.startGrace();
      return;
    }
    if (state.kind === 'open') this.cancelGrace();
    else this.state = { kind: 'dwelling', mention };
    this.startDwell(mention);
  }

  /** A click or tap on a mention: opens its card at once, pinned. */
  press(mention: M, reason: 'click' | 'keyboard' = 'click'): void {
    this.show(mention, reason, true);
  }

  /** A press anywhere that is neither the card nor a mark. */
  pressOutside(): void {
    this.close('outside');
  }

  /** Escape: returns whether it closed (or stopped) anything. */
  escape(): boolean {
    const busy = this.state.kind !== 'idle';
    this.close('escape');
    return busy;
  }

  /** Keeps the card open whatever the pointer does (the user acted inside it). */
  pin(): void {
    if (this.state.kind === 'open' && !this.state.pinned) {
      this.cancelGrace();
      this.state = { kind: 'open', mention: this.state.mention, pinned: true };
    }
  }

  /** The open mention was replaced by an equal one (its block was rescanned). */
  replace(previous: M, next: M): void {
    if (this.state.kind !== 'idle' && this.state.mention === previous) this.state = { ...this.state, mention: next };
    if (this.dwellTarget === previous) this.dwellTarget = next;
  }

  close(reason: CloseReason): void {
    this.cancelDwell();
    this.cancelGrace();
    const wasOpen = this.state.kind === 'open';
    this.state = { kind: 'idle' };
    if (wasOpen) this.host.close(reason);
  }

  private show(mention: M, reason: OpenReason, pinned: boolean): void {
    this.cancelDwell();
    this.cancelGrace();
    this.state = { kind: 'open', mention, pinned };
    this.host.open(mention, reason, pinned);
  }

  private startDwell(mention: M): void {
    if (this.dwellTarget === mention) return;
    this.cancelDwell();
    this.dwellTarget = mention;
    this.host.prefetch(mention);
    const fire = () => {
      this.dwellTimer = undefined;
      this.dwellTarget = undefined;
      this.show(mention, 'hover', false);
    };
    const ms = this.host.dwellMs();
    if (ms <= 0) fire();
    else this.dwellTimer = this.timers.set(fire, ms);
  }

  private cancelDwell(): void {
    if (this.dwellTimer !== undefined) this.timers.clear(this.dwellTimer);
    this.dwellTimer = undefined;
    this.dwellTarget = undefined;
  }

  private startGrace(): void {
    if (this.graceTimer !== undefined) return;
    this.graceTimer = this.timers.set(() => {
      this.graceTimer = undefined;
      this.close('left');
    }, this.graceMs);
  }

  private cancelGrace(): void {
    if (this.graceTimer !== undefined) this.timers.clear(this.graceTimer);
    this.graceTimer = undefined;
  }
}
