// @vitest-environment happy-dom
/**
 * How much the scanner rescans when a page changes, and how its passes are sliced: what keeps a
 * growing feed from being rescanned whole on every append (a quadratic cost the benchmark found)
 * and a batch of many small roots from making one long task.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Scanner } from '../../../src/content/scanner';
import { CORE_TOPIC_IDS } from '../../../src/knowledge/types';
import { createTopicMatcher } from '../../../src/matching';
import { RecordingHighlighter } from './recording-highlighter';

let scanner: Scanner | undefined;

async function start(html: string, options: { sliceMs?: number } = {}) {
  document.body.innerHTML = html;
  const highlighter = new RecordingHighlighter();
  scanner = new Scanner(document, createTopicMatcher(CORE_TOPIC_IDS), highlighter.asHighlighter, {
    mutationDelayMs: 0,
    ...options,
  });
  await scanner.start();
  performance.clearMeasures('yalu:scan');
  return highlighter;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((done) => setTimeout(done, 5));
}

/** Text nodes read by the passes since the last clear, from their `yalu:scan` measures. */
function textNodesScanned(): number {
  return performance
    .getEntriesByName('yalu:scan')
    .reduce((total, entry) => total + ((entry as PerformanceMeasure).detail as { textNodes: number }).textNodes, 0);
}

afterEach(() => {
  scanner?.dispose();
  scanner = undefined;
  document.body.innerHTML = '';
  performance.clearMeasures('yalu:scan');
});

const story = (text: string) => `\n<article><h2>Story</h2><p>${text}</p></article>`;

describe('rescans after changes', () => {
  it('scans only the stories appended to a feed, not the feed again', async () => {
    const old = Array.from({ length: 20 }, () => story('Nothing to see here.')).join('');
    const marks = await start(`<main id="feed">${old}\n</main>`);
    const feed = document.getElementById('feed') as HTMLElement;
    feed.insertAdjacentHTML('beforeend', `${story('Veterans of the Korean War met.')}\n`);
    await settle();
    expect(marks.texts()).toEqual(['Korean War']);
    // The new story's text nodes and the white space around it, not the 20 stories before it.
    expect(textNodesScanned()).toBeLessThan(10);
  });

  it('still rescans the run when white space joins two inline pieces of text', async () => {
    const marks = await start('<p id="p"><span>Korean</span><span>War</span></p>');
    expect(marks.texts()).toEqual([]);
    const p = document.getElementById('p') as HTMLElement;
    p.insertBefore(document.createTextNode(' '), p.lastChild);
    await settle();
    expect(marks.texts()).toEqual(['Korean War']);
  });

  it('still rescans a block whose block child between two inline texts goes away', async () => {
    const marks = await start('<div id="d">The Korean<div id="x"></div> War</div>');
    expect(marks.texts()).toEqual([]);
    document.getElementById('x')?.remove();
    await settle();
    expect(marks.texts()).toEqual(['Korean War']);
  });

  it('still rescans a feed when inline text is appended to it directly', async () => {
    const marks = await start(`<main id="feed">${story('Nothing.')}\nThe Korean</main>`);
    document.getElementById('feed')?.append(' War');
    await settle();
    expect(marks.texts()).toEqual(['Korean War']);
  });
});

describe('slices', () => {
  it('makes one batch of mutations one pass', async () => {
    await start('<main id="feed"></main>');
    const feed = document.getElementById('feed') as HTMLElement;
    const passesBefore = scanner?.passes ?? 0;
    for (let index = 0; index < 30; index++) feed.insertAdjacentHTML('beforeend', story(`Item ${index}.`));
    for (let waited = 0; (scanner?.passes ?? 0) === passesBefore && waited < 200; waited++) await settle();
    await settle();
    expect((scanner?.passes ?? 0) - passesBefore).toBe(1);
    expect(performance.getEntriesByName('yalu:scan')).toHaveLength(1);
    expect(textNodesScanned()).toBeGreaterThanOrEqual(60);
  });

  it('shares one deadline among the roots of a pass, so many small roots still yield', async () => {
    await start('<main id="feed"></main>', { sliceMs: 0 });
    let yields = 0;
    const scope = globalThis as { scheduler?: unknown };
    const saved = scope.scheduler;
    scope.scheduler = {
      yield: () => {
        yields++;
        return new Promise((done) => setTimeout(done, 0));
      },
    };
    try {
      const feed = document.getElementById('feed') as HTMLElement;
      for (let index = 0; index < 30; index++) feed.insertAdjacentHTML('beforeend', story(`Item ${index}.`));
      const passesBefore = scanner?.passes ?? 0;
      for (let waited = 0; (scanner?.passes ?? 0) === passesBefore && waited < 200; waited++) await settle();
      // One pass over the 30 new stories; with a shared deadline of 0 ms it yields between them
      // (each root on its own deadline finished before its first check, and never yielded), and
      // still reads every one of them.
      expect((scanner?.passes ?? 0) - passesBefore).toBe(1);
      expect(yields).toBeGreaterThanOrEqual(10);
      expect(textNodesScanned()).toBeGreaterThanOrEqual(60);
    } finally {
      scope.scheduler = saved;
    }
  });

  it('matches a very long run in pieces between yields, finding names across the seams once', async () => {
    // One text node of about 300,000 characters (a page can be one huge paragraph): names placed
    // on the piece boundaries (every 65,536 characters), a near miss across one, and a name at the end.
    const PIECE = 65_536;
    const filler = (length: number) => 'lorem ipsum dolor sit amet '.repeat(Math.ceil(length / 27)).slice(0, length);
    let text = '';
    const place = (at: number, words: string) => {
      text += filler(at - text.length) + words;
    };
    place(PIECE - 5, ' Korean War ');
    place(2 * PIECE - 1, ' Korean Warriors ');
    place(3 * PIECE, ' Sino-Vietnamese War ');
    place(4 * PIECE + 3, ' Korean War ');
    text += `${filler(20_000)} the Korean War`;
    let yields = 0;
    const scope = globalThis as { scheduler?: unknown };
    const saved = scope.scheduler;
    scope.scheduler = {
      yield: () => {
        yields++;
        return new Promise((done) => setTimeout(done, 0));
      },
    };
    try {
      document.body.innerHTML = '<p id="long"></p>';
      (document.getElementById('long') as HTMLElement).textContent = text;
      const highlighter = new RecordingHighlighter();
      scanner = new Scanner(document, createTopicMatcher(CORE_TOPIC_IDS), highlighter.asHighlighter, {
        mutationDelayMs: 0,
        sliceMs: 0,
      });
      await scanner.start();
      expect(highlighter.texts()).toEqual(['Korean War', 'Korean War', 'Korean War', 'Sino-Vietnamese War']);
      // Five pieces, each after a yield (the deadline is 0 ms).
      expect(yields).toBeGreaterThanOrEqual(4);
      const starts = [...highlighter.marks.keys()].map((range) => range.startOffset).sort((a, b) => a - b);
      expect(starts).toEqual([PIECE - 4, 3 * PIECE + 1, 4 * PIECE + 4, text.length - 'Korean War'.length]);
    } finally {
      scope.scheduler = saved;
    }
  });

  it('leaves a long run alone when its text is cut short while it is being matched', async () => {
    const text = `${'lorem ipsum '.repeat(20_000)} the Korean War`;
    document.body.innerHTML = '<p id="long"></p>';
    const p = document.getElementById('long') as HTMLElement;
    p.textContent = text;
    const scope = globalThis as { scheduler?: unknown };
    const saved = scope.scheduler;
    let cut = false;
    scope.scheduler = {
      yield: () => {
        if (!cut) {
          cut = true;
          (p.firstChild as Text).data = 'The Korean War, shorter now.';
        }
        return new Promise((done) => setTimeout(done, 0));
      },
    };
    try {
      const highlighter = new RecordingHighlighter();
      scanner = new Scanner(document, createTopicMatcher(CORE_TOPIC_IDS), highlighter.asHighlighter, {
        mutationDelayMs: 0,
        sliceMs: 0,
      });
      await scanner.start();
      await settle();
      await settle();
      // No Range past the end of the text (that would throw), and the edit was rescanned.
      expect(highlighter.texts()).toEqual(['Korean War']);
    } finally {
      scope.scheduler = saved;
    }
  });
});
