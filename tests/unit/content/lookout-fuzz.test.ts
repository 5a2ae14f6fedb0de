// @vitest-environment happy-dom
/**
 * DOM fuzzing of the lookout (src/content/lookout.ts): whatever a fresh scan by the marker would
 * mark, the lookout must have woken the marker for, and in time. A case is a page with few names
 * (most have none the marker marks) and random edits that bring names in: cut across inline
 * elements, into shadow roots, into skipped elements (text fields, editors, scripts), where a
 * fresh scan marks nothing, and names joined from pieces by unwrapping, removing or normalizing.
 * The pages, edits and waits are scanner-fuzz.test.ts's (dom-fuzz.ts).
 *
 * The properties:
 * - a lookout started on a page that a fresh scan marks in wakes the marker in its first pass;
 * - whenever the page is idle (no look pending) and the lookout has not woken the marker, a fresh
 *   scan (all topics enabled) marks nothing, so also where all the edits leave the page.
 * Waking for nothing is allowed (the prefilter is a superset of the matcher); waking twice is not.
 *
 * Time is fake and deterministic, as in scanner-fuzz.test.ts. Set FUZZ_SEED (and FUZZ_PATH, from
 * a failure report) to replay a case, FUZZ_RUNS to run more.
 */
import NAME_KEYS from 'virtual:yalu-name-keys';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Lookout } from '../../../src/content/lookout';
import { Scanner } from '../../../src/content/scanner';
import { TOPIC_IDS } from '../../../src/knowledge/types';
import { createTopicMatcher, Prefilter } from '../../../src/matching';
import {
  applyEdit,
  type BulkFill,
  build,
  bulkFillArb,
  describeMark,
  domArbs,
  type Edit,
  inSkipped,
  insertAt,
  type NodeSpec,
  type Place,
  placeArb,
  targets,
  untilIdle,
  type Wait,
  wait,
  waitArb,
} from './dom-fuzz';
import { RecordingHighlighter } from './recording-highlighter';

const matcher = createTopicMatcher(TOPIC_IDS);
const prefilter = new Prefilter(NAME_KEYS);

/** Pages where one text in about thirteen is (a piece of) a name; edits bring names as often as the scanner's do. */
const { pageArb } = domArbs({ nameWeight: 1, fillerWeight: 12 });
const { editArb } = domArbs();

/** Cue words of every topic's context: ambiguous names count on a page that shows them. */
const CUES = 'China, North Korea and Vietnam';

interface Case {
  /** A header with cues for every topic, never edited. */
  cued: boolean;
  tree: NodeSpec[];
  /** A long stretch of empty nodes: a walk over it stops inside, and edits land in a paused walk. */
  bulk: { place: Place; tag: string; size: number; fill: BulkFill } | null;
  edits: { edit: Edit; wait: Wait }[];
  /** How far performance.now moves per call, and the slice length (see scanner-fuzz.test.ts). */
  timing: { tick: number; sliceMs: number };
  mutationDelayMs: number;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
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

/** The marks a fresh scanner, every topic enabled, finds on the page as it is. */
async function freshScan(): Promise<string[]> {
  const reference = new Scanner(document, matcher, new RecordingHighlighter().asHighlighter, {
    sliceMs: Number.POSITIVE_INFINITY,
  });
  try {
    await reference.start();
    return [...reference.currentMentions].map(({ topic, range }) => describeMark(topic, range)).sort();
  } finally {
    reference.dispose();
  }
}

const errors: unknown[] = [];
const onRejection = (reason: unknown) => errors.push(reason);

async function check(fuzz: Case): Promise<void> {
  document.body.replaceChildren();
  errors.length = 0;
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
    if (!bulk.isConnected || inSkipped(bulk)) document.body.append(bulk);
  }

  let now = 0;
  const clock = vi.spyOn(performance, 'now').mockImplementation(() => {
    now += fuzz.timing.tick;
    return now;
  });
  const options = { sliceMs: fuzz.timing.sliceMs, mutationDelayMs: fuzz.mutationDelayMs };
  const lookouts: Lookout[] = [];
  try {
    // A page with a mention: the first pass wakes the marker.
    const initial = await freshScan();
    if (initial.length > 0) {
      let probeHits = 0;
      const probe = new Lookout(document, prefilter, { ...options, onHit: () => probeHits++ });
      lookouts.push(probe);
      const started = probe.start();
      await untilIdle();
      await started;
      expect(probeHits, `first pass over a page marked at ${initial.join(', ')}`).toBe(1);
      expect(probe.passCount).toBe(0);
      probe.stop();
    }

    // Edits, from the start of the first pass on.
    let hits = 0;
    const lookout = new Lookout(document, prefilter, { ...options, onHit: () => hits++ });
    lookouts.push(lookout);
    const started = lookout.start();
    for (const [index, { edit, wait: kind }] of fuzz.edits.entries()) {
      applyEdit(edit, targets(document.body, header));
      await wait(kind);
      if (kind === 'idle' && hits === 0) {
        expect(await freshScan(), `idle after edit ${index} without a hit`).toEqual([]);
      }
    }
    await untilIdle();
    await started;
    expect(errors).toEqual([]);
    expect(hits).toBeLessThanOrEqual(1);
    if (hits === 0) {
      expect(await freshScan(), 'idle at the end without a hit').toEqual([]);
      expect(lookout.isStopped).toBe(false);
    } else {
      expect(lookout.isStopped).toBe(true);
    }
  } finally {
    for (const lookout of lookouts) lookout.stop();
    clock.mockRestore();
    vi.clearAllTimers();
    performance.clearMeasures('yalu:scan');
    document.body.replaceChildren();
  }
}

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

describe('lookout under random DOM edits', () => {
  it(
    'wakes the marker, in its first pass and after any edits, wherever a fresh scan marks',
    async () => {
      await fc.assert(fc.asyncProperty(caseArb, check), {
        numRuns: Number(process.env.FUZZ_RUNS ?? 100),
        ...(seed === undefined ? {} : { seed }),
        ...(path === undefined ? {} : { path }),
      });
    },
    Number(process.env.FUZZ_TIMEOUT ?? 60_000),
  );
});
