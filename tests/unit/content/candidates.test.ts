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

const byId = (id: string) => document.getElementById(id) as HTMLElement;

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((done) => setTimeout(done, 5));
}

/**
 * Starts a scanner over `html` whose first look stops at its first look at the clock (every
 * check is past the deadline) inside the 300 text nodes put into #bulk (it looks every 128);
 * `waits` settles when it has stopped, before it resumes.
 */
function startPausing(html: string) {
  document.body.innerHTML = html;
  const bulk = byId('bulk');
  for (let index = 0; index < 300; index++) bulk.append('x');
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
  const marks = new RecordingHighlighter();
  scanner = new Scanner(document, createTopicMatcher(CORE_TOPIC_IDS), marks.asHighlighter, {
    mutationDelayMs: 0,
    sliceMs: 0,
  });
  return { marks, started: scanner.start(), waits };
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

  it('ends a run at an editable region, whose text the stream reads', async () => {
    // The editor's text is never marked, and a name around it is two runs, "Korean " and "War":
    // the stream reads "Korean draftWar" with no query for the page's editable regions.
    const marks = await scan(
      '<p>Korean <span contenteditable="true">draft</span>War</p>' +
        '<p><span contenteditable>The Korean War</span> and the Korean <b contenteditable="">x</b> War</p>' +
        '<p>The Korean <span contenteditable="false">War</span></p>',
    );
    expect(marks.texts()).toEqual(['Korean War']);
    expect(marks.topics()).toEqual(['korean-war']);
  });

  it('finds a name right before and right after an editable region', async () => {
    const marks = await scan('<p>The Korean War<span contenteditable>draft</span>Korean War and more</p>');
    expect(marks.texts()).toEqual(['Korean War', 'Korean War']);
  });

  it('keeps the separator of a <br> that a skipped element follows', async () => {
    // The exact run is "Korean\nWar"; the stream said "KoreanWar" once the style's text was dropped.
    const marks = await scan('<p>Korean<br><style>p {}</style>War</p>');
    expect(marks.topics()).toEqual(['korean-war']);
  });

  it('reads the rest of the page when the part it stopped in moves further on', async () => {
    const { marks, started, waits } = startPausing('<div id="bulk"></div><p>The Korean War.</p>');
    await waits;
    // A block moved between blocks changes no run, so the move itself rescans only the block.
    document.body.append(byId('bulk'));
    await started;
    await settle();
    expect(marks.texts()).toEqual(['Korean War']);
  });

  /** The marks after `html` is put, while the first look waits, between the "K" and "orean War" of a run. */
  async function insertedWhileWaiting(html: string) {
    const { marks, started, waits } = startPausing('<div id="bulk"></div><p id="p">K<b id="b">orean War</b></p>');
    await waits;
    byId('b').insertAdjacentHTML('beforebegin', html);
    await started;
    await settle();
    return marks;
  }

  it('leaves out the text of a skipped element added while it waits', async () => {
    // Skipped, so it changes no run and brings no rescan; its text is not part of the run.
    const marks = await insertedWhileWaiting('<textarea> </textarea>');
    expect(marks.topics()).toEqual(['korean-war']);
  });

  it('ends the run where an editable region is added while it waits', async () => {
    const marks = await insertedWhileWaiting('<span contenteditable="true">x</span>');
    expect(marks.topics()).toEqual([]);
  });

  it('finds the node of a hit in a batch it stopped half way through, after the page changed', async () => {
    // One batch of two text nodes, 15,000 and 60,000 characters: it is screened in two chunks of at
    // most 65,536, with a look at the clock between. The name is in the second node, past the first
    // chunk; before the rest is screened, the first node moves to the end of the page. The hit must
    // still lead to #b: the batch read again from its first node after the move ended there.
    document.body.innerHTML = `<div><p id="a">${'x '.repeat(7_500)}</p></div><p id="b">${'y '.repeat(29_990)}Korean War</p>`;
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => ++now);
    const walk = CandidateWalker.prototype.walk;
    let changed = false;
    vi.spyOn(CandidateWalker.prototype, 'walk').mockImplementation(function (this: CandidateWalker, deadline) {
      const finished = walk.call(this, deadline);
      const batch = (this as unknown as { batch?: { offset: number } }).batch;
      if (!finished && !changed && batch && batch.offset > 0) {
        changed = true;
        const moved = document.createElement('p');
        moved.append(byId('a').firstChild as Text);
        document.body.append(moved);
      }
      return finished;
    });
    const marks = new RecordingHighlighter();
    scanner = new Scanner(document, createTopicMatcher(CORE_TOPIC_IDS), marks.asHighlighter, {
      mutationDelayMs: 0,
      sliceMs: 0,
    });
    await scanner.start();
    await settle();
    expect(changed).toBe(true);
    expect(marks.texts()).toEqual(['Korean War']);
  });

  it('finds the shadow root of the tree root itself (a <body> made a shadow host)', async () => {
    document.body.innerHTML = '';
    const shadow = document.body.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>The Korean War.</p>';
    const marks = await scan('');
    expect(marks.texts()).toEqual(['Korean War']);
  });
});
