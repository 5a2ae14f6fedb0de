// @vitest-environment happy-dom
/**
 * The first look at a page (src/content/candidates.ts) feeds the page's text to the prefilter as
 * one stream, which must hold every run the exact walk (text-runs.ts) matches: where the two read
 * a page differently, a fresh scan missed a name. Each case is one the DOM fuzz test
 * (scanner-fuzz.test.ts) shrank a failure to, which a fresh scan left unmarked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CandidateWalker } from '../../../src/content/candidates';
import { Scanner } from '../../../src/content/scanner';
import { CORE_TOPIC_IDS } from '../../../src/knowledge/types';
import { createTopicMatcher } from '../../../src/matching';
import { RecordingHighlighter } from './recording-highlighter';

let scanner: Scanner | undefined;

async function scan(html: string) {
  document.body.innerHTML = html;
  const highlighter = new RecordingHighlighter();
  scanner = new Scanner(document, createTopicMatcher(CORE_TOPIC_IDS), highlighter.asHighlighter, {
    mutationDelayMs: 0,
  });
  await scanner.start();
  return highlighter;
}

afterEach(() => {
  vi.restoreAllMocks();
  scanner?.dispose();
  scanner = undefined;
  document.body.innerHTML = '';
});

describe('the first look reads a page as the exact walk does', () => {
  it('puts no separator in the stream for a <br> inside a skipped element', async () => {
    // The exact walk never enters the <video>: its run is "Korean War".
    const marks = await scan('<p>Kor<video>Fallback<br></video>ean War</p>');
    expect(marks.topics()).toEqual(['korean-war']);
  });

  it('keeps the separator of a <br> that a skipped element follows', async () => {
    // The exact run is "Korean\nWar"; the stream said "KoreanWar" once the style's text was dropped.
    const marks = await scan('<p>Korean<br><style>p {}</style>War</p>');
    expect(marks.topics()).toEqual(['korean-war']);
  });

  it('reads the rest of the page when the part it stopped in moves further on', async () => {
    document.body.innerHTML = '<div id="bulk"></div><p>The Korean War.</p>';
    const bulk = document.getElementById('bulk') as HTMLElement;
    // Enough text nodes that the first look stops inside them (it looks at the clock every 128).
    for (let index = 0; index < 300; index++) bulk.append('x');
    // Every look at the clock is past the deadline, so the walk stops at its first check.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => ++now);
    const walk = CandidateWalker.prototype.walk;
    let stopped = () => {};
    const waits = new Promise<void>((done) => {
      stopped = done;
    });
    vi.spyOn(CandidateWalker.prototype, 'walk').mockImplementation(function (this: CandidateWalker, deadline) {
      const finished = walk.call(this, deadline);
      if (!finished) stopped();
      return finished;
    });
    const highlighter = new RecordingHighlighter();
    scanner = new Scanner(document, createTopicMatcher(CORE_TOPIC_IDS), highlighter.asHighlighter, {
      mutationDelayMs: 0,
      sliceMs: 0,
    });
    const started = scanner.start();
    await waits;
    // A block moved between blocks changes no run, so the move itself rescans only the block.
    document.body.append(bulk);
    await started;
    for (let i = 0; i < 10; i++) await new Promise((done) => setTimeout(done, 5));
    expect(highlighter.texts()).toEqual(['Korean War']);
  });

  it('finds the shadow root of the tree root itself (a <body> made a shadow host)', async () => {
    document.body.innerHTML = '';
    const shadow = document.body.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>The Korean War.</p>';
    const marks = await scan('');
    expect(marks.texts()).toEqual(['Korean War']);
  });
});
