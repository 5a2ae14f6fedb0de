/**
 * Deterministic synthetic news pages for the benchmark, so it runs anywhere without saved pages.
 *
 * A page is a news site's front page grown to the wanted amount of text: a header with the
 * site's navigation, then stories (headline, byline, paragraphs with links, emphasis and
 * strong text, subheads, lists, quotes, figures), a sidebar of related links and a footer, with
 * the whitespace text nodes a real page's markup leaves between tags. The same seed and size
 * always give the same bytes (a small PRNG, no Math.random).
 *
 * Mentions are planted at about one per 4 KB of text, always in English, so mark.js (given the
 * English names) and the scanner should find the same number: some plain, some split across an
 * inline element (`the Korean <em>War</em>`, a link around half a name). Random prose never forms
 * a name by accident: the vocabulary has no "Korean", "war", "treaty" or "Sino-". It does use the
 * page cues (China, North Korea, Beijing...), as news about the region does.
 */

/** mulberry32: tiny, fast, good enough for text; the same seed gives the same page. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a of to and in that for on with as by at from its was is said has have were will would but not ' +
  'officials government minister ministry foreign border trade talks leaders summit visit statement ' +
  'president economy economic sanctions nuclear missile program launch test military troops security ' +
  'regional alliance diplomats diplomatic relations between after before during while since year years ' +
  'week month day today yesterday analysts experts report reports according people country countries ' +
  'capital city province region north south east west coast river bridge factory workers farmers ' +
  'markets prices exports imports growth investment bank banks currency energy coal oil gas food aid ' +
  'humanitarian agency agencies council meeting meetings delegation envoy ambassador embassy press ' +
  'conference spokesman spokeswoman told reporters added warned called urged denied confirmed announced ' +
  'new old first second last next major key senior former current local national international global ' +
  'policy policies plan plans deal agreement negotiations pressure support tensions crisis history ' +
  'historical memory memories veterans museum archive archives documents letters records century decades ' +
  'generation families village villages railway road roads port ports ships fishing boats satellite ' +
  'images show shows showed construction project projects hospital school schools students university ' +
  'professor researchers study survey data numbers figures percent million billion more less than about ' +
  'also however because although despite which who whose where when what how this these those their ' +
  'they he she it we our his her them there here some many most several few other another each every ' +
  'long short early late public private state party members congress committee chairman leadership ' +
  'China Chinese Beijing Pyongyang Shenyang Dandong Sinuiju Yalu Liaoning Jilin Hanoi Seoul Asia Pacific'
).split(' ');

const FIRST = ['Min', 'Li', 'Ana', 'Tom', 'Hyun', 'Wei', 'Sara', 'Duc', 'Joon', 'Mei', 'Paul', 'Lan', 'Nadia', 'Ken'];
const LAST = ['Park', 'Zhang', 'Nguyen', 'Smith', 'Kim', 'Chen', 'Lee', 'Tran', 'Wang', 'Brown', 'Cho', 'Liu', 'Ito'];
const SECTIONS = ['World', 'Asia', 'Politics', 'Business', 'Opinion', 'History', 'Science', 'Culture', 'Sport'];

/** The planted mentions: `text` is the HTML, `plain` what mark.js and the scanner should find. */
const MENTIONS: readonly string[] = [
  'the Korean War',
  'the Korean <em>War</em>',
  'the <a href="/topic/korean-war">Korean War</a>',
  'the <a href="/topic/korea">Korean</a> War',
  'the Fatherland Liberation War',
  'the <strong>Sino-Vietnamese War</strong>',
  'the 1979 Sino-Vietnamese <em>War</em>',
  'the Sino-Vietnamese border war',
  'the Sino-North Korean friendship treaty',
  'the <a href="/topic/treaty">Sino-North Korean Mutual Aid and Cooperation Friendship Treaty</a>',
  'the China-North Korea <em>mutual defense treaty</em>',
];

export interface SyntheticPage {
  readonly name: string;
  readonly html: string;
  /** Characters of text in the page's body (every text node, whitespace included). */
  readonly textChars: number;
  /** Mentions planted: each should be found once by the scanner and by mark.js. */
  readonly planted: number;
  /** The body's top-level blocks, for streaming the page in chunks. */
  readonly blocks: readonly string[];
}

export interface SyntheticOptions {
  /** Characters of text to produce (at least). */
  textChars: number;
  seed?: number;
  /** Plant mentions (default true); false gives a page with no mention at all. */
  mentions?: boolean;
  name?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Builds HTML and counts the text it contains, so the size target is in characters of text. */
class Writer {
  html = '';
  text = 0;
  tag(open: string): void {
    this.html += open;
  }
  write(text: string): void {
    this.html += escapeHtml(text);
    this.text += text.length;
  }
  /** Pre-escaped inline HTML whose text length is known. */
  raw(html: string, textLength: number): void {
    this.html += html;
    this.text += textLength;
  }
  newline(indent: number): void {
    this.write(`\n${' '.repeat(indent)}`);
  }
}

function textLength(html: string): number {
  return html.replace(/<[^>]*>/g, '').length;
}

export function generatePage(options: SyntheticOptions): SyntheticPage {
  const random = prng(options.seed ?? 1950);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const plant = options.mentions ?? true;
  let planted = 0;
  let sinceMention = 0;
  const mentionEvery = 4000;

  const sentence = (words: number): string => {
    const parts: string[] = [];
    for (let index = 0; index < words; index++) parts.push(pick(WORDS));
    const first = parts[0] as string;
    parts[0] = first.charAt(0).toUpperCase() + first.slice(1);
    return `${parts.join(' ')}.`;
  };

  /** A paragraph's inner HTML: sentences with inline elements, and now and then a mention. */
  const paragraph = (w: Writer): void => {
    const sentences = 2 + Math.floor(random() * 5);
    for (let index = 0; index < sentences; index++) {
      if (index > 0) w.write(' ');
      const roll = random();
      if (plant && sinceMention >= mentionEvery && roll < 0.5) {
        const mention = pick(MENTIONS);
        const before = `${sentence(3 + Math.floor(random() * 6)).slice(0, -1)} during `;
        w.write(before);
        w.raw(mention, textLength(mention));
        // A space after the name, not a comma: mark.js's "exactly" wants whitespace on both sides.
        w.write(` and ${sentence(4 + Math.floor(random() * 6)).toLowerCase()}`);
        planted++;
        sinceMention = 0;
      } else if (roll < 0.15) {
        const words = sentence(8 + Math.floor(random() * 10)).split(' ');
        const at = 1 + Math.floor(random() * (words.length - 3));
        const linked = words.slice(at, at + 2).join(' ');
        w.write(`${words.slice(0, at).join(' ')} `);
        w.tag(`<a href="/${pick(SECTIONS).toLowerCase()}/${Math.floor(random() * 1e6)}">`);
        w.write(linked);
        w.tag('</a>');
        w.write(` ${words.slice(at + 2).join(' ')}`);
      } else if (roll < 0.25) {
        const words = sentence(8 + Math.floor(random() * 10)).split(' ');
        const tag = pick(['em', 'strong', 'i', 'b', 'span']);
        w.write(`${words.slice(0, 2).join(' ')} `);
        w.tag(`<${tag}>`);
        w.write(words.slice(2, 4).join(' '));
        w.tag(`</${tag}>`);
        w.write(` ${words.slice(4).join(' ')}`);
      } else {
        w.write(sentence(8 + Math.floor(random() * 18)));
      }
    }
  };

  const header = new Writer();
  header.tag('<header class="site-header">');
  header.newline(2);
  header.tag('<div class="logo"><a href="/">');
  header.write('The Yalu Review');
  header.tag('</a></div>');
  header.newline(2);
  header.tag('<nav aria-label="Sections"><ul>');
  for (const section of SECTIONS) {
    header.newline(4);
    header.tag(`<li><a href="/${section.toLowerCase()}">`);
    header.write(section);
    header.tag('</a></li>');
  }
  header.newline(2);
  header.tag('</ul></nav>');
  header.newline(0);
  header.tag('</header>');

  const blocks: string[] = [];
  let total = header.text;
  let story = 0;
  while (total < options.textChars) {
    const w = new Writer();
    story++;
    w.tag(`<article class="story" id="story-${story}">`);
    w.newline(2);
    w.tag('<h2 class="headline">');
    w.write(sentence(6 + Math.floor(random() * 6)).slice(0, -1));
    w.tag('</h2>');
    w.newline(2);
    w.tag('<p class="byline">');
    w.write('By ');
    w.tag('<a href="/authors">');
    w.write(`${pick(FIRST)} ${pick(LAST)}`);
    w.tag('</a>');
    w.write(' · ');
    w.tag('<time datetime="2017-09-29">');
    w.write(`${1 + Math.floor(random() * 28)} September 2017`);
    w.tag('</time></p>');
    const parts = 3 + Math.floor(random() * 9);
    for (let part = 0; part < parts; part++) {
      const kind = random();
      w.newline(2);
      const before = w.text;
      if (kind < 0.08) {
        w.tag('<h3>');
        w.write(sentence(4 + Math.floor(random() * 5)).slice(0, -1));
        w.tag('</h3>');
      } else if (kind < 0.16) {
        w.tag('<ul>');
        const items = 2 + Math.floor(random() * 4);
        for (let item = 0; item < items; item++) {
          w.newline(4);
          w.tag('<li>');
          paragraph(w);
          w.tag('</li>');
        }
        w.newline(2);
        w.tag('</ul>');
      } else if (kind < 0.21) {
        w.tag('<blockquote><p>');
        paragraph(w);
        w.tag('</p></blockquote>');
      } else if (kind < 0.25) {
        w.tag(`<figure><img src="/img/${story}-${part}.jpg" alt="" width="640" height="360"><figcaption>`);
        w.write(sentence(6 + Math.floor(random() * 8)));
        w.tag('</figcaption></figure>');
      } else {
        w.tag('<p>');
        paragraph(w);
        w.tag('</p>');
      }
      sinceMention += w.text - before;
    }
    w.newline(2);
    w.tag('<aside class="related"><h4>');
    w.write('Related');
    w.tag('</h4><ul>');
    for (let link = 0; link < 3; link++) {
      w.tag(`<li><a href="/${pick(SECTIONS).toLowerCase()}/${Math.floor(random() * 1e6)}">`);
      w.write(sentence(5 + Math.floor(random() * 5)).slice(0, -1));
      w.tag('</a></li>');
    }
    w.tag('</ul></aside>');
    w.newline(0);
    w.tag('</article>');
    w.newline(0);
    blocks.push(w.html);
    total += w.text;
  }

  const footer = new Writer();
  footer.tag('<footer class="site-footer"><p>');
  footer.write('© 2017 The Yalu Review. Synthetic page for the Yalu Lens benchmark.');
  footer.tag('</p></footer>');
  total += footer.text;

  const name = options.name ?? `synthetic-${formatSize(options.textChars)}`;
  const html =
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<title>${escapeHtml(name)}</title>\n` +
    '<style>body{font:16px/1.5 Georgia,serif;max-width:46rem;margin:0 auto;padding:1rem}' +
    'nav ul{display:flex;gap:1rem;list-style:none;padding:0}.byline{color:#555}' +
    'aside{border-top:1px solid #ccc;font-size:.9em}figure{margin:1rem 0}img{max-width:100%;height:auto;background:#eee}</style>\n' +
    '</head>\n<body>\n' +
    `${header.html}\n<main id="main">\n${blocks.join('')}</main>\n${footer.html}\n</body>\n</html>\n`;
  return { name, html, textChars: total, planted, blocks };
}

export function formatSize(chars: number): string {
  if (chars >= 1_000_000) return `${+(chars / 1_000_000).toFixed(1)}MB`;
  return `${Math.round(chars / 1000)}KB`;
}

/** The benchmark's synthetic sizes, in characters of text (KB and MB as 10^3 and 10^6). */
export const SYNTHETIC_SIZES = [10_000, 100_000, 1_000_000, 5_000_000] as const;

/**
 * A page that receives its stories after load, as a live blog or an infinite feed does: the page's
 * own script fetches `chunkCount` chunks of stories and appends each with insertAdjacentHTML,
 * `intervalMs` apart, once the benchmark calls `window.startStream()`. It resolves with the time
 * the stream took.
 */
export function streamShell(chunkCount: number, intervalMs: number): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Streaming page</title>
<style>body{font:16px/1.5 Georgia,serif;max-width:46rem;margin:0 auto;padding:1rem}
/* A live page that keeps its own layout cheap as it grows, as long feeds do. */
.story{content-visibility:auto;contain-intrinsic-size:auto 1200px}</style></head>
<body>
<header><h1>Live: the Yalu Review</h1><p>New stories are added as they come in.</p></header>
<main id="main"></main>
<script>
window.startStream = async function () {
  const main = document.getElementById('main');
  const started = performance.now();
  for (let index = 0; index < ${chunkCount}; index++) {
    const response = await fetch('/bench/stream/chunk/' + index);
    main.insertAdjacentHTML('beforeend', await response.text());
    await new Promise((done) => setTimeout(done, ${intervalMs}));
  }
  return performance.now() - started;
};
</script>
</body>
</html>
`;
}

/** Splits a page's stories into `count` chunks of about equal size. */
export function chunkBlocks(blocks: readonly string[], count: number): string[] {
  const chunks: string[] = [];
  const per = Math.ceil(blocks.length / count);
  for (let index = 0; index < blocks.length; index += per) chunks.push(blocks.slice(index, index + per).join(''));
  return chunks;
}
