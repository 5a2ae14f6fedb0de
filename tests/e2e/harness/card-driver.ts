/**
 * Driving the in-page card from a test, through what a user does (the pointer) and what the
 * page can read (the highlight registry, the `<yalu-lens>` open shadow root). The page functions
 * here are self-contained: evaluate() sends a function's source, not its closure.
 *
 * card.e2e.ts keeps its own copies of the first few; these are for the hostile-page suites.
 */
import type { TestPage } from './browsers.ts';

export const DWELL_MS = 300;

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface MarkPoint {
  x: number;
  y: number;
  text: string;
}

/** Page function: centres of the first line box of each mark of `topic`, in document order. */
export function markPoints(topic: string): MarkPoint[] {
  const highlight = CSS.highlights.get(`yalu-${topic}`);
  const ranges = [...(highlight ?? [])] as Range[];
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  return ranges.flatMap((range) => {
    const rect = [...range.getClientRects()].find((box) => box.width > 0);
    return rect ? [{ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, text: range.toString() }] : [];
  });
}

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
  width: number;
  height: number;
}

export interface CardState {
  host: boolean;
  open: boolean;
  name?: string;
  rect?: Box;
  /** The popover's computed display, visibility and opacity, and checkVisibility() of the card. */
  display?: string;
  visibility?: string;
  opacity?: string;
  visible?: boolean;
}

/** Page function: what the card shows, read through the shadow root. */
export function cardState(): CardState {
  const host = document.querySelector('yalu-lens');
  const root = host?.shadowRoot;
  const dialog = root?.querySelector('[role="dialog"]') as HTMLElement | null | undefined;
  if (!root || !dialog) return { host: Boolean(host), open: false };
  const labelledBy = dialog.getAttribute('aria-labelledby') ?? '';
  const popover = root.querySelector('.yl-popover') as HTMLElement;
  const box = popover.getBoundingClientRect();
  const style = getComputedStyle(popover);
  return {
    host: true,
    open: popover.matches(':popover-open') && popover.hasAttribute('data-placed'),
    name: root.getElementById(labelledBy)?.textContent ?? '',
    rect: { top: box.top, left: box.left, bottom: box.bottom, right: box.right, width: box.width, height: box.height },
    display: style.display,
    visibility: style.visibility,
    opacity: style.opacity,
    visible: dialog.checkVisibility({ opacityProperty: true, visibilityProperty: true } as CheckVisibilityOptions),
  };
}

/** Page function: the centre of the card's control whose text or label is `label`. */
export function controlCenter(label: string): { x: number; y: number } | null {
  const root = document.querySelector('yalu-lens')?.shadowRoot;
  const controls = [...(root?.querySelectorAll<HTMLElement>('button, a, summary') ?? [])];
  const control = controls.find(
    (element) => element.textContent?.trim() === label || element.getAttribute('aria-label') === label,
  );
  if (!control) return null;
  control.scrollIntoView({ block: 'nearest' });
  const rect = control.getBoundingClientRect();
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}

export async function waitForMarks(page: TestPage, topic: string, timeout = 10_000): Promise<MarkPoint[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const points = await page.evaluate(markPoints, topic);
    if (points.length > 0) return points;
    if (Date.now() > deadline) throw new Error(`no visible ${topic} marks after ${timeout} ms`);
    await sleep(50);
  }
}

export async function waitForCard(page: TestPage, name?: string, timeout = 5_000): Promise<CardState> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const current = await page.evaluate(cardState);
    if (current.open && (!name || current.name === name)) return current;
    if (Date.now() > deadline) throw new Error(`no card${name ? ` for ${name}` : ''}: ${JSON.stringify(current)}`);
    await sleep(40);
  }
}

/**
 * The open card once its opening transition (0.14 s from opacity 0) has ended, or its state at
 * `timeout` if it never does: a loaded machine can take longer than any fixed pause (Firefox ESR
 * was caught at opacity 0.47 after 300 ms in CI), and the caller's assertions say what is wrong.
 */
export async function waitForSettledCard(page: TestPage, timeout = 3_000): Promise<CardState> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const current = await page.evaluate(cardState);
    if (current.opacity === '1' || Date.now() > deadline) return current;
    await sleep(40);
  }
}

export async function waitForNoCard(page: TestPage, timeout = 5_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await page.evaluate(cardState)).open) {
    if (Date.now() > deadline) throw new Error('the card stayed open');
    await sleep(40);
  }
}

/** Moves the pointer onto `point` from a little way off, as a hand does, and rests there. */
export async function hover(page: TestPage, point: { x: number; y: number }): Promise<void> {
  // Firefox refuses a move outside the viewport: a mark near the left edge starts from the edge.
  await page.mouseMove(Math.max(1, point.x - 120), point.y + 40);
  await page.mouseMove(Math.max(1, point.x - 20), point.y + 5);
  await page.mouseMove(point.x, point.y);
}

/**
 * Init script: the body's markup when the DOM is ready, before the content script (document_idle)
 * runs. The card's host goes after <body>, so the body must read the same at the end.
 */
export const SNAPSHOT_BODY_AT_READY = `
  document.addEventListener('DOMContentLoaded', () => {
    window.__yaluBodyBefore = document.body ? document.body.outerHTML : '';
  }, { once: true });
`;

/** Page function: true when the body's markup is as it was at DOMContentLoaded, else where it differs. */
export function bodyUnchanged(): true | string {
  const before = (window as unknown as { __yaluBodyBefore?: string }).__yaluBodyBefore;
  if (before === undefined) return 'no snapshot';
  const after = document.body ? document.body.outerHTML : '';
  if (before === after) return true;
  let index = 0;
  while (index < before.length && before[index] === after[index]) index++;
  return `differs at ${index}: before …${before.slice(index - 40, index + 80)}… after …${after.slice(index - 40, index + 80)}…`;
}
