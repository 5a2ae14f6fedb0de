// @vitest-environment happy-dom
/**
 * The scanner on DOM fixtures (happy-dom): runs joined across inline elements and not across
 * blocks, the skip list, shadow roots, context-dependent names, and live edits. The highlighter
 * is a recording fake, so these tests see exactly which Ranges the scanner hands over.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Scanner } from '../../../src/content/scanner';
import { CORE_TOPIC_IDS } from '../../../src/knowledge/types';
import { createTopicMatcher } from '../../../src/matching';
import { RecordingHighlighter } from './recording-highlighter';

let scanner: Scanner | undefined;

async function scan(html: string, setup?: (body: HTMLElement) => void) {
  document.body.innerHTML = html;
  setup?.(document.body);
  const highlighter = new RecordingHighlighter();
  scanner = new Scanner(document, createTopicMatcher(CORE_TOPIC_IDS), highlighter.asHighlighter, {
    mutationDelayMs: 0,
  });
  await scanner.start();
  return highlighter;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((done) => setTimeout(done, 5));
}

afterEach(() => {
  scanner?.dispose();
  scanner = undefined;
  document.body.innerHTML = '';
});

describe('text runs', () => {
  it('joins a name across inline elements and maps the Range onto the original nodes', async () => {
    const marks = await scan('<p>The <a href="#">Korean</a> <em>War</em> began in 1950.</p>');
    expect(marks.texts()).toEqual(['Korean War']);
    const range = [...marks.marks.keys()][0] as Range;
    expect(range.startContainer.textContent).toBe('Korean');
    expect(range.endContainer.textContent).toBe('War');
  });

  it('does not join text across block boundaries', async () => {
    const marks = await scan('<div><p>The Korean</p><p>War was long.</p></div><li>Korean</li><li>War</li>');
    expect(marks.texts()).toEqual([]);
  });

  it('treats a <br> as a line break inside the run', async () => {
    const marks = await scan('<p>The Korean<br>War</p>');
    // The Range spans the <br>, whose line break has no text of its own.
    expect(marks.texts()).toEqual(['KoreanWar']);
  });

  it('skips scripts, styles, form fields, templates, SVG and editable regions', async () => {
    const marks = await scan(`
      <script>var s = "Korean War";</script><style>/* Korean War */</style>
      <textarea>Korean War</textarea><select><option>Korean War</option></select>
      <template><p>Korean War</p></template><noscript>Korean War</noscript>
      <svg><text>Korean War</text></svg>
      <div contenteditable="true"><p>Korean War</p></div>
      <div contenteditable><b>Korean War</b></div>
      <div contenteditable="false"><p>The Korean War is marked here.</p></div>
      <yalu-lens><p>Korean War</p></yalu-lens>`);
    expect(marks.texts()).toEqual(['Korean War']);
  });

  it('walks open shadow roots (the highlighter styles a tree with its first mark)', async () => {
    let shadow: ShadowRoot | undefined;
    const marks = await scan('<p>Outside.</p><div id="host"></div>', (body) => {
      shadow = (body.querySelector('#host') as HTMLElement).attachShadow({ mode: 'open' });
      shadow.innerHTML = '<p>Inside: the Sino-Vietnamese War.</p>';
    });
    await settle();
    expect(marks.texts()).toEqual(['Sino-Vietnamese War']);
    expect([...marks.marks.keys()][0]?.startContainer.getRootNode()).toBe(shadow);
  });
});

describe('context-dependent names', () => {
  it('marks "the 1961 treaty" on a page about China and North Korea', async () => {
    const marks = await scan('<h1>China and North Korea</h1><p>Beijing still cites the 1961 treaty.</p>');
    expect(marks.topics()).toEqual(['sino-north-korean-treaty']);
  });

  it('marks it when the cues come later on the page than the name', async () => {
    const marks = await scan('<p>The 1961 treaty is old.</p><p>China and North Korea still cite it.</p>');
    expect(marks.topics()).toEqual(['sino-north-korean-treaty']);
  });

  it('leaves it unmarked on a page that is not about China and North Korea', async () => {
    const marks = await scan('<p>The 1961 treaty was signed in Washington.</p>');
    expect(marks.texts()).toEqual([]);
  });

  it('leaves it unmarked in a sentence that names another party', async () => {
    const marks = await scan(
      '<h1>China and North Korea</h1><p>The Soviet Union signed the 1961 treaty with Pyongyang first.</p>',
    );
    expect(marks.texts()).toEqual([]);
  });
});

describe('live pages', () => {
  it('marks added text, forgets removed text and rescans edited text', async () => {
    const marks = await scan('<p id="a">The Korean War.</p><div id="feed"></div>');
    expect(marks.texts()).toEqual(['Korean War']);

    const added = document.createElement('p');
    added.textContent = 'Then the Sino-Vietnamese War.';
    document.getElementById('feed')?.append(added);
    await settle();
    expect(marks.texts().sort()).toEqual(['Korean War', 'Sino-Vietnamese War']);

    (document.getElementById('a')?.firstChild as Text).data = 'The Cold War.';
    await settle();
    expect(marks.texts()).toEqual(['Sino-Vietnamese War']);

    added.remove();
    await settle();
    expect(marks.texts()).toEqual([]);
    expect(scanner?.counts()).toEqual({});
  });

  it('counts mentions per topic and lists them in document order', async () => {
    await scan('<p>Sino-Vietnamese War</p><p>Korean War and again the Korean War</p>');
    expect(scanner?.counts()).toEqual({ 'korean-war': 2, 'sino-vietnamese-war': 1 });
    expect(scanner?.orderedMentions().map((mention) => mention.topic)).toEqual([
      'sino-vietnamese-war',
      'korean-war',
      'korean-war',
    ]);
  });

  it('records a yalu:scan measure per pass with the walk statistics', async () => {
    performance.clearMeasures('yalu:scan');
    await scan('<p>The Korean War.</p><p>Nothing else.</p>');
    const [entry] = performance.getEntriesByName('yalu:scan') as PerformanceMeasure[];
    expect(entry?.detail).toEqual({ textNodes: 2, chars: 'The Korean War.Nothing else.'.length, matches: 1 });
  });
});
