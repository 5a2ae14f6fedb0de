/**
 * The DOM fuzzing kit shared by the scanner's and the lookout's fuzz tests (scanner-fuzz.test.ts,
 * lookout-fuzz.test.ts): random pages, random edits of them, and waits under Vitest's fake timers.
 *
 * A page is a random tree (blocks, inlines, skipped elements, editable regions, comments, shadow
 * roots, text from a vocabulary of names, near misses, name fragments split across elements, soft
 * hyphens and zero-width spaces); an edit inserts, removes, changes text, wraps, unwraps, splits,
 * normalizes or moves; a wait is none (the next edit joins the same mutation batch), the mutation
 * observer's microtask, one timer, or until idle. `domArbs` builds the generators for a given share
 * of names among the texts: the scanner's test uses the default (names in most texts), the
 * lookout's a page with few names and edits that bring them.
 *
 * Needs a DOM (happy-dom) and, for `wait` and `untilIdle`, fake timers.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, it, vi } from 'vitest';

// The DOM.

/**
 * Names, and near misses of them, that the tree cuts into pieces over neighbouring nodes
 * ("Korean <em>War</em>"): marked names, names that need the page's context, near misses.
 */
export const NAMES = [
  'Korean War',
  'the Korean War',
  'Sino-Vietnamese War',
  '1979 Sino-Vietnamese War',
  '한국전쟁',
  '한국 전쟁',
  '6·25 전쟁',
  '6.25전쟁',
  '中越战争',
  '朝鲜战争',
  'Chiến tranh biên giới Việt–Trung',
  'Chiến tranh Triều Tiên',
  'Kor\u00adean War',
  'Korean\u200b War',
  'the 1961 treaty',
  'the Forgotten War',
  'the 1979 war',
  'Korean Warriors',
  'Korean warfare',
  'Korea War',
  'Sino-Vietnamese',
  '北韓戰略',
  '한국전',
];

/** Between names: white space, invisible characters, cue words, sentence ends, filler. */
export const FILLERS = [
  ' ',
  ' ',
  '\n',
  '\u00ad',
  '\u200b',
  '',
  'The ',
  ' began in 1950. ',
  'and ',
  '. ',
  'China ',
  'North Korea ',
  'Vietnam ',
  'Lorem ipsum ',
];

export type NodeSpec =
  | { kind: 'text'; text: string }
  | { kind: 'comment'; text: string }
  | { kind: 'element'; tag: string; editable: boolean; children: NodeSpec[]; shadow: NodeSpec[] | null }
  /** Several nodes inserted at once (one mutation record adding them all). */
  | { kind: 'fragment'; children: NodeSpec[] }
  /**
   * An element holding a few hundred comments or empty text nodes: a walk checks its deadline
   * every 256 steps (the first look at a page, candidates.ts, every 128 text nodes), so only a
   * long walk stops in the middle, and the edits then land in a paused walk. Its nodes change no
   * run and are not picked by the edits.
   */
  | { kind: 'bulk'; tag: string; size: number; fill: BulkFill };

/** What a bulk holds: comments (a walk of elements stops in them) or empty texts (a walk of texts does too). */
export type BulkFill = 'comment' | 'text';
export const bulkFillArb: fc.Arbitrary<BulkFill> = fc.constantFrom('comment', 'text');

export const text = (data: string): NodeSpec => ({ kind: 'text', text: data });
export const element = (
  tag: string,
  children: NodeSpec[],
  extra: Partial<NodeSpec & { kind: 'element' }> = {},
): NodeSpec => ({
  kind: 'element',
  tag,
  editable: false,
  children,
  shadow: null,
  ...extra,
});

/** What a piece of text becomes: a text node alone, in an element, or followed by something. */
export const DECORS = {
  plain: 16,
  em: 2,
  a: 2,
  span: 2,
  b: 2,
  div: 2,
  editable: 1,
  textarea: 1,
  script: 1,
  shadow: 1,
  br: 1,
  comment: 1,
} as const;
export type Decor = keyof typeof DECORS;
export const decorArb: fc.Arbitrary<Decor> = fc.oneof(
  ...Object.entries(DECORS).map(([decor, weight]) => ({ arbitrary: fc.constant(decor as Decor), weight })),
);

export function decorate(piece: string, decor: Decor): NodeSpec[] {
  switch (decor) {
    case 'plain':
      return [text(piece)];
    case 'editable':
      return [element('span', [text(piece)], { editable: true })];
    case 'shadow':
      return [element('span', [], { shadow: [text(piece)] })];
    case 'br':
      return [text(piece), element('br', [])];
    case 'comment':
      return [text(piece), { kind: 'comment', text: 'Korean War' }];
    default:
      return [element(decor, [text(piece)])];
  }
}

export const BLOCKS = ['div', 'p', 'li', 'section', 'h2', 'article'];
export const INLINES = ['span', 'em', 'a', 'b', 'strong'];
export const SKIPPED = ['script', 'style', 'textarea', 'svg'];

/** The elements built for `bulk`: edits pick them but not what they hold. */
export const bulks = new WeakSet<Node>();

/** Elements that can host a shadow root; a `shadow` on any other is left out. */
export const SHADOW_HOSTS = new Set(['div', 'p', 'section', 'article', 'h2', 'span']);

export function build(spec: NodeSpec): Node {
  switch (spec.kind) {
    case 'text':
      return document.createTextNode(spec.text);
    case 'comment':
      return document.createComment(spec.text);
    case 'fragment': {
      const fragment = document.createDocumentFragment();
      for (const child of spec.children) fragment.append(build(child));
      return fragment;
    }
    case 'bulk': {
      const element = document.createElement(spec.tag);
      for (let index = 0; index < spec.size; index++) {
        element.append(spec.fill === 'text' ? document.createTextNode('') : document.createComment(''));
      }
      bulks.add(element);
      return element;
    }
    case 'element': {
      const element =
        spec.tag === 'svg'
          ? document.createElementNS('http://www.w3.org/2000/svg', 'svg')
          : document.createElement(spec.tag);
      // Not run by happy-dom: the fuzz text is not JavaScript.
      if (spec.tag === 'script') element.setAttribute('type', 'text/plain');
      if (spec.editable) element.setAttribute('contenteditable', 'true');
      for (const child of spec.children) element.append(build(child));
      if (spec.shadow && SHADOW_HOSTS.has(spec.tag)) {
        const shadow = element.attachShadow({ mode: 'open' });
        for (const child of spec.shadow) shadow.append(build(child));
      }
      return element;
    }
  }
}

/** What the edits can pick from: every node under the body but the cue header, and every parent. */
export interface Targets {
  nodes: ChildNode[];
  texts: Text[];
  elements: Element[];
  parents: (Element | ShadowRoot)[];
  /** The first bulk, where a long walk stops, and the last text before it: picked by index -1. */
  bulk?: ChildNode;
  beforeBulk?: Text;
}

export function targets(body: HTMLElement, header: Node | null): Targets {
  const found: Targets = { nodes: [], texts: [], elements: [], parents: [body] };
  const visit = (parent: Node) => {
    for (const child of parent.childNodes) {
      if (child === header) continue;
      found.nodes.push(child);
      if (bulks.has(child) && !found.bulk) {
        found.bulk = child;
        found.beforeBulk = found.texts[found.texts.length - 1];
      }
      if (child.nodeType === Node.TEXT_NODE) found.texts.push(child as Text);
      if (child.nodeType === Node.ELEMENT_NODE) {
        const element = child as Element;
        found.elements.push(element);
        found.parents.push(element);
        if (element.shadowRoot) {
          found.parents.push(element.shadowRoot);
          visit(element.shadowRoot);
        }
      }
      if (!bulks.has(child)) visit(child);
    }
  };
  visit(body);
  return found;
}

/** Whether `node` is `ancestor` or below it, looking through shadow roots to their hosts. */
export function isInside(node: Node, ancestor: Node): boolean {
  for (let current: Node | null = node; current; ) {
    if (current === ancestor) return true;
    current = current.parentNode ?? (current instanceof ShadowRoot ? current.host : null);
  }
  return false;
}

/** Whether `node` is inside an element that a walk skips (by the rules of text-runs.ts). */
export function inSkipped(node: Node): boolean {
  for (let current: Node | null = node.parentNode; current; ) {
    if (current instanceof Element) {
      const editable = current.getAttribute('contenteditable');
      if (SKIPPED.includes(current.localName) || (editable !== null && editable !== 'false')) return true;
    }
    current = current.parentNode ?? (current instanceof ShadowRoot ? current.host : null);
  }
  return false;
}

// The edits. Targets are picked at the time of the edit: an index modulo the candidates there are.

/** Where an edit puts a node: a child index of any parent, or right before or after a text node. */
export type Place = { parent: number; index: number } | { text: number; after: boolean };

export type Edit =
  | { op: 'insert'; place: Place; node: NodeSpec }
  | { op: 'remove'; node: number }
  | { op: 'setData'; text: number; data: string }
  | { op: 'appendData'; text: number; data: string }
  | { op: 'deleteData'; text: number; at: number; count: number }
  | { op: 'split'; text: number; at: number }
  | { op: 'wrap'; node: number; tag: string }
  | { op: 'unwrap'; element: number }
  | { op: 'normalize'; element: number }
  | { op: 'move'; node: number; place: Place };

/** After an edit: none (the next edit joins the batch), the observer's microtask, one timer, or until idle. */
export type Wait = 'none' | 'micro' | 'timer' | 'idle';

/** An index into the candidates, or -1: next to the bulk, where a paused walk waits. */
export const pick = fc.oneof(
  { arbitrary: fc.nat({ max: 1000 }), weight: 5 },
  { arbitrary: fc.constant(-1), weight: 1 },
);
/** An offset into text or a child list (modulo its length). */
export const offset = fc.nat({ max: 1000 });
export const placeArb: fc.Arbitrary<Place> = fc.oneof(
  fc.record({ parent: pick, index: offset }),
  fc.record({ text: pick, after: fc.boolean() }),
);

/**
 * The generators of pages and edits, for texts that are a name (cut into pieces) `nameWeight`
 * times for every `fillerWeight` times they are filler.
 */
export function domArbs({ nameWeight = 3, fillerWeight = 2 } = {}) {
  /** The text of one or more neighbouring nodes: a name cut where `cuts` fall, or a filler. */
  const tokenArb: fc.Arbitrary<string[]> = fc.oneof(
    {
      arbitrary: fc
        .record({
          name: fc.constantFrom(...NAMES),
          cuts: fc.array(fc.nat({ max: 40 }), { maxLength: 2 }),
          glue: fc.constantFrom('', '', '', '\u00ad', '\u200b', ' '),
        })
        .map(({ name, cuts, glue }) => {
          const at = [...new Set(cuts.map((cut) => cut % name.length).filter((cut) => cut > 0))].sort((a, b) => a - b);
          const pieces = [0, ...at].map((from, index) => name.slice(from, at[index] ?? name.length));
          return pieces.map((piece, index) => (index < pieces.length - 1 ? piece + glue : piece));
        }),
      weight: nameWeight,
    },
    { arbitrary: fc.constantFrom(...FILLERS).map((filler) => [filler]), weight: fillerWeight },
  );

  /** Inline content: pieces of names and fillers, each piece dressed by its own decor. */
  const inlinesArb: fc.Arbitrary<NodeSpec[]> = fc
    .array(
      fc.record({
        token: tokenArb,
        decors: fc.array(decorArb, { minLength: 3, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 2 },
    )
    .map((tokens) =>
      tokens.flatMap(({ token, decors }) => token.flatMap((piece, index) => decorate(piece, decors[index] ?? 'plain'))),
    );

  const treeArb = fc.letrec<{ block: NodeSpec; inline: NodeSpec; content: NodeSpec[] }>((tie) => ({
    content: fc
      .array(
        fc.oneof(
          { maxDepth: 2, depthIdentifier: 'tree' },
          { arbitrary: inlinesArb, weight: 5 },
          { arbitrary: tie('inline').map((node) => [node]), weight: 1 },
          { arbitrary: tie('block').map((node) => [node]), weight: 2 },
        ),
        { minLength: 1, maxLength: 2, depthIdentifier: 'tree' },
      )
      .map((groups) => groups.flat()),
    inline: fc
      .record({ tag: fc.constantFrom(...INLINES), children: tie('content') })
      .map(({ tag, children }) => element(tag, children)),
    block: fc
      .record({
        tag: fc.oneof(
          { arbitrary: fc.constantFrom(...BLOCKS), weight: 12 },
          { arbitrary: fc.constantFrom(...SKIPPED), weight: 1 },
        ),
        // One block in twelve is contenteditable: skipped with its subtree, like a form field.
        editable: fc.integer({ min: 0, max: 11 }).map((roll) => roll === 0),
        children: tie('content'),
        shadow: fc.option(tie('content'), { freq: 10 }),
      })
      .map((block): NodeSpec => ({ kind: 'element', ...block })),
  }));

  /** The page: blocks, and inline content right in the body. */
  const pageArb: fc.Arbitrary<NodeSpec[]> = fc
    .array(
      fc.oneof({ arbitrary: treeArb.block.map((node) => [node]), weight: 3 }, { arbitrary: inlinesArb, weight: 1 }),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((groups) => groups.flat());

  /** What an edit inserts: a block, an inline element, a text node, several nodes at once, a bulk. */
  const insertedArb: fc.Arbitrary<NodeSpec> = fc.oneof(
    { arbitrary: treeArb.block, weight: 2 },
    { arbitrary: treeArb.inline, weight: 1 },
    // An editor or a form field appearing (skipped, so not rescanned: a walk under way must skip it too).
    { arbitrary: inlinesArb.map((children) => element('div', children, { editable: true })), weight: 1 },
    { arbitrary: tokenArb.map((pieces) => text(pieces.join(''))), weight: 2 },
    { arbitrary: inlinesArb.map((children): NodeSpec => ({ kind: 'fragment', children })), weight: 1 },
    {
      arbitrary: fc
        .record({ tag: fc.constantFrom('span', 'div'), size: fc.integer({ min: 260, max: 320 }), fill: bulkFillArb })
        .map(({ tag, size, fill }): NodeSpec => ({ kind: 'bulk', tag, size, fill })),
      weight: 1,
    },
  );

  const dataArb = tokenArb.map((pieces) => pieces.join(''));

  const editArb: fc.Arbitrary<Edit> = fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('insert'), place: placeArb, node: insertedArb }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant('remove'), node: pick }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('setData'), text: pick, data: dataArb }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('appendData'), text: pick, data: dataArb }), weight: 1 },
    {
      arbitrary: fc.record({
        op: fc.constant('deleteData'),
        text: pick,
        at: offset,
        count: fc.integer({ min: 1, max: 6 }),
      }),
      weight: 1,
    },
    { arbitrary: fc.record({ op: fc.constant('split'), text: pick, at: offset }), weight: 2 },
    {
      arbitrary: fc.record({
        op: fc.constant('wrap'),
        node: pick,
        tag: fc.constantFrom('span', 'em', 'a', 'div', 'p', 'script', 'textarea'),
      }),
      weight: 2,
    },
    { arbitrary: fc.record({ op: fc.constant('unwrap'), element: pick }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('normalize'), element: pick }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('move'), node: pick, place: placeArb }), weight: 3 },
  ) as fc.Arbitrary<Edit>;

  return { tokenArb, inlinesArb, treeArb, pageArb, insertedArb, dataArb, editArb };
}

export const waitArb: fc.Arbitrary<Wait> = fc.constantFrom('none', 'none', 'micro', 'timer', 'timer', 'idle');

export function at<T>(list: readonly T[], index: number, near?: T): T | undefined {
  if (index < 0 && near) return near;
  return list.length === 0 ? undefined : list[Math.abs(index) % list.length];
}

export const nodeAt = (found: Targets, index: number) => at(found.nodes, index, found.bulk);
export const textAt = (found: Targets, index: number) => at(found.texts, index, found.beforeBulk);
export const elementAt = (found: Targets, index: number) => {
  const parent = found.bulk?.parentElement;
  return at(found.elements, index, parent && parent !== document.body ? parent : undefined);
};
export const parentAt = (found: Targets, index: number) =>
  at<Element | ShadowRoot>(found.parents, index, (found.bulk?.parentNode as Element | ShadowRoot) ?? undefined);

/** Puts `node` at `place`, unless that is inside `node` itself. */
export function insertAt(place: Place, node: Node, found: Targets): void {
  let parent: Node | null | undefined;
  let before: Node | null;
  if ('parent' in place) {
    parent = parentAt(found, place.parent);
    before = parent?.childNodes[place.index % (parent.childNodes.length + 1)] ?? null;
  } else {
    const beside = textAt(found, place.text);
    parent = beside?.parentNode;
    before = (place.after ? beside?.nextSibling : beside) ?? null;
  }
  if (!parent || isInside(parent, node)) return;
  if (before === node) before = node.nextSibling;
  parent.insertBefore(node, before);
}

export function applyEdit(edit: Edit, found: Targets): void {
  switch (edit.op) {
    case 'insert':
      insertAt(edit.place, build(edit.node), found);
      return;
    case 'remove':
      nodeAt(found, edit.node)?.remove();
      return;
    case 'setData': {
      const text = textAt(found, edit.text);
      if (text) text.data = edit.data;
      return;
    }
    case 'appendData':
      textAt(found, edit.text)?.appendData(edit.data);
      return;
    case 'deleteData': {
      const text = textAt(found, edit.text);
      if (text) text.deleteData(edit.at % (text.length + 1), edit.count);
      return;
    }
    case 'split': {
      const text = textAt(found, edit.text);
      if (text?.parentNode) text.splitText(edit.at % (text.length + 1));
      return;
    }
    case 'wrap': {
      const node = nodeAt(found, edit.node);
      const parent = node?.parentNode;
      if (!node || !parent) return;
      const wrapper = document.createElement(edit.tag);
      if (edit.tag === 'script') wrapper.setAttribute('type', 'text/plain');
      parent.insertBefore(wrapper, node);
      wrapper.append(node);
      return;
    }
    case 'unwrap': {
      const element = elementAt(found, edit.element);
      if (element?.parentNode) element.replaceWith(...element.childNodes);
      return;
    }
    case 'normalize':
      elementAt(found, edit.element)?.normalize();
      return;
    case 'move': {
      const node = nodeAt(found, edit.node);
      if (node) insertAt(edit.place, node, found);
      return;
    }
  }
}

// Time.

/** Lets every pending microtask run (the mutation observer's callback, the scanner's awaits). */
export const macrotask = () => new Promise<void>((done) => setImmediate(done));

export async function wait(kind: Wait): Promise<void> {
  if (kind === 'none') return;
  await macrotask();
  if (kind === 'micro') return;
  if (kind === 'timer') {
    vi.advanceTimersToNextTimer();
    await macrotask();
    return;
  }
  await untilIdle();
}

/** Runs timers until the scanner has none left: no debounce pending, no pass yielding. */
export async function untilIdle(): Promise<void> {
  for (let step = 0; step < 10_000; step++) {
    await macrotask();
    if (vi.getTimerCount() === 0) return;
    vi.advanceTimersToNextTimer();
  }
  throw new Error('the scanner never went idle');
}

// Marks, described for comparing.

/** Where a node is, as child indexes from the body (`^` steps into a shadow root). */
export function pathOf(node: Node): string {
  if (!node.isConnected) return `detached ${node.nodeName}`;
  const steps: string[] = [];
  for (let current: Node = node; current !== document.body; ) {
    const parent = current.parentNode as Node;
    if (parent instanceof ShadowRoot) {
      steps.unshift(`^${[...parent.childNodes].indexOf(current as ChildNode)}`);
      current = parent.host;
    } else {
      steps.unshift(String([...parent.childNodes].indexOf(current as ChildNode)));
      current = parent;
    }
  }
  return steps.join('/');
}

export function describeMark(topic: string, range: Range): string {
  const start = `${pathOf(range.startContainer)}:${range.startOffset}`;
  const end = `${pathOf(range.endContainer)}:${range.endOffset}`;
  return `${topic} ${start}-${end} ${JSON.stringify(range.toString())}`;
}

/** Cue words of every topic's context: ambiguous names count on a page that shows them. */
export const CUES = 'China, North Korea and Vietnam';

/** One fuzz case: a page, perhaps a bulk of empty nodes, edits with waits, and the timing. */
export interface FuzzCase {
  /** A header with cues for every topic, never edited: ambiguous names then count at once. */
  cued: boolean;
  tree: NodeSpec[];
  /** A long stretch of empty nodes put into the tree: a walk over it stops inside (see `bulk`). */
  bulk: { place: Place; tag: string; size: number; fill: BulkFill } | null;
  edits: { edit: Edit; wait: Wait }[];
  /**
   * When passes yield: how far performance.now moves per call, and the slice length. Frozen (tick
   * 0): never. Tick 3 with 1 ms slices: before every root (a batch's roots, shadow roots). Tick 1
   * with 1 ms slices: inside a walk, at its first deadline check (every 256 nodes, or 128 text
   * nodes in the first look: in a bulk), and in the first look's search for skipped elements.
   */
  timing: { tick: number; sliceMs: number };
  mutationDelayMs: number;
}

/**
 * Puts a case's page into the document (the cue header, the tree, the bulk) and makes
 * performance.now move by the case's tick per call. Returns the header (never edited) and the
 * clock's spy, to restore.
 */
export function mountCase(fuzz: FuzzCase): { header: HTMLElement | null; clock: { mockRestore(): void } } {
  document.body.replaceChildren();
  let header: HTMLElement | null = null;
  if (fuzz.cued) {
    header = document.createElement('header');
    header.textContent = CUES;
    document.body.append(header);
  }
  for (const spec of fuzz.tree) document.body.append(build(spec));
  if (fuzz.bulk) {
    const bulk = build({ kind: 'bulk', ...fuzz.bulk });
    insertAt(fuzz.bulk.place, bulk, targets(document.body, header));
    // Where a walk goes: a bulk in a skipped element would never make one stop.
    if (!bulk.isConnected || inSkipped(bulk)) document.body.append(bulk);
  }
  let now = 0;
  const clock = vi.spyOn(performance, 'now').mockImplementation(() => {
    now += fuzz.timing.tick;
    return now;
  });
  return { header, clock };
}

/** Cases over the given pages and edits (the scanner's and the lookout's fuzz tests differ in pages). */
export function fuzzCaseArb(pageArb: fc.Arbitrary<NodeSpec[]>, editArb: fc.Arbitrary<Edit>): fc.Arbitrary<FuzzCase> {
  return fc.record({
    cued: fc.boolean(),
    tree: pageArb,
    bulk: fc.option(
      fc.record({
        place: placeArb,
        tag: fc.constantFrom('span', 'div'),
        size: fc.integer({ min: 260, max: 320 }),
        fill: bulkFillArb,
      }),
      { freq: 4 },
    ),
    edits: fc.array(fc.record({ edit: editArb, wait: waitArb }), { minLength: 1, maxLength: 12 }),
    timing: fc.constantFrom(
      { tick: 0, sliceMs: 8 },
      { tick: 3, sliceMs: 1 },
      { tick: 1, sliceMs: 1 },
      { tick: 1, sliceMs: 1 },
    ),
    mutationDelayMs: fc.constantFrom(0, 5),
  });
}

/**
 * A fuzz test's frame: fake timers, unhandled rejections gathered into `errors` (which `check`
 * clears and asserts on), and the run's count, seed and path from FUZZ_RUNS, FUZZ_SEED, FUZZ_PATH.
 */
export function fuzzSuite(
  title: string,
  property: string,
  arb: fc.Arbitrary<FuzzCase>,
  check: (fuzz: FuzzCase) => Promise<void>,
  errors: unknown[],
  defaultRuns: number,
): void {
  const onRejection = (reason: unknown) => errors.push(reason);
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    process.on('unhandledRejection', onRejection);
  });
  afterEach(() => {
    process.off('unhandledRejection', onRejection);
    vi.useRealTimers();
  });
  const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
  const path = process.env.FUZZ_PATH;
  describe(title, () => {
    it(
      property,
      async () => {
        await fc.assert(fc.asyncProperty(arb, check), {
          numRuns: Number(process.env.FUZZ_RUNS ?? defaultRuns),
          ...(seed === undefined ? {} : { seed }),
          ...(path === undefined ? {} : { path }),
        });
      },
      Number(process.env.FUZZ_TIMEOUT ?? 60_000),
    );
  });
}
