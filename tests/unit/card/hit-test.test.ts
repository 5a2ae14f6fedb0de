/**
 * Hit-testing against fakes of the two browser APIs: which mention is under a point, with
 * `highlightsFromPoint` (both result shapes) and with the caret fallback checked against rects.
 */
import { describe, expect, it } from 'vitest';
import { mentionAt, rangeContainsPoint } from '../../../src/content/card/hit-test';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const root = { name: 'document' };
const text = { getRootNode: () => root };

/** A Range over text offsets [start, end) of one text node, drawn in `boxes`. */
function fakeRange(start: number, end: number, boxes: Box[]): Range {
  return {
    startContainer: text,
    getClientRects: () => boxes.map((box) => ({ ...box, width: box.right - box.left, height: box.bottom - box.top })),
    isPointInRange: (node: unknown, offset: number) => node === text && offset >= start && offset <= end,
  } as unknown as Range;
}

const first = { topic: 'korean-war', range: fakeRange(4, 14, [{ left: 40, top: 10, right: 120, bottom: 30 }]) };
// Wrapped over two lines.
const second = {
  topic: 'sino-vietnamese-war',
  range: fakeRange(30, 50, [
    { left: 300, top: 10, right: 400, bottom: 30 },
    { left: 0, top: 30, right: 60, bottom: 50 },
  ]),
};
const index = new Map<AbstractRange, typeof first>([
  [first.range, first],
  [second.range, second],
]);

function withHighlights(hits: (x: number, y: number) => unknown[]): Document {
  return { defaultView: { CSS: { highlights: { highlightsFromPoint: hits } } } } as unknown as Document;
}

function withCaret(caret: (x: number, y: number) => { offsetNode: unknown; offset: number } | null): Document {
  return { defaultView: { CSS: { highlights: {} } }, caretPositionFromPoint: caret } as unknown as Document;
}

describe('rangeContainsPoint', () => {
  it('is true inside any line box and false in the gap past a line end', () => {
    expect(rangeContainsPoint(second.range, 20, 40)).toBe(true);
    expect(rangeContainsPoint(second.range, 350, 20)).toBe(true);
    expect(rangeContainsPoint(second.range, 200, 40)).toBe(false);
  });
});

describe('with highlightsFromPoint', () => {
  it('returns the mention whose range the browser reports', () => {
    const doc = withHighlights(() => [{ highlight: {}, ranges: [second.range] }]);
    expect(mentionAt(doc, 20, 40, index)).toBe(second);
  });

  it('ignores ranges that are not mentions (another extension’s highlights)', () => {
    const doc = withHighlights(() => [{ highlight: {}, ranges: [fakeRange(0, 1, [])] }]);
    expect(mentionAt(doc, 20, 40, index)).toBeUndefined();
  });

  it('understands the older shape that names only the highlights', () => {
    const highlight = { has: (range: AbstractRange) => range === first.range || range === second.range };
    const doc = withHighlights(() => [highlight]);
    expect(mentionAt(doc, 50, 20, index)).toBe(first);
    expect(mentionAt(doc, 200, 40, index)).toBeUndefined();
  });

  it('passes the shadow roots that hold mentions', () => {
    const seen: unknown[] = [];
    const doc = withHighlights((_x, _y, ...rest: unknown[]) => {
      seen.push(rest[0]);
      return [];
    });
    const shadow = {} as ShadowRoot;
    mentionAt(doc, 0, 0, index, [shadow]);
    mentionAt(doc, 0, 0, index, []);
    expect(seen).toEqual([{ shadowRoots: [shadow] }, undefined]);
  });
});

describe('with the caret fallback', () => {
  it('finds the mention around the caret when the point is on its text', () => {
    const doc = withCaret(() => ({ offsetNode: text, offset: 8 }));
    expect(mentionAt(doc, 60, 20, index)).toBe(first);
  });

  it('refuses a caret that snapped to a mention from blank space past the line end', () => {
    const doc = withCaret(() => ({ offsetNode: text, offset: 14 }));
    expect(mentionAt(doc, 200, 20, index)).toBeUndefined();
  });

  it('answers nothing where there are no mentions, without asking the browser', () => {
    const doc = withCaret(() => {
      throw new Error('should not be called');
    });
    expect(mentionAt(doc, 60, 20, new Map())).toBeUndefined();
  });
});
