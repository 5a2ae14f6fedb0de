// @vitest-environment happy-dom
/**
 * DOM fuzzing (issue 9, item 7): the scanner that follows a page through random edits holds the
 * same marks as a fresh scanner over the page where the edits left it, and none of its Ranges is
 * left on removed text or collapsed. The two take different paths: the follower rescans what the
 * edits changed by walking it exactly (text-runs.ts), while a fresh scan looks at the whole page
 * cheaply first and walks exactly only the blocks where that look hits (candidates.ts). So that a
 * name both paths miss is caught too, the fresh scan must also mark what a scan that walks every
 * block exactly marks (`exactMatcher`).
 *
 * A case is a random tree (blocks, inlines, skipped elements, editable regions, comments, shadow
 * roots, text from a vocabulary of names, near misses, name fragments split across elements, soft
 * hyphens and zero-width spaces) and a random list of edits (insert, remove, change text, wrap,
 * unwrap, split, normalize, move), each followed by a random wait: none (the next edit joins the
 * same mutation batch), the mutation observer's microtask, one timer (the scanner's debounce or a
 * yield between slices, so the next edit lands in the middle of a pass) or until idle.
 *
 * The generators of pages, edits and waits are in dom-fuzz.ts (shared with lookout-fuzz.test.ts).
 *
 * Time is fake and deterministic: setTimeout is Vitest's, and performance.now advances a fixed
 * step per call, so slices end (and the scanner yields) at the same points on every replay of a
 * seed. Set FUZZ_SEED (and FUZZ_PATH, from a failure report) to replay a case.
 */
import NAME_SCREEN from 'virtual:yalu-name-screen';
import { expect, vi } from 'vitest';
import { Scanner } from '../../../src/content/scanner';
import { CORE_TOPIC_IDS } from '../../../src/knowledge/types';
import { createTopicMatcher, type Matcher } from '../../../src/matching';
import {
  applyEdit,
  CUES,
  describeMark,
  domArbs,
  type FuzzCase,
  fuzzCaseArb,
  fuzzSuite,
  mountCase,
  pathOf,
  targets,
  untilIdle,
  wait,
} from './dom-fuzz';
import { RecordingHighlighter } from './recording-highlighter';

const { pageArb, editArb } = domArbs();

const matcher = createTopicMatcher(CORE_TOPIC_IDS);

/**
 * The same matcher with a prefilter that hits on every character: a scan with it walks every block
 * exactly, so a fresh scan with the real one, which walks exactly only where the first look at the
 * page hits (candidates.ts), must mark the same.
 */
const exactMatcher = {
  enabledTopics: matcher.enabledTopics,
  scan: (text, knownCues) => matcher.scan(text, knownCues),
  prefilter: {
    feed(_text: string, state: number, from = 0, to = _text.length, hits?: number[]): number {
      for (let index = from; index < to; index++) hits?.push(index);
      return state;
    },
  },
} as Matcher;

// The property.

const caseArb = fuzzCaseArb(pageArb, editArb);

function without(list: readonly string[], removed: readonly string[]): string[] {
  const rest = [...list];
  for (const item of removed) {
    const index = rest.indexOf(item);
    if (index >= 0) rest.splice(index, 1);
  }
  return rest;
}

const errors: unknown[] = [];
async function check(fuzz: FuzzCase): Promise<void> {
  errors.length = 0;
  const { header, clock } = mountCase(fuzz);
  const highlighter = new RecordingHighlighter();
  const scanner = new Scanner(document, matcher, highlighter.asHighlighter, {
    sliceMs: fuzz.timing.sliceMs,
    mutationDelayMs: fuzz.mutationDelayMs,
    // Half the cases read through the build's name screen, as the content script does without
    // custom terms; the rest through the matcher's prefilter, as with them.
    nameScreen:
      process.env.FUZZ_SCREEN === 'off'
        ? undefined
        : process.env.FUZZ_SCREEN === 'on'
          ? NAME_SCREEN
          : fuzz.edits.length % 2 === 0
            ? NAME_SCREEN
            : undefined,
  });
  /** The marks a fresh scanner finds on the page as it is (with `exactMatcher`: walking every block). */
  const freshScan = async (using = matcher) => {
    const reference = new Scanner(document, using, new RecordingHighlighter().asHighlighter, {
      sliceMs: Number.POSITIVE_INFINITY,
    });
    try {
      await reference.start();
      return [...reference.currentMentions].map(({ topic, range }) => describeMark(topic, range)).sort();
    } finally {
      reference.dispose();
    }
  };
  try {
    const started = scanner.start();
    for (const { edit, wait: kind } of fuzz.edits) {
      applyEdit(edit, targets(document.body, header));
      await wait(kind);
    }
    await untilIdle();
    await started;
    expect(errors).toEqual([]);

    const held = [...scanner.currentMentions];
    // What the scanner holds is what it gave the highlighter.
    expect(highlighter.marks.size).toBe(held.length);
    for (const mention of held) expect(highlighter.marks.get(mention.range)).toBe(mention.topic);
    // No Range on removed text, none collapsed.
    const stale = held
      .filter(({ range }) => range.collapsed || !range.startContainer.isConnected || !range.endContainer.isConnected)
      .map(({ topic, range }) => describeMark(topic, range));
    expect(stale).toEqual([]);

    const actual = held.map(({ topic, range }) => describeMark(topic, range)).sort();
    const expected = await freshScan();
    // The first look at the page missed no block that the exact walk marks in.
    expect(expected).toEqual(await freshScan(exactMatcher));
    if (fuzz.cued) {
      expect(actual).toEqual(expected);
    } else {
      // Without the header, page cues seen in text that was later edited away still count (they
      // only grow, by design: see src/matching/context.ts), so a followed page may mark ambiguous
      // names that a fresh scan leaves. It marks at least what a fresh scan marks, and at most what
      // a fresh scan marks with every cue on the page (a header of cues, added last: a block, it
      // changes no other run). Multisets: a name marked twice is caught too.
      scanner.dispose();
      const cues = document.createElement('header');
      cues.textContent = CUES;
      document.body.append(cues);
      const inCues = `${pathOf(cues)}/`;
      const most = (await freshScan()).filter((mark) => !mark.includes(` ${inCues}`));
      expect(without(expected, actual)).toEqual([]);
      expect(without(actual, most)).toEqual([]);
    }
  } finally {
    scanner.dispose();
    clock.mockRestore();
    vi.clearAllTimers();
    performance.clearMeasures('yalu:scan');
    document.body.replaceChildren();
  }
}

fuzzSuite(
  'scanner under random DOM edits',
  'holds the marks a fresh scan finds, on live nodes only',
  caseArb,
  check,
  errors,
  200,
);
