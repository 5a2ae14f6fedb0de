/**
 * Functions that run inside a page (passed to page.evaluate) to read what the extension did,
 * through the observable contracts only: the highlight registry and `yalu:scan` measures.
 * Each is self-contained: evaluate() sends the function's source, not its closure.
 */

/** Marks per topic: { 'korean-war': 2, ... } from CSS.highlights (names yalu-*). */
export function highlightCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  CSS.highlights.forEach((highlight, name) => {
    if (name.startsWith('yalu-') && highlight.size > 0) counts[name.slice(5)] = highlight.size;
  });
  return counts;
}

/** Every mark as { topic, text, inside: data-case of its element or id }. */
export function highlightedTexts(): { topic: string; text: string }[] {
  const out: { topic: string; text: string }[] = [];
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('yalu-')) return;
    for (const range of highlight) out.push({ topic: name.slice(5), text: (range as Range).toString() });
  });
  return out;
}

/**
 * For every element with data-case, the marks found inside it, as 'topic:count' pairs sorted and
 * joined by commas (the format of data-expect), plus what data-expect says.
 */
export function casesReport(): { name: string; expected: string; actual: string; texts: string[] }[] {
  const cases = [...document.querySelectorAll<HTMLElement>('[data-case]')];
  const found = new Map<HTMLElement, Map<string, number>>();
  const texts = new Map<HTMLElement, string[]>();
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('yalu-')) return;
    for (const abstract of highlight) {
      const range = abstract as Range;
      const owner = cases.find((element) => element.contains(range.startContainer));
      if (!owner) continue;
      const topic = name.slice(5);
      const counts = found.get(owner) ?? new Map<string, number>();
      counts.set(topic, (counts.get(topic) ?? 0) + 1);
      found.set(owner, counts);
      texts.set(owner, [...(texts.get(owner) ?? []), range.toString()]);
    }
  });
  return cases.map((element) => ({
    name: element.dataset.case ?? '',
    expected: element.dataset.expect ?? '',
    actual: [...(found.get(element) ?? new Map<string, number>())]
      .map(([topic, count]) => `${topic}:${count}`)
      .sort()
      .join(','),
    texts: texts.get(element) ?? [],
  }));
}

/** Number of yalu:scan measures recorded so far. */
export function scanCount(): number {
  return performance.getEntriesByName('yalu:scan').length;
}

/** Ranges whose text has left the document (there should be none). */
export function detachedRanges(): number {
  let detached = 0;
  CSS.highlights.forEach((highlight, name) => {
    if (!name.startsWith('yalu-')) return;
    for (const range of highlight) {
      const r = range as Range;
      if (!r.startContainer.isConnected || !r.endContainer.isConnected || r.collapsed) detached++;
    }
  });
  return detached;
}

/**
 * Init script: remembers the body's markup when the DOM is ready, before the content script
 * runs at document_idle, so a test can check that the extension changed nothing.
 */
export const SNAPSHOT_DOM_AT_READY = `
  document.addEventListener('DOMContentLoaded', () => {
    window.__yaluDomBefore = document.documentElement.outerHTML;
  }, { once: true });
`;

export function domUnchanged(): boolean | string {
  const before = (window as unknown as { __yaluDomBefore?: string }).__yaluDomBefore;
  if (before === undefined) return 'no snapshot';
  const after = document.documentElement.outerHTML;
  if (before === after) return true;
  let index = 0;
  while (index < before.length && before[index] === after[index]) index++;
  return `differs at ${index}: before …${before.slice(index - 40, index + 80)}… after …${after.slice(index - 40, index + 80)}…`;
}

const PROBES = { highlightCounts, highlightedTexts, casesReport, scanCount, detachedRanges, domUnchanged };

export type Probes = typeof PROBES;

declare global {
  interface Window {
    /** The probes above, installed in every test page by the suite (see suite.ts). */
    yaluProbes: Probes;
  }
}

/** Init script that defines `window.yaluProbes` in every document a test tab loads. */
export const PROBES_INIT_SCRIPT = `window.yaluProbes = {${Object.entries(PROBES)
  .map(([name, fn]) => `${name}: ${fn.toString()}`)
  .join(',\n')}};`;
