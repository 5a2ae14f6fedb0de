/**
 * The card's open/close rules, with fake timers: dwell, a passing pointer, the grace period,
 * pins, Escape, outside presses and the click-only setting.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CardController, type CloseReason, GRACE_MS, type OpenReason } from '../../../src/content/card/controller';

type Event = ['open', string, OpenReason, boolean] | ['close', CloseReason] | ['prefetch', string];

function setup(options: { dwellMs?: number; openOn?: 'hover' | 'click' } = {}) {
  const events: Event[] = [];
  const settings = { dwellMs: options.dwellMs ?? 300, openOn: options.openOn ?? 'hover' };
  const controller = new CardController<string>({
    dwellMs: () => settings.dwellMs,
    openOn: () => settings.openOn,
    prefetch: (mention) => events.push(['prefetch', mention]),
    open: (mention, reason, pinned) => events.push(['open', mention, reason, pinned]),
    close: (reason) => events.push(['close', reason]),
  });
  const at = (mention: string) => controller.pointerAt({ kind: 'mention', mention });
  const nowhere = () => controller.pointerAt({ kind: 'nowhere' });
  const onCard = () => controller.pointerAt({ kind: 'card' });
  return { controller, events, settings, at, nowhere, onCard };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('hover', () => {
  it('opens after the dwell, not before, and loads the topic as soon as the pointer rests', () => {
    const { controller, events, at } = setup();
    at('a');
    expect(events).toEqual([['prefetch', 'a']]);
    vi.advanceTimersByTime(299);
    expect(controller.openMention).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(events).toEqual([
      ['prefetch', 'a'],
      ['open', 'a', 'hover', false],
    ]);
    expect(controller.openMention).toBe('a');
    expect(controller.pinned).toBe(false);
  });

  it('keeps counting while the pointer moves within the same mark', () => {
    const { controller, at } = setup();
    at('a');
    vi.advanceTimersByTime(200);
    at('a');
    vi.advanceTimersByTime(100);
    expect(controller.openMention).toBe('a');
  });

  it('opens nothing for a pointer that crosses marks on its way elsewhere', () => {
    const { controller, events, at, nowhere } = setup();
    at('a');
    vi.advanceTimersByTime(120);
    at('b');
    vi.advanceTimersByTime(120);
    nowhere();
    vi.advanceTimersByTime(2000);
    expect(controller.openMention).toBeUndefined();
    expect(events.filter(([kind]) => kind !== 'prefetch')).toEqual([]);
  });

  it('follows the setting: a dwell of 0 opens at once, a longer one waits longer', () => {
    const quick = setup({ dwellMs: 0 });
    quick.at('a');
    expect(quick.controller.openMention).toBe('a');
    const slow = setup({ dwellMs: 800 });
    slow.at('a');
    vi.advanceTimersByTime(700);
    expect(slow.controller.openMention).toBeUndefined();
    vi.advanceTimersByTime(100);
    expect(slow.controller.openMention).toBe('a');
  });

  it('stays open while the pointer crosses into the card within the grace period', () => {
    const { controller, events, at, nowhere, onCard } = setup();
    at('a');
    vi.advanceTimersByTime(300);
    nowhere();
    vi.advanceTimersByTime(GRACE_MS - 50);
    onCard();
    vi.advanceTimersByTime(5000);
    expect(controller.openMention).toBe('a');
    expect(events.at(-1)).toEqual(['open', 'a', 'hover', false]);
  });

  it('closes once the grace period passes with the pointer on neither mark nor card', () => {
    const { controller, events, at, nowhere, onCard } = setup();
    at('a');
    vi.advanceTimersByTime(300);
    onCard();
    nowhere();
    vi.advanceTimersByTime(GRACE_MS - 1);
    expect(controller.openMention).toBe('a');
    vi.advanceTimersByTime(1);
    expect(controller.openMention).toBeUndefined();
    expect(events.at(-1)).toEqual(['close', 'left']);
  });

  it('crossing another mark on the way to the card keeps the card', () => {
    const { controller, at, nowhere, onCard } = setup();
    at('a');
    vi.advanceTimersByTime(300);
    nowhere();
    vi.advanceTimersByTime(100);
    at('b');
    vi.advanceTimersByTime(100);
    onCard();
    vi.advanceTimersByTime(1000);
    expect(controller.openMention).toBe('a');
  });

  it('moves to another mark the pointer rests on', () => {
    const { controller, events, at } = setup();
    at('a');
    vi.advanceTimersByTime(300);
    at('b');
    vi.advanceTimersByTime(300);
    expect(controller.openMention).toBe('b');
    expect(events.filter(([kind]) => kind === 'open')).toEqual([
      ['open', 'a', 'hover', false],
      ['open', 'b', 'hover', false],
    ]);
  });
});

describe('pins and dismissal', () => {
  it('opens at once and pinned on a click, and then ignores the pointer', () => {
    const { controller, events, at, nowhere } = setup();
    controller.press('a');
    expect(events).toEqual([['open', 'a', 'click', true]]);
    nowhere();
    at('b');
    vi.advanceTimersByTime(5000);
    expect(controller.openMention).toBe('a');
    expect(controller.pinned).toBe(true);
  });

  it('pins a card already open on hover when its mark is clicked', () => {
    const { controller, at, nowhere } = setup();
    at('a');
    vi.advanceTimersByTime(300);
    controller.press('a');
    nowhere();
    vi.advanceTimersByTime(5000);
    expect(controller.openMention).toBe('a');
  });

  it('pin() keeps an open hover card (the reader acted inside it)', () => {
    const { controller, at, nowhere } = setup();
    at('a');
    vi.advanceTimersByTime(300);
    nowhere();
    controller.pin();
    vi.advanceTimersByTime(5000);
    expect(controller.openMention).toBe('a');
  });

  it('closes on Escape and on a press elsewhere', () => {
    const { controller, events } = setup();
    expect(controller.escape()).toBe(false);
    controller.press('a');
    expect(controller.escape()).toBe(true);
    controller.press('a', 'keyboard');
    controller.pressOutside();
    expect(events).toEqual([
      ['open', 'a', 'click', true],
      ['close', 'escape'],
      ['open', 'a', 'keyboard', true],
      ['close', 'outside'],
    ]);
  });

  it('Escape also stops a dwell in progress', () => {
    const { controller, at } = setup();
    at('a');
    expect(controller.escape()).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(controller.openMention).toBeUndefined();
  });

  it('follows a mention replaced by an equal one after a rescan', () => {
    const { controller, at, nowhere } = setup();
    at('a');
    vi.advanceTimersByTime(300);
    controller.replace('a', 'a2');
    nowhere();
    at('a2');
    vi.advanceTimersByTime(GRACE_MS * 2);
    expect(controller.openMention).toBe('a2');
  });
});

describe('click-only setting', () => {
  it('opens nothing on hover, however long the pointer rests', () => {
    const { controller, events, at } = setup({ openOn: 'click' });
    at('a');
    vi.advanceTimersByTime(5000);
    expect(controller.openMention).toBeUndefined();
    expect(events).toEqual([]);
    controller.press('a');
    expect(controller.openMention).toBe('a');
  });
});
