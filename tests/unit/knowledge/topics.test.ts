import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ARTICLE_PARAGRAPH_COUNT } from '../../../src/knowledge/article';
import { topicNamesById } from '../../../src/knowledge/names';
import { TopicCardListSchema, TopicCardSchema } from '../../../src/knowledge/schema';
import { getTopic, keyFactText, TOPICS } from '../../../src/knowledge/topics';
import { CORE_TOPIC_IDS, type KeyFact, type Quote, TOPIC_IDS, type TopicCard } from '../../../src/knowledge/types';
import { copiedRun, MAX_SHARED_WORDS, readArticle } from './article-text';

const article = readArticle();

interface Located<T> {
  readonly where: string;
  readonly value: T;
}

/** Every quote on every card, including the article's words that fact-checks correct. */
function allQuotes(): Located<Quote>[] {
  return TOPICS.flatMap((card) => [
    ...card.quotes.map((value, i) => ({ where: `${card.id}.quotes[${i}]`, value })),
    ...card.factChecks.flatMap((check, i) =>
      check.claim.by === 'article' ? [{ where: `${card.id}.factChecks[${i}]`, value: check.claim.quote }] : [],
    ),
  ]);
}

const NOT_PROSE = new Set(['id', 'url', 'kind', 'related', 'start', 'end']);

/**
 * Every string a user reads, with its path. `quoted` marks the article's own words, which the
 * editorial rules treat differently from the project's prose.
 */
function texts(value: unknown, path = ''): { where: string; text: string; quoted: boolean }[] {
  if (typeof value === 'string') {
    return [{ where: path, text: value, quoted: /\.quotes?(\[\d+\])?\.text$/.test(path) }];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => texts(item, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      NOT_PROSE.has(key) ? [] : texts(item, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

const PROSE = TOPICS.flatMap((card) => texts(card, card.id));

function quoteFound(quote: Quote): boolean {
  return article.paragraphs.get(quote.paragraph)?.includes(quote.text) ?? false;
}

describe('topic cards: shape', () => {
  it('parse against the schema', () => {
    const result = v.safeParse(TopicCardListSchema, TOPICS);
    expect(result.success ? [] : v.flatten(result.issues)).toEqual([]);
  });

  it('hold one card per topic id, in the order of TOPIC_IDS', () => {
    expect(TOPICS.map((c) => c.id)).toEqual([...TOPIC_IDS]);
    expect(new Set(TOPICS.map((c) => c.id)).size).toBe(TOPICS.length);
  });

  it('are found by getTopic under their own id', () => {
    for (const id of TOPIC_IDS) expect(getTopic(id).id).toBe(id);
  });

  it('flag exactly the three core topics as core', () => {
    expect(TOPICS.filter((c) => c.core).map((c) => c.id)).toEqual([...CORE_TOPIC_IDS]);
  });

  it('use the same display names as the matcher’s names, so card, popup and badge agree', () => {
    for (const card of TOPICS) expect(card.displayName, card.id).toBe(topicNamesById(card.id).displayName);
  });

  it('have unique display names', () => {
    expect(new Set(TOPICS.map((c) => c.displayName)).size).toBe(TOPICS.length);
  });

  it('relate only to other known topics, each once', () => {
    const known = new Set<string>(TOPIC_IDS);
    for (const card of TOPICS) {
      for (const id of card.related) {
        expect(known.has(id), `${card.id} relates to unknown ${id}`).toBe(true);
        expect(id, `${card.id} relates to itself`).not.toBe(card.id);
      }
      expect(new Set(card.related).size, `${card.id} repeats a related id`).toBe(card.related.length);
    }
  });

  it('leave no topic unreachable from the other cards', () => {
    // A related topic nobody links to would be unreachable from the cards.
    const linked = new Set(TOPICS.flatMap((c) => c.related));
    for (const id of TOPIC_IDS) expect(linked.has(id), `no card links to ${id}`).toBe(true);
  });

  it('give dates whose display text names the years of the machine dates', () => {
    for (const { id, dates } of TOPICS) {
      for (const iso of [dates.start, dates.end]) {
        if (iso) expect(dates.display, `${id} dates`).toContain(iso.slice(0, 4));
      }
    }
  });

  it('reject a card with an empty field, a placeholder, a self-relation or a bad citation', () => {
    // The schema must be able to fail, or the first test proves nothing.
    const card = getTopic('korean-war');
    const broken: TopicCard[] = [
      { ...card, summary: '' },
      { ...card, summary: 'TODO: write summary' },
      { ...card, related: ['korean-war'] },
      { ...card, quotes: [] },
      { ...card, whyItMatters: { ...card.whyItMatters, paragraphs: [ARTICLE_PARAGRAPH_COUNT + 1] } },
      { ...card, whyItMatters: { ...card.whyItMatters, paragraphs: [5, 2] } },
      { ...card, dates: { display: '1953–1950', start: '1953', end: '1950' } },
      { ...card, dates: { display: '1950', start: '1950-02-30' } },
      { ...card, core: false },
      { ...card, sources: [{ label: 'Insecure', url: 'http://example.org/' }] },
    ];
    for (const bad of broken)
      expect(v.safeParse(TopicCardSchema, bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
  });
});

describe('topic cards: quotes and citations', () => {
  it('quote the article word for word, in the paragraph they cite', () => {
    const missing = allQuotes()
      .filter(({ value }) => !quoteFound(value))
      .map(({ where, value }) => `${where} [P${value.paragraph}]: ${value.text}`);
    expect(missing).toEqual([]);
  });

  it('would catch a quote with a straight apostrophe or a wrong paragraph', () => {
    const text = 'North Korea’s first leader, Kim Il-sung';
    expect(quoteFound({ text, paragraph: 5 })).toBe(true);
    expect(quoteFound({ text: text.replace('’', "'"), paragraph: 5 })).toBe(false);
    expect(quoteFound({ text, paragraph: 6 })).toBe(false);
  });

  it('give each card one or two quotes, none repeated on the same card', () => {
    for (const card of TOPICS) {
      expect(card.quotes.length, card.id).toBeGreaterThanOrEqual(1);
      expect(card.quotes.length, card.id).toBeLessThanOrEqual(2);
      expect(new Set(card.quotes.map((q) => q.text)).size, card.id).toBe(card.quotes.length);
    }
  });

  it('cite only paragraphs that exist in the article', () => {
    expect(article.paragraphs.size).toBe(ARTICLE_PARAGRAPH_COUNT);
    const cited = [
      ...TOPICS.flatMap((c) => c.whyItMatters.paragraphs.map((p) => [c.id, p] as const)),
      ...allQuotes().map(({ where, value }) => [where, value.paragraph] as const),
    ];
    for (const [where, p] of cited) expect(article.paragraphs.has(p), `${where} cites [P${p}]`).toBe(true);
  });

  it('attribute quotes of other authors to them', () => {
    // The article quotes Halberstam and Delury; their words must not pass as Gady's.
    for (const { where, value } of allQuotes()) {
      const paragraph = article.paragraphs.get(value.paragraph) ?? '';
      const start = paragraph.indexOf(value.text);
      const before = paragraph.slice(0, start);
      const insideQuotation = count(before, '“') > count(before, '”');
      if (insideQuotation) {
        expect(value.via, `${where} quotes someone the article quotes`).toBeTruthy();
      }
    }
    const delury = allQuotes().find(({ value }) => value.text.includes('betrayal'));
    expect(delury?.value.via).toMatch(/Delury/);
    const halberstam = allQuotes().find(({ value }) => value.text.includes('their own reasons'));
    expect(halberstam?.value.via).toMatch(/Halberstam/);
  });
});

describe('topic cards: fact-checks', () => {
  const checksOf = (id: (typeof TOPIC_IDS)[number]) => getTopic(id).factChecks;
  const recordOf = (id: (typeof TOPIC_IDS)[number]) =>
    checksOf(id)
      .map((c) => c.record)
      .join(' ');

  it('exist on every core card', () => {
    for (const id of CORE_TOPIC_IDS) expect(checksOf(id).length, id).toBeGreaterThan(0);
  });

  it('correct the date of the Yalu crossing to 19 October 1950', () => {
    for (const id of ['korean-war', 'chinese-intervention'] as const) {
      const check = checksOf(id).find(
        (c) => c.claim.by === 'article' && c.claim.quote.text.includes('October 1, 1950'),
      );
      expect(check, id).toBeDefined();
      expect(check?.record).toContain('19 October 1950');
    }
  });

  it('give the treaty’s formal name and its signing on 11 July 1961', () => {
    const record = recordOf('sino-north-korean-treaty');
    expect(record).toContain('11 July 1961');
    expect(record).toContain(
      'Treaty of Friendship, Co-operation and Mutual Assistance between the People’s Republic of China ' +
        'and the Democratic People’s Republic of Korea',
    );
  });

  it('call John Delury an American historian of China', () => {
    const check = checksOf('sino-north-korean-treaty').find(
      (c) => c.claim.by === 'article' && c.claim.quote.text.includes('Chinese historian'),
    );
    expect(check?.record).toMatch(/American historian of China/);
  });

  it('treat the 20-year renewals as disputed, and mention renewal nowhere else', () => {
    const renewals = PROSE.filter(({ text }) => /renew/i.test(text));
    expect(renewals.length).toBeGreaterThan(0);
    for (const { where } of renewals) expect(where, 'renewal mentioned outside a fact-check').toMatch(/\.factChecks\[/);
    const checks = TOPICS.flatMap((c) => c.factChecks).filter((c) => /renew/i.test(c.heading + c.record));
    for (const check of checks) expect(check.record).toMatch(/disputed/);
  });
});

describe('topic cards: editorial rules', () => {
  it('keep the unconfirmed “old fool” wording inside the article’s own quoted words', () => {
    const uses = PROSE.filter(({ text }) => /old fool/i.test(text));
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(use.quoted, `${use.where} states the insult in its own voice`).toBe(true);
  });

  it('never repeat the article’s “Chinese historian” outside its quoted words', () => {
    for (const { where, text, quoted } of PROSE) {
      if (!quoted) expect(text, where).not.toMatch(/Chinese historian/);
    }
  });

  it('never give 1 October 1950 as the date of China’s entry outside a correction', () => {
    for (const { where, text, quoted } of PROSE) {
      if (quoted || /\.factChecks\[\d+\]\.record$/.test(where)) continue;
      expect(text, where).not.toMatch(/\b1 October 1950|October 1, 1950/);
    }
  });

  it(`write prose in the project’s own words (no run of ${MAX_SHARED_WORDS + 1} words from the article)`, () => {
    // Attributions name a work by its title (The Coldest Winter...), which is not prose.
    const copied = PROSE.filter(({ where, quoted }) => !quoted && !where.endsWith('.via'))
      .map(({ where, text }) => [where, copiedRun(text, article.paragraphs.values(), MAX_SHARED_WORDS + 1)])
      .filter(([, run]) => run !== null);
    expect(copied).toEqual([]);
  });

  it('would catch prose copied from the article', () => {
    const copiedSentence = 'Mao Saw China in a De-Facto War with the United States by 1950.';
    expect(copiedRun(copiedSentence, article.paragraphs.values(), MAX_SHARED_WORDS + 1)).not.toBeNull();
  });

  it('give casualty figures only as sourced ranges, never in plain facts or prose', () => {
    const casualty = /\b(dead|deaths|died|killed|casualties|wounded)\b/i;
    for (const card of TOPICS) {
      for (const fact of card.keyFacts) {
        if (fact.kind === 'general') {
          const mentions = casualty.test(fact.label + fact.value) && /\d{3}/.test(fact.value);
          expect(mentions, `${card.id}: ${fact.label}`).toBe(false);
        }
      }
      for (const text of [card.summary, card.whyItMatters.text]) {
        expect(casualty.test(text) && /\d,\d{3}/.test(text), card.id).toBe(false);
      }
    }
    const ranges = TOPICS.flatMap((c) => c.keyFacts).filter((f) => f.kind === 'casualties');
    expect(ranges.length).toBeGreaterThan(0);
  });
});

describe('keyFactText', () => {
  it('returns a general fact’s value unchanged', () => {
    expect(keyFactText({ kind: 'general', label: 'Sides', value: 'China against Vietnam.' })).toBe(
      'China against Vietnam.',
    );
  });

  it('names the source of each end of a casualty range', () => {
    const fact: KeyFact = {
      kind: 'casualties',
      label: 'Chinese military dead',
      low: { value: 6954, approximate: false, source: 'official Chinese figure' },
      high: { value: 26000, approximate: true, source: 'Western estimates' },
      note: 'Figures differ.',
    };
    expect(keyFactText(fact)).toBe(
      '6,954 (official Chinese figure) to about 26,000 (Western estimates). Figures differ.',
    );
  });

  it('names a shared source once for a range from one source', () => {
    const fact: KeyFact = {
      kind: 'casualties',
      label: 'Vietnamese military dead',
      low: { value: 30000, approximate: false, source: 'Western estimates' },
      high: { value: 35000, approximate: false, source: 'Western estimates' },
    };
    expect(keyFactText(fact)).toBe('30,000–35,000 (Western estimates)');
  });
});

function count(text: string, mark: string): number {
  return text.split(mark).length - 1;
}
