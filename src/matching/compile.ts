/**
 * Compiles the enabled topics' names, their page cues and any custom terms into one matcher that
 * finds all of them in a single pass over a text run (see automaton.ts).
 *
 * Semantics of `scan(text)`:
 * - a name occurs where the match keys (normalize.ts) of text and name are equal and the name's
 *   word boundaries hold (Latin-script edges need a non-word neighbour, CJK edges need nothing);
 * - among overlapping occurrences the leftmost wins, then the longest: "Chinese intervention in
 *   the Korean War" is one match when that topic is on, and "Korean War" inside it when it is off;
 * - guards (NAME_GUARDS) compete like names and mark nothing;
 * - custom terms are literal text (never a pattern language) and are matched like names;
 * - page cues are reported wherever they occur, also inside names, and do not compete.
 *
 * Aliases in Korean may be written with or without spaces next to Hangul and Han characters, so
 * each such space in a name is optional ("6·25 전쟁" also matches "6·25전쟁").
 */

import type { TopicId, TopicNames } from '../knowledge/types';
import { HIT_FLAG, PatternAutomaton } from './automaton';
import { findSentence } from './context';
import type { CueKey, Match, ScanResult } from './match';
import { isCjkChar, nameKey } from './normalize';

/** A user's own term for a topic: literal text, matched like the topic's names. */
export interface CustomTerm {
  readonly topic: TopicId;
  readonly text: string;
  /** Whether the term counts only in context, like an ambiguous name. Default false. */
  readonly needsContext?: boolean;
}

export interface MatcherOptions {
  /** Topics to match. Default: every topic given. Custom terms of other topics are ignored too. */
  readonly enabledTopics?: Iterable<TopicId>;
  readonly customTerms?: readonly CustomTerm[];
  /** Strings that win over the names inside them and mark nothing (see NAME_GUARDS). */
  readonly guards?: readonly string[];
}

export interface Matcher {
  readonly enabledTopics: ReadonlySet<TopicId>;
  /** How many custom terms it matches (of enabled topics): names no build-time screen knows. */
  readonly customTermCount: number;
  /**
   * Finds the mentions and cue groups in one text run; offsets are into `text`. `knownCues`, if
   * given, are cue groups the page has shown already: cue words that only stand for those are
   * skipped (a page about the Korean War says "China" hundreds of times), so the result's `cues`
   * holds only new ones. Leave it out if the scanner needs every run's own cues.
   */
  scan(text: string, knownCues?: ReadonlySet<CueKey>): ScanResult;
  /**
   * The names alone (no cues, no guards, no word boundaries) as a stream automaton, for a cheap
   * first look at a whole page: wherever `scan` finds a mention in a run, feeding the run's text
   * (or any text that contains it, such as a page's text nodes one after another) reaches a hit.
   */
  readonly prefilter: Prefilter;
}

/**
 * A superset test for mentions: `feed` the text piece by piece, carrying the returned state
 * (less HIT_FLAG) from one piece to the next; HIT_FLAG in the result says a name may end in that
 * piece. It ignores word boundaries and guards, so it can say yes where `scan` finds nothing,
 * never the reverse. Built on first use.
 */
export class Prefilter {
  private automaton: PatternAutomaton | undefined;

  constructor(private readonly keys: readonly string[]) {}

  feed(text: string, state: number, from = 0, to = text.length, hits?: number[]): number {
    this.automaton ??= new PatternAutomaton(this.keys);
    return this.automaton.feed(text, state, from, to, hits);
  }
}

export { HIT_FLAG };

/**
 * The keys of every name of every topic (and of `extraTexts`): what the content script's first
 * look (src/content/lookout.ts) feeds the page to, before any setting is read. The same keys as a
 * matcher's own prefilter, so it hits wherever any matcher with any enabled topics would (disabled
 * topics make it hit more, never less). The build computes them once (vite.config.ts), so the
 * script on every page carries neither the names nor this work.
 */
export function prefilterKeys(topicNames: readonly TopicNames[], extraTexts: readonly string[] = []): string[] {
  const keys = new Set<string>();
  const add = (text: string): void => {
    for (const key of spacingVariants(cachedKey(text))) if (key.length > 0) keys.add(key);
  };
  for (const topic of topicNames) for (const name of topic.names) add(name.text);
  for (const text of extraTexts) add(text);
  return [...keys];
}

// Names repeat across topics (every topic lists the same China cues); keys are computed once.
const keyCache = new Map<string, string>();

function cachedKey(text: string): string {
  let key = keyCache.get(text);
  if (key === undefined) {
    key = nameKey(text);
    keyCache.set(text, key);
  }
  return key;
}

/** The key and the variants without each space next to a CJK character (all subsets up to 3). */
export function spacingVariants(key: string): string[] {
  if (!/ [\u1100-\uffdc]|[\u1100-\uffdc] /.test(key)) return [key];
  const optional: number[] = [];
  for (let index = 0; index < key.length; index++) {
    if (key[index] !== ' ') continue;
    if (isCjkChar(key.charCodeAt(index - 1)) || isCjkChar(key.charCodeAt(index + 1))) optional.push(index);
  }
  if (optional.length === 0) return [key];
  const subsets: number[][] = [];
  if (optional.length <= 3) {
    for (let mask = 1; mask < 1 << optional.length; mask++)
      subsets.push(optional.filter((_, bit) => (mask >> bit) & 1));
  } else {
    subsets.push(optional);
  }
  const variants = [key];
  for (const removed of subsets) {
    const drop = new Set(removed);
    variants.push(
      key
        .split('')
        .filter((_, index) => !drop.has(index))
        .join(''),
    );
  }
  return variants;
}

interface NameRole {
  readonly topic: TopicId;
  readonly name: string;
  readonly needsContext: boolean;
  readonly requiredCues: readonly CueKey[];
}

interface PatternRole {
  name: NameRole | undefined;
  guard: boolean;
  cues: CueKey[];
}

const EMPTY_CUES: ReadonlySet<CueKey> = new Set();
const EMPTY_RESULT: ScanResult = Object.freeze({ matches: Object.freeze([]) as readonly Match[], cues: EMPTY_CUES });

class CompiledMatcher implements Matcher {
  readonly enabledTopics: ReadonlySet<TopicId>;
  readonly customTermCount: number;
  private readonly roles: PatternRole[] = [];
  private readonly keys: string[] = [];
  private readonly patternOfKey = new Map<string, number>();
  private compiledAutomaton: PatternAutomaton | undefined;
  readonly prefilter: Prefilter;
  /** Cue groups an unambiguous name of a topic vouches for. */
  private readonly cuesOfTopic = new Map<TopicId, readonly CueKey[]>();
  /** Each topic's other parties, compiled on first use: most pages have no ambiguous name at all. */
  private readonly exclusionLists: { readonly topic: TopicId; readonly texts: readonly string[] }[] = [];
  private exclusions: { readonly automaton: PatternAutomaton; readonly topics: readonly Set<TopicId>[] } | undefined;
  // Scratch state of the scan in progress, so the automaton's callback is allocated once.
  private readonly candidates: number[] = [];
  private scanCues: Set<CueKey> | undefined;
  private readonly onHit = (pattern: number, start: number, end: number): void => {
    const role = this.roles[pattern]!;
    if (role.cues.length !== 0) {
      this.scanCues ??= new Set();
      for (const cue of role.cues) this.scanCues.add(cue);
    }
    if (role.name !== undefined || role.guard) this.candidates.push(start, end, pattern);
  };

  constructor(topicNames: readonly TopicNames[], options: MatcherOptions) {
    const enabled = new Set<TopicId>(options.enabledTopics ?? topicNames.map((topic) => topic.id));
    this.enabledTopics = enabled;
    const topics = topicNames.filter((topic) => enabled.has(topic.id));
    const customTerms = (options.customTerms ?? []).filter((term) => enabled.has(term.topic));
    this.customTermCount = customTerms.length;

    for (const topic of topics) {
      // Cues and exclusions cost a little on every page, so only topics that can use them get them.
      const usesContext =
        topic.names.some((name) => name.needsContext === true) ||
        customTerms.some((term) => term.topic === topic.id && term.needsContext === true);
      const required: CueKey[] = [];
      if (usesContext) {
        topic.context.pageMustMention.forEach((group, groupIndex) => {
          const cue: CueKey = `${topic.id}/${groupIndex}`;
          required.push(cue);
          for (const text of group) {
            const role = this.roleOf(cachedKey(text));
            if (role !== undefined && !role.cues.includes(cue)) role.cues.push(cue);
          }
        });
        this.exclusionLists.push({ topic: topic.id, texts: topic.context.sentenceMustNotMention });
      }
      Object.freeze(required);
      this.cuesOfTopic.set(topic.id, required);
      for (const name of topic.names) this.addName(name.text, topic.id, name.needsContext === true, required);
    }
    for (const term of customTerms) {
      this.addName(term.text, term.topic, term.needsContext === true, this.cuesOfTopic.get(term.topic) ?? []);
    }
    for (const guard of options.guards ?? []) {
      for (const key of spacingVariants(cachedKey(guard))) {
        const role = this.roleOf(key);
        if (role !== undefined) role.guard = true;
      }
    }

    // The full automaton is built on the first scan: a page whose prefilter finds nothing never needs it.
    this.prefilter = new Prefilter(this.keys.filter((_, pattern) => this.roles[pattern]!.name !== undefined));
  }

  private get automaton(): PatternAutomaton {
    this.compiledAutomaton ??= new PatternAutomaton(this.keys);
    return this.compiledAutomaton;
  }

  private roleOf(key: string): PatternRole | undefined {
    if (key.length === 0) return undefined;
    let pattern = this.patternOfKey.get(key);
    if (pattern === undefined) {
      pattern = this.keys.length;
      this.keys.push(key);
      this.roles.push({ name: undefined, guard: false, cues: [] });
      this.patternOfKey.set(key, pattern);
    }
    return this.roles[pattern];
  }

  private addName(text: string, topic: TopicId, needsContext: boolean, requiredCues: readonly CueKey[]): void {
    const nameRole: NameRole = { topic, name: text, needsContext, requiredCues: needsContext ? requiredCues : [] };
    for (const key of spacingVariants(cachedKey(text))) {
      const role = this.roleOf(key);
      // The first name with a key keeps it: built-in names before custom terms, in list order.
      if (role !== undefined && role.name === undefined) role.name = nameRole;
    }
  }

  private mutedFor: ReadonlySet<CueKey> | undefined;
  private mutedForSize = 0;

  private muteKnownCues(knownCues: ReadonlySet<CueKey> | undefined): void {
    if (knownCues === this.mutedFor && (knownCues === undefined || knownCues.size === this.mutedForSize)) return;
    this.mutedFor = knownCues;
    this.mutedForSize = knownCues?.size ?? 0;
    const muted = this.automaton.muted;
    this.roles.forEach((role, pattern) => {
      const cueOnly = role.name === undefined && !role.guard;
      muted[pattern] = cueOnly && knownCues !== undefined && role.cues.every((cue) => knownCues.has(cue)) ? 1 : 0;
    });
  }

  scan(text: string, knownCues?: ReadonlySet<CueKey>): ScanResult {
    this.muteKnownCues(knownCues);
    // Triples (start, end, pattern) of names and guards whose boundaries hold.
    const candidates = this.candidates;
    candidates.length = 0;
    this.scanCues = undefined;
    this.automaton.run(text, this.onHit);
    let cues = this.scanCues as Set<CueKey> | undefined;
    this.scanCues = undefined;
    if (candidates.length === 0) return cues === undefined ? EMPTY_RESULT : { matches: [], cues };
    const roles = this.roles;

    const order: number[] = [];
    for (let index = 0; index < candidates.length; index += 3) order.push(index);
    order.sort(
      (a, b) =>
        candidates[a]! - candidates[b]! ||
        candidates[b + 1]! - candidates[a + 1]! ||
        candidates[a + 2]! - candidates[b + 2]!,
    );
    const matches: Match[] = [];
    let sentenceCache: { start: number; end: number; topics: Set<TopicId> } | undefined;
    let taken = 0;
    for (const index of order) {
      const start = candidates[index]!;
      if (start < taken) continue;
      const end = candidates[index + 1]!;
      taken = end;
      const role = roles[candidates[index + 2]!]!;
      const name = role.name;
      if (name === undefined) continue; // a guard
      let excluded = false;
      if (name.needsContext) {
        const [sentenceStart, sentenceEnd] = findSentence(text, start, end);
        if (sentenceCache === undefined || sentenceCache.start !== sentenceStart || sentenceCache.end !== sentenceEnd) {
          sentenceCache = {
            start: sentenceStart,
            end: sentenceEnd,
            topics: this.topicsExcludedIn(text, sentenceStart, sentenceEnd),
          };
        }
        excluded = sentenceCache.topics.has(name.topic);
      } else {
        const vouched = this.cuesOfTopic.get(name.topic)!;
        if (vouched.length !== 0) {
          cues ??= new Set();
          for (const cue of vouched) cues.add(cue);
        }
      }
      matches.push({
        start,
        end,
        topic: name.topic,
        name: name.name,
        needsContext: name.needsContext,
        excluded,
        requiredCues: name.requiredCues,
      });
    }
    return { matches, cues: cues ?? EMPTY_CUES };
  }

  /** Topics whose rule forbids a word that occurs in `text[start, end)`. */
  private topicsExcludedIn(text: string, start: number, end: number): Set<TopicId> {
    const excluded = new Set<TopicId>();
    if (this.exclusions === undefined) {
      const keys: string[] = [];
      const topics: Set<TopicId>[] = [];
      const indexOfKey = new Map<string, number>();
      for (const { topic, texts } of this.exclusionLists) {
        for (const text of texts) {
          const key = cachedKey(text);
          if (key.length === 0) continue;
          let index = indexOfKey.get(key);
          if (index === undefined) {
            index = keys.length;
            indexOfKey.set(key, index);
            keys.push(key);
            topics.push(new Set());
          }
          topics[index]!.add(topic);
        }
      }
      this.exclusions = { automaton: new PatternAutomaton(keys), topics };
    }
    const { automaton, topics } = this.exclusions;
    if (automaton.patternCount === 0) return excluded;
    automaton.run(
      text,
      (pattern) => {
        for (const topic of topics[pattern]!) excluded.add(topic);
      },
      start,
      end,
    );
    return excluded;
  }
}

/**
 * Builds a matcher for the enabled topics of `topicNames` (and the custom terms of enabled
 * topics). Compile once per settings change; `scan` is then called for every text run.
 */
export function compileMatcher(topicNames: readonly TopicNames[], options: MatcherOptions = {}): Matcher {
  return new CompiledMatcher(topicNames, options);
}
