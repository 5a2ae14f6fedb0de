// @vitest-environment happy-dom
/**
 * Edits that once left the scanner's marks wrong, each the minimal case the DOM fuzz test
 * (scanner-fuzz.test.ts) shrank a failure to. A few need a pass that stops in the middle of an
 * exact walk (RunWalker): performance.now then advances one millisecond per call and slices are
 * 0 ms long, so every walk stops at its first deadline check (every 256 nodes) and the edit lands
 * while it waits. The first look at a page (CandidateWalker) stops too, so such a test puts a name
 * at the start of the block it needs walked exactly: the cheap look hits there, and the block is
 * walked as a candidate.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Scanner } from '../../../src/content/scanner';
import { RunWalker } from '../../../src/content/text-runs';
import { CORE_TOPIC_IDS } from '../../../src/knowledge/types';
import { createTopicMatcher } from '../../../src/matching';
import { RecordingHighlighter } from './recording-highlighter';

let scanner: Scanner | undefined;

/**
 * Starts a scanner over `html`, after `setup`; with `pausing`, every walk stops at its first
 * deadline check, and `walkWaits` settles when an exact walk first stops (before the scanner's
 * yield ends, so what the test does then lands while that walk waits).
 */
function start(html: string, { pausing = false, setup = () => {} } = {}) {
  document.body.innerHTML = html;
  setup();
  let walkStopped = () => {};
  const walkWaits = new Promise<void>((done) => {
    walkStopped = done;
  });
  if (pausing) {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => ++now);
    const walk = RunWalker.prototype.walk;
    vi.spyOn(RunWalker.prototype, 'walk').mockImplementation(function (this: RunWalker, deadline?: number) {
      const finished = walk.call(this, deadline);
      if (!finished) walkStopped();
      return finished;
    });
  }
  const highlighter = new RecordingHighlighter();
  scanner = new Scanner(document, createTopicMatcher(CORE_TOPIC_IDS), highlighter.asHighlighter, {
    mutationDelayMs: 0,
    sliceMs: pausing ? 0 : 8,
  });
  return { marks: highlighter, started: scanner.start(), walkWaits };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((done) => setTimeout(done, 5));
}

const byId = (id: string) => document.getElementById(id) as HTMLElement;
/** Enough nodes that a walk passes a deadline check (one every 256 nodes) inside them. */
const comments = '<!---->'.repeat(300);

afterEach(() => {
  scanner?.dispose();
  scanner = undefined;
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  performance.clearMeasures('yalu:scan');
});

describe('edits the scanner once got wrong', () => {
  it('marks inside the shadow root of a host added to the page', async () => {
    const { marks, started } = start('<p>Nothing yet.</p>');
    await started;
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>The Korean War.</p>';
    document.body.append(host);
    await settle();
    expect(marks.texts()).toEqual(['Korean War']);
  });

  it('unmarks a name that a block put into the middle of its run splits', async () => {
    const { marks, started } = start('<p id="p"><b id="b">Korean</b> War</p>');
    await started;
    expect(marks.texts()).toEqual(['Korean War']);
    byId('p').insertBefore(document.createElement('div'), byId('b').nextSibling);
    await settle();
    expect(marks.texts()).toEqual([]);
  });

  it('unmarks a block moved into an editable region', async () => {
    const { marks, started } = start(
      '<div id="from"><p id="p">The Korean War.</p></div><div id="editor" contenteditable="true"></div>',
    );
    await started;
    expect(marks.texts()).toEqual(['Korean War']);
    byId('editor').append(byId('p'));
    await settle();
    expect(marks.texts()).toEqual([]);
  });

  it('unmarks a name whose block is wrapped in a textarea and then unwrapped, leaving its text there', async () => {
    const { marks, started } = start('<div id="block">Korean War</div><p>More.</p>');
    await started;
    expect(marks.texts()).toEqual(['Korean War']);
    // One batch: the block leaves the page between runs (no rescan), and its text lands directly
    // in the textarea, where nothing is rescanned either.
    const block = byId('block');
    const textarea = document.createElement('textarea');
    block.before(textarea);
    textarea.append(block);
    block.replaceWith(...block.childNodes);
    await settle();
    expect(marks.texts()).toEqual([]);
  });

  it('unmarks a shadow host moved into the shadow root of an editable element', async () => {
    const { marks, started } = start('<div id="editor" contenteditable="true"></div><div id="host"></div>', {
      setup: () => {
        // The editor's shadow root is never walked, so never observed: the move has no record there.
        byId('editor').attachShadow({ mode: 'open' });
        byId('host').attachShadow({ mode: 'open' }).innerHTML = '<p>The Korean War.</p>';
      },
    });
    await started;
    await settle();
    expect(marks.texts()).toEqual(['Korean War']);
    byId('editor').shadowRoot?.append(byId('host'));
    await settle();
    expect(marks.texts()).toEqual([]);
  });

  it('does not scan an added block that went into a textarea before its rescan', async () => {
    const { marks, started } = start('<p>Nothing yet.</p>');
    await started;
    const block = document.createElement('div');
    block.textContent = 'Korean War';
    document.body.append(block);
    const textarea = document.createElement('textarea');
    document.body.append(textarea);
    textarea.append(block);
    await settle();
    expect(marks.texts()).toEqual([]);
  });

  it('does not mark text added to a shadow root whose host is in an editable region', async () => {
    let shadow = undefined as unknown as ShadowRoot;
    const { marks, started } = start('<div id="host"></div><div id="editor" contenteditable="true"></div>', {
      setup: () => {
        shadow = byId('host').attachShadow({ mode: 'open' });
        shadow.innerHTML = '<p>Nothing yet.</p>';
      },
    });
    await started;
    await settle();
    byId('editor').append(byId('host'));
    await settle();
    shadow.append('The Korean War.');
    await settle();
    expect(marks.texts()).toEqual([]);
  });

  it('rescans only the shadow root that text was added to, not the whole page', async () => {
    let shadow = undefined as unknown as ShadowRoot;
    const { marks, started } = start(`${'<p>Nothing to see here.</p>'.repeat(20)}<div id="host"></div>`, {
      setup: () => {
        shadow = byId('host').attachShadow({ mode: 'open' });
        shadow.innerHTML = '<p>Nothing yet.</p>';
      },
    });
    await started;
    await settle();
    performance.clearMeasures('yalu:scan');
    shadow.append('The Korean War.');
    await settle();
    expect(marks.texts()).toEqual(['Korean War']);
    const scanned = performance
      .getEntriesByName('yalu:scan')
      .reduce((total, entry) => total + ((entry as PerformanceMeasure).detail as { textNodes: number }).textNodes, 0);
    expect(scanned).toBeLessThan(5);
  });

  it('marks an ambiguous name once when its block is unwrapped in the batch that brings its cues', async () => {
    const { marks, started } = start('<div id="d">The Forgotten War.</div>');
    await started;
    expect(marks.texts()).toEqual([]);
    const block = byId('d');
    block.replaceWith(...block.childNodes);
    const cue = document.createElement('p');
    cue.textContent = 'China and North Korea fought the Korean War.';
    document.body.append(cue);
    await settle();
    expect(marks.texts()).toEqual(['Forgotten War', 'Korean War']);
  });

  it('does not mark inside an editable region added while a walk waits', async () => {
    const { marks, started, walkWaits } = start(`<div>The Korean War.${comments}<span id="last"></span></div>`, {
      pausing: true,
    });
    await walkWaits;
    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', 'true');
    editor.textContent = 'Korean War';
    byId('last').append(editor);
    await started;
    await settle();
    expect(marks.texts()).toEqual(['Korean War']);
  });

  it('follows an editable region put into a run and taken out again: it ends the run', async () => {
    // "Korean WarKorean War" holds no name (none ends at a word's edge); split by an editor, it
    // is two runs, each a name. Found by the DOM fuzz test once editable regions ended runs.
    const { marks, started } = start('<p id="p">Korean War<b id="b">Korean War</b></p>');
    await started;
    expect(marks.texts()).toEqual([]);
    const editor = document.createElement('span');
    editor.setAttribute('contenteditable', '');
    editor.textContent = 'draft';
    byId('p').insertBefore(editor, byId('b'));
    await settle();
    expect(marks.texts()).toEqual(['Korean War', 'Korean War']);
    editor.remove();
    await settle();
    expect(marks.texts()).toEqual([]);
  });

  it('marks a name once when the subtree a walk waits in moves back in the page', async () => {
    const { marks, started, walkWaits } = start('<div id="first"><p>x</p></div>', { pausing: true });
    await started;
    // A block added to the page is walked exactly, as a root of its own.
    document.body.insertAdjacentHTML('beforeend', `<div><p>The Korean War.</p><div id="bulk">${comments}</div></div>`);
    await walkWaits;
    byId('first').append(byId('bulk'));
    await settle();
    expect(marks.texts()).toEqual(['Korean War']);
  });

  it('walks the rest of a block when the subtree its walk waits in moves further on among its siblings', async () => {
    const { marks, started, walkWaits } = start('<p>Nothing yet.</p>', { pausing: true });
    await started;
    document.body.insertAdjacentHTML(
      'beforeend',
      `<div id="outer"><div id="bulk">${comments}</div><p>The Korean War.</p></div>`,
    );
    await walkWaits;
    // Same parent, so the walk's position has the same ancestors; a block moved between blocks
    // changes no run, so the move rescans only the block moved.
    byId('outer').append(byId('bulk'));
    await settle();
    expect(marks.texts()).toEqual(['Korean War']);
  });

  it('survives text of the waiting run edited shorter', async () => {
    const { marks, started, walkWaits } = start(`<div>aaa Korean War<span>${comments}</span></div>`, {
      pausing: true,
    });
    await walkWaits;
    (document.querySelector('div')?.firstChild as Text).data = '';
    await started;
    await settle();
    expect(marks.texts()).toEqual([]);
  });

  it('does not mark the rest of a block put into a textarea while its walk waits', async () => {
    const { marks, started, walkWaits } = start('<p>Nothing yet.</p>', { pausing: true });
    await started;
    document.body.insertAdjacentHTML('beforeend', `<div id="d">${comments}${comments}<p>The Korean War.</p></div>`);
    await walkWaits;
    // The mutation's flush comes while the walk waits again (it stops every 256 nodes), before the
    // walk reaches the name: only the walk itself can see that its root is skipped now.
    const textarea = document.createElement('textarea');
    document.body.append(textarea);
    textarea.append(byId('d'));
    await settle();
    expect(marks.texts()).toEqual([]);
  });

  it('does not mark a long run whose block is put into a textarea while it is matched in pieces', async () => {
    document.body.innerHTML = '<div id="d"></div>';
    // Three pieces of 64 KiB (see PIECE in scanner.ts), the name in the last.
    byId('d').textContent = `${'x '.repeat(70_000)}The Korean War.`;
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => ++now);
    const matcher = createTopicMatcher(CORE_TOPIC_IDS);
    const scan = matcher.scan.bind(matcher);
    let pieces = 0;
    const highlighter = new RecordingHighlighter();
    scanner = new Scanner(
      document,
      {
        ...matcher,
        prefilter: matcher.prefilter,
        scan(text, knownCues) {
          // After the first piece: the flush of this edit comes between the second and the third.
          if (text.length > 60_000 && ++pieces === 1) {
            const textarea = document.createElement('textarea');
            document.body.append(textarea);
            textarea.append(byId('d'));
          }
          return scan(text, knownCues);
        },
      },
      highlighter.asHighlighter,
      { mutationDelayMs: 0, sliceMs: 0 },
    );
    await scanner.start();
    await settle();
    expect(pieces).toBe(1); // the edit was made, and no piece was matched after it
    expect(highlighter.texts()).toEqual([]);
  });
});
