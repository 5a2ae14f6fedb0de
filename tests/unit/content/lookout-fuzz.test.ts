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
 * Waking for nothing is allowed (the name screen is a superset of the matcher); waking twice is not.
 *
 * Time is fake and deterministic, as in scanner-fuzz.test.ts. Set FUZZ_SEED (and FUZZ_PATH, from
 * a failure report) to replay a case, FUZZ_RUNS to run more.
 */
import NAME_SCREEN from 'virtual:yalu-name-screen';
import { expect, vi } from 'vitest';
import { Lookout } from '../../../src/content/lookout';
import { Scanner } from '../../../src/content/scanner';
import { TOPIC_IDS } from '../../../src/knowledge/types';
import { createTopicMatcher } from '../../../src/matching';
import { NameScreen } from '../../../src/matching/screen';
import {
  applyEdit,
  describeMark,
  domArbs,
  type FuzzCase,
  fuzzCaseArb,
  fuzzSuite,
  mountCase,
  targets,
  untilIdle,
  wait,
} from './dom-fuzz';
import { RecordingHighlighter } from './recording-highlighter';

const matcher = createTopicMatcher(TOPIC_IDS);
const newScreen = () => new NameScreen(NAME_SCREEN);

/** Pages where one text in about thirteen is (a piece of) a name; edits bring names as often as the scanner's do. */
const { pageArb } = domArbs({ nameWeight: 1, fillerWeight: 12 });
const { editArb } = domArbs();

const caseArb = fuzzCaseArb(pageArb, editArb);

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
async function check(fuzz: FuzzCase): Promise<void> {
  errors.length = 0;
  const { header, clock } = mountCase(fuzz);
  const options = { sliceMs: fuzz.timing.sliceMs, mutationDelayMs: fuzz.mutationDelayMs };
  const lookouts: Lookout[] = [];
  try {
    // A page with a mention: the first pass wakes the marker.
    const initial = await freshScan();
    if (initial.length > 0) {
      let probeHits = 0;
      const probe = new Lookout(document, newScreen, { ...options, onHit: () => probeHits++ });
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
    const lookout = new Lookout(document, newScreen, { ...options, onHit: () => hits++ });
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

fuzzSuite(
  'lookout under random DOM edits',
  'wakes the marker, in its first pass and after any edits, wherever a fresh scan marks',
  caseArb,
  check,
  errors,
  100,
);
