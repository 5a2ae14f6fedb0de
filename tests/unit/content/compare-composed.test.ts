// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { compareComposed } from '../../../src/content/scanner';

function rangeIn(node: Node): Range {
  const range = document.createRange();
  range.setStart(node, 0);
  range.setEnd(node, 1);
  return range;
}

describe('compareComposed', () => {
  it('orders ranges in the document and in shadow roots by where they are read', () => {
    document.body.innerHTML = '<p id="a">A</p><div id="host"></div><p id="c">C</p>';
    const host = document.getElementById('host') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>B1</p><div id="inner"></div><p>B3</p>';
    const inner = shadow.getElementById('inner') as HTMLElement;
    inner.attachShadow({ mode: 'open' }).innerHTML = '<p>B2</p>';
    const text = (element: Element | null | undefined) => element?.firstChild as Node;
    const ranges = {
      a: rangeIn(text(document.getElementById('a'))),
      b1: rangeIn(text(shadow.querySelector('p'))),
      b2: rangeIn(text(inner.shadowRoot?.querySelector('p'))),
      b3: rangeIn(text(shadow.querySelectorAll('p')[1])),
      c: rangeIn(text(document.getElementById('c'))),
    };
    const shuffled = [ranges.c, ranges.b3, ranges.a, ranges.b2, ranges.b1];
    const names = new Map(Object.entries(ranges).map(([name, range]) => [range, name]));
    expect(shuffled.sort(compareComposed).map((range) => names.get(range))).toEqual(['a', 'b1', 'b2', 'b3', 'c']);
  });
});
