// @vitest-environment happy-dom
/**
 * The lookout (src/content/lookout.ts): the content script's first look at a page and its watch
 * over changes, before the marker is loaded. It must wake the marker wherever the marker would
 * mark (a hit that comes too late or never is a mention left unmarked), and stay quiet where
 * there is nothing: that is the whole point of not loading the marker.
 */
import NAME_SCREEN from 'virtual:yalu-name-screen';
import { afterEach, describe, expect, it } from 'vitest';
import { Lookout } from '../../../src/content/lookout';
import { TOPIC_NAMES } from '../../../src/knowledge/names';
import { prefilterKeys } from '../../../src/matching';
import { NameScreen, screenPatterns } from '../../../src/matching/screen';

let lookout: Lookout | undefined;
let hits = 0;
let reported: { textNodes: number; chars: number }[] = [];

function start(html: string, alive: () => boolean = () => true): Promise<void> {
  document.body.innerHTML = html;
  hits = 0;
  performance.clearMeasures('yalu:scan');
  lookout = new Lookout(document, () => new NameScreen(NAME_SCREEN), {
    onHit: () => {
      hits++;
    },
    alive,
    onPass: (detail) => {
      reported.push({ textNodes: detail.textNodes, chars: detail.chars });
    },
    mutationDelayMs: 0,
  });
  reported = [];
  return lookout.start();
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((done) => setTimeout(done, 5));
}

function passes(): { textNodes: number; chars: number; matches: number }[] {
  return performance
    .getEntriesByName('yalu:scan')
    .map((entry) => (entry as PerformanceMeasure).detail as { textNodes: number; chars: number; matches: number });
}

afterEach(() => {
  lookout?.stop();
  lookout = undefined;
  document.body.innerHTML = '';
  performance.clearMeasures('yalu:scan');
});

describe('Lookout', () => {
  it('uses the screen the build made from prefilterKeys of every name', () => {
    expect(NAME_SCREEN).toEqual(screenPatterns(prefilterKeys(TOPIC_NAMES)));
    expect(NAME_SCREEN.names.map(({ source }) => source).join('').length).toBeGreaterThan(1000);
  });

  it('reads a page with no mention once, records the pass, and wakes nothing', async () => {
    await start('<h1>Markets</h1><p>Shares rose in Seoul and Hanoi on Tuesday.</p><p>Nothing else.</p>');
    expect(hits).toBe(0);
    expect(lookout?.isStopped).toBe(false);
    expect(passes()).toEqual([{ textNodes: 3, chars: 62, matches: 0 }]);
    // What the entry point reads to decide whether a frame has text worth the settings' custom terms.
    expect(reported).toEqual([{ textNodes: 3, chars: 62 }]);
  });

  it('wakes once, and stops, where a name is, even cut across inline elements', async () => {
    await start('<p>Veterans of the <em>Korean</em> <a href="#">War</a> met.</p><p>The Korean War again.</p>');
    expect(hits).toBe(1);
    expect(lookout?.isStopped).toBe(true);
    expect(passes()).toEqual([]);
  });

  it('wakes for every name of every topic, in each of its languages', async () => {
    for (const topic of TOPIC_NAMES) {
      for (const name of topic.names) {
        await start(`<p>Before. ${name.text} after.</p>`);
        expect(hits, `${topic.id}: ${name.text}`).toBe(1);
        lookout?.stop();
      }
    }
  });

  it('does not wake for names only in scripts, styles, text fields or editors', async () => {
    await start(
      '<p>Nothing here.</p><script>"Korean War"</script><style>/* Korean War */</style>' +
        '<textarea>Korean War</textarea><div contenteditable>The Korean War</div>',
    );
    expect(hits).toBe(0);
  });

  it('wakes when text added to a block completes a name', async () => {
    await start('<p id="p">The Korean </p>');
    expect(hits).toBe(0);
    document.getElementById('p')?.append(document.createTextNode('War'));
    await settle();
    expect(hits).toBe(1);
  });

  it('wakes when a story with a name is appended, and looks only at the new story otherwise', async () => {
    await start('<main id="feed"><article><p>First story, long enough to count.</p></article></main>');
    const feed = document.getElementById('feed') as HTMLElement;
    performance.clearMeasures('yalu:scan');
    feed.insertAdjacentHTML('beforeend', '<article><p>Weather.</p></article>');
    await settle();
    expect(hits).toBe(0);
    expect(passes()).toEqual([{ textNodes: 1, chars: 8, matches: 0 }]);
    feed.insertAdjacentHTML('beforeend', '<article><p>The 1979 Sino-Vietnamese War, remembered.</p></article>');
    await settle();
    expect(hits).toBe(1);
  });

  it('wakes when edited text makes a name', async () => {
    await start('<p id="p">The Korean Peninsula</p>');
    const text = document.getElementById('p')?.firstChild as Text;
    text.data = 'The Korean War';
    await settle();
    expect(hits).toBe(1);
  });

  it('takes no look at typing in a text field or an editor', async () => {
    await start('<p>Nothing.</p><div contenteditable id="editor"><p>Draft</p></div>');
    performance.clearMeasures('yalu:scan');
    const editor = document.getElementById('editor') as HTMLElement;
    editor.append(document.createTextNode(' the Korean War'));
    await settle();
    expect(hits).toBe(0);
    expect(passes()).toEqual([]);
  });

  it('looks inside open shadow roots, those there at first and those added later', async () => {
    document.body.innerHTML = '<div id="host"></div>';
    const shadow = (document.getElementById('host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Nothing here.</p>';
    hits = 0;
    lookout = new Lookout(document, () => new NameScreen(NAME_SCREEN), {
      onHit: () => hits++,
      mutationDelayMs: 0,
    });
    await lookout.start();
    expect(hits).toBe(0);
    shadow.append(document.createTextNode('Korean War'));
    await settle();
    expect(hits).toBe(1);
  });

  it('looks again at a block changed behind its walk while the walk waits', async () => {
    // A block already looked at in a pass was not looked at again in that pass: text completed
    // behind a waiting walk ("The Korean " + "War", the body's own text) went unseen until some
    // later change (found by lookout-fuzz.test.ts).
    document.body.innerHTML = 'The Korean <span id="bulk"></span>';
    const bulk = document.getElementById('bulk') as HTMLElement;
    for (let i = 0; i < 300; i++) bulk.append(document.createTextNode(''));
    hits = 0;
    // A deadline already past: the walk waits at its first look at the clock (every 128 texts).
    lookout = new Lookout(document, () => new NameScreen(NAME_SCREEN), {
      onHit: () => hits++,
      sliceMs: -1,
      mutationDelayMs: 0,
    });
    const started = lookout.start();
    (document.body.firstChild as Text).appendData('War');
    await started;
    await settle();
    expect(hits).toBe(1);
  });

  it('looks at the tree anew when the part its waiting walk stands in moves further on', async () => {
    // A walk resumes from wherever its node is now: moved into a later block, the walk went on
    // from there and passed over the text in between, which no mutation queues (found by
    // lookout-fuzz.test.ts).
    document.body.innerHTML = '<div><span id="bulk"></span></div><p>The Korean War</p><div id="later"></div>';
    const bulk = document.getElementById('bulk') as HTMLElement;
    for (let i = 0; i < 300; i++) bulk.append(document.createTextNode(''));
    hits = 0;
    lookout = new Lookout(document, () => new NameScreen(NAME_SCREEN), {
      onHit: () => hits++,
      sliceMs: -1,
      mutationDelayMs: 0,
    });
    const started = lookout.start();
    document.getElementById('later')?.append(bulk);
    await started;
    await settle();
    expect(hits).toBe(1);
  });

  it('once its extension is gone, stops at its next hit and wakes nothing', async () => {
    let alive = true;
    await start('<p id="p">Nothing.</p>', () => alive);
    alive = false;
    document.getElementById('p')?.append(document.createTextNode(' The Korean War.'));
    await settle();
    expect(hits).toBe(0);
    expect(lookout?.isStopped).toBe(true);
  });
});
