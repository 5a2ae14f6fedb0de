/**
 * Pages for the hostile-page suites, made in memory and served through the fixture server's
 * `extraRoutes` rather than committed as megabytes of fixtures. Each generator is deterministic
 * and says how many mentions it planted, so a test can check the marks against it.
 *
 *   /hostile/big-text-node.html   one text node of 10 MB with mentions inside (joined by the page)
 *   /hostile/many-elements.html   100,000 elements
 *   /hostile/deep.html            5,000 nested elements, built by the page (the HTML parser stops
 *                                 nesting at 512 levels)
 *   /hostile/mutating.html        a page that changes its DOM 1,000 times a second on request
 *   /hostile/feed.html            a 5 MB feed appended in 50 slices on request (the benchmark's)
 *   /hostile/doc.pdf              a one-page PDF whose text names the Korean War
 */
import { chunkBlocks, generatePage, prng, streamShell } from '../../../scripts/bench/synthetic.ts';
import type { ExtraResponse, ExtraRoute } from './server.ts';

const FILLER = (
  'officials said the border talks would resume after the summit while analysts warned that the ' +
  'railway bridge over the river carried most of the trade between the two countries and that ' +
  'prices in the markets of the province had risen for the third month in a row '
).split(' ');

function filler(random: () => number, chars: number): string {
  const words: string[] = [];
  let length = 0;
  while (length < chars) {
    const word = FILLER[Math.floor(random() * FILLER.length)] as string;
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ');
}

const SHELL_STYLE = 'body{font:16px/1.5 Georgia,serif;max-width:46rem;margin:0 auto;padding:1rem}';

export interface GeneratedPage {
  readonly html: string;
  /** Mentions planted, per topic id. */
  readonly planted: Record<string, number>;
}

/**
 * One paragraph whose text is a single Text node of `chars` characters. The HTML parser splits
 * long text into nodes of 65,536 characters in Chromium, so the page joins them with normalize()
 * before the content script's document_idle.
 */
export function bigTextNodePage(chars = 10_000_000, mentions = 40): GeneratedPage {
  const random = prng(1979);
  const gap = Math.floor(chars / mentions);
  const parts: string[] = [];
  for (let index = 0; index < mentions; index++) {
    parts.push(filler(random, gap - 40));
    parts.push(index % 2 === 0 ? ' the Korean War ' : ' the Sino-Vietnamese War ');
  }
  const text = parts.join('');
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>One 10 MB text node</title>
<style>${SHELL_STYLE}</style></head><body><h1>One very long paragraph</h1>
<p id="big">${text}</p>
<script>document.getElementById('big').normalize(); window.bigTextLength = document.getElementById('big').firstChild.data.length; window.bigNodes = document.getElementById('big').childNodes.length;</script>
</body></html>`,
    planted: { 'korean-war': Math.ceil(mentions / 2), 'sino-vietnamese-war': Math.floor(mentions / 2) },
  };
}

/** 20,000 paragraphs of five elements each (p, a, em, strong, span): 100,000 elements and more. */
export function manyElementsPage(paragraphs = 20_000, every = 250): GeneratedPage {
  const random = prng(1950);
  const rows: string[] = [];
  let planted = 0;
  for (let index = 0; index < paragraphs; index++) {
    const words = filler(random, 40);
    const mention = index % every === 0;
    if (mention) planted++;
    rows.push(
      `<p>${words} <a href="#p${index}">link ${index}</a> <em>${mention ? 'the Korean War' : 'emphasis'}</em> <strong>strong</strong> <span>${index}</span></p>`,
    );
  }
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>100,000 elements</title>
<style>${SHELL_STYLE}</style></head><body><h1>A page of a hundred thousand elements</h1>
<main id="main">
${rows.join('\n')}
</main>
<script>window.elementCount = document.getElementsByTagName('*').length;</script>
</body></html>`,
    planted: { 'korean-war': planted },
  };
}

/**
 * 5,000 nested divs built by the page's own script (the HTML parser would flatten anything past
 * 512 levels), with a mention at the top, every 1,000 levels and at the very bottom. The levels
 * are `display: contents` by default: Chromium 156's renderer crashes laying out about 3,000
 * nested block boxes, with or without the extension; `?depth=3000&style=` shows it.
 */
export function deepPage(depth = 5_000, levelStyle = 'display:contents'): GeneratedPage {
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>5,000 levels deep</title>
<style>${SHELL_STYLE} .level{margin:0;padding:0;${levelStyle}}</style></head><body>
<h1>Nested very deep</h1>
<p id="top">At the top: the Korean War.</p>
<div id="root"></div>
<script>
  let parent = document.getElementById('root');
  for (let level = 1; level <= ${depth}; level++) {
    const div = document.createElement('div');
    div.className = 'level';
    if (level % 1000 === 0) div.append('Level ' + level + ' mentions the Korean War. ');
    parent.append(div);
    parent = div;
  }
  const bottom = document.createElement('p');
  bottom.id = 'bottom';
  bottom.textContent = 'At the very bottom: the Sino-Vietnamese War of 1979.';
  parent.append(bottom);
  window.deepest = ${depth};
</script>
</body></html>`,
    planted: { 'korean-war': 1 + Math.floor(depth / 1000), 'sino-vietnamese-war': 1 },
  };
}

/**
 * A live page: `window.startMutating(seconds)` changes its DOM 1,000 times a second (on a 10 ms
 * timer, as many changes as are due): edits the text of a random item, appends a new item, and removes the oldest so the
 * DOM stays the same size, some of each naming the Korean War. Resolves with the changes made.
 * `window.expectedMentions()` counts the names in the text as it stands.
 */
export function mutatingPage(items = 300): GeneratedPage {
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A page that never sits still</title>
<style>${SHELL_STYLE}</style></head><body>
<h1>Live ticker</h1>
<ul id="ticker"></ul>
<script>
  const ticker = document.getElementById('ticker');
  let seed = 1953;
  const random = () => { seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
  const sentence = (index) => random() < 0.3
    ? 'Update ' + index + ': veterans of the Korean War met in Dandong.'
    : 'Update ' + index + ': markets in the province were calm.';
  let next = 0;
  const item = () => { const li = document.createElement('li'); li.textContent = sentence(next++); return li; };
  for (let index = 0; index < ${items}; index++) ticker.append(item());
  window.expectedMentions = () => (ticker.textContent.match(/Korean War/g) || []).length;
  window.startMutating = (seconds) => new Promise((done) => {
    let changes = 0;
    const started = performance.now();
    const timer = setInterval(() => {
      // As many changes as are due at 1,000 a second, however late the timer fires.
      const due = Math.min(seconds * 1000, Math.floor(performance.now() - started));
      while (changes < due) {
        const kind = changes % 3;
        if (kind === 0) {
          const target = ticker.children[Math.floor(random() * ticker.children.length)];
          if (target && target.firstChild) target.firstChild.data = sentence(next++);
        } else if (kind === 1) {
          ticker.append(item());
        } else {
          ticker.firstElementChild && ticker.firstElementChild.remove();
        }
        changes++;
      }
      if (changes >= seconds * 1000) { clearInterval(timer); done(changes); }
    }, 10);
  });
</script>
</body></html>`,
    planted: {},
  };
}

/** A one-page PDF with one line of text, its cross-reference table computed. */
export function pdfDocument(text = 'The Korean War began in June 1950.'): Uint8Array {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

function memo<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

export const hostilePages = {
  bigTextNode: memo(() => bigTextNodePage()),
  manyElements: memo(() => manyElementsPage()),
  deep: memo(() => deepPage()),
  mutating: memo(() => mutatingPage()),
  feed: memo(() => {
    const page = generatePage({ textChars: 5_000_000 });
    const chunks = chunkBlocks(page.blocks, 50);
    return { shell: streamShell(chunks.length, 100), chunks, planted: page.planted };
  }),
};

/** The routes above, for `startServer({ extraRoutes })`. */
export const hostileRoutes: ExtraRoute = (url): ExtraResponse | undefined => {
  switch (url.pathname) {
    case '/hostile/big-text-node.html':
      return { body: hostilePages.bigTextNode().html };
    case '/hostile/many-elements.html':
      return { body: hostilePages.manyElements().html };
    case '/hostile/deep.html':
      if (url.searchParams.has('depth'))
        return {
          body: deepPage(Number(url.searchParams.get('depth')), url.searchParams.get('style') ?? undefined).html,
        };
      return { body: hostilePages.deep().html };
    case '/hostile/mutating.html':
      return { body: hostilePages.mutating().html };
    case '/hostile/feed.html':
      return { body: hostilePages.feed().shell };
    case '/hostile/doc.pdf':
      return { body: pdfDocument(), type: 'application/pdf' };
  }
  // The feed's own script fetches its slices from the benchmark's path.
  const chunk = /^\/bench\/stream\/chunk\/(\d+)$/.exec(url.pathname);
  if (chunk) return { body: hostilePages.feed().chunks[Number(chunk[1])] ?? '' };
  return undefined;
};
