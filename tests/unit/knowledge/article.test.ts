import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ARTICLE, ARTICLE_PARAGRAPH_COUNT } from '../../../src/knowledge/article';
import { ArticleInfoSchema } from '../../../src/knowledge/schema';
import type { ArticleInfo } from '../../../src/knowledge/types';
import { copiedRun, MAX_SHARED_WORDS, readArticle } from './article-text';

const article = readArticle();

describe('article', () => {
  it('parses against the schema', () => {
    const result = v.safeParse(ArticleInfoSchema, ARTICLE);
    expect(result.success ? [] : v.flatten(result.issues)).toEqual([]);
  });

  it('matches the title, author, outlet and date of the text it cites', () => {
    expect(ARTICLE.title).toBe(article.title);
    expect(article.byline).toContain(`By ${ARTICLE.author} `);
    expect(article.byline).toContain(ARTICLE.outlet);
    const date = new Date(`${ARTICLE.date}T00:00:00Z`);
    const written = date.toLocaleDateString('en-US', {
      month: 'long',
      day: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(written).toBe('September 29, 2017');
    expect(article.byline).toContain(written);
  });

  it('links to the original in The Diplomat', () => {
    expect(ARTICLE.url).toBe(
      'https://thediplomat.com/2017/09/war-of-the-dragons-why-north-korea-does-not-trust-china/',
    );
    expect(article.raw).toContain(ARTICLE.url);
  });

  it('says the text is a republished excerpt', () => {
    expect(ARTICLE.excerptNote).toMatch(/excerpt/i);
    expect(ARTICLE.excerptNote).toMatch(/republished/i);
    expect(ARTICLE.excerptNote).toContain(ARTICLE.outlet);
  });

  it('counts the paragraphs the excerpt has, numbered 1 to N without gaps', () => {
    expect(ARTICLE.paragraphCount).toBe(ARTICLE_PARAGRAPH_COUNT);
    expect([...article.paragraphs.keys()]).toEqual(Array.from({ length: ARTICLE_PARAGRAPH_COUNT }, (_, i) => i + 1));
  });
});

describe('article thesis', () => {
  it('has three to five points', () => {
    expect(ARTICLE.thesis.length).toBeGreaterThanOrEqual(3);
    expect(ARTICLE.thesis.length).toBeLessThanOrEqual(5);
  });

  it('cites only paragraphs that exist, and together covers the whole excerpt', () => {
    const cited = new Set(ARTICLE.thesis.flatMap((point) => point.paragraphs));
    for (const p of cited) expect(article.paragraphs.has(p), `[P${p}]`).toBe(true);
    expect([...cited].sort((a, b) => a - b)).toEqual([...article.paragraphs.keys()]);
  });

  it(`is in the project’s own words (no run of ${MAX_SHARED_WORDS + 1} words from the article)`, () => {
    const copied = [ARTICLE.excerptNote, ...ARTICLE.thesis.map((p) => p.text)]
      .map((text) => copiedRun(text, article.paragraphs.values(), MAX_SHARED_WORDS + 1))
      .filter((run) => run !== null);
    expect(copied).toEqual([]);
  });

  it('is rejected by the schema with too few or too many points, or an empty one', () => {
    const point = ARTICLE.thesis[0];
    if (!point) throw new Error('thesis is empty');
    const broken: ArticleInfo[] = [
      { ...ARTICLE, thesis: [point, point] },
      { ...ARTICLE, thesis: [point, point, point, point, point, point] },
      { ...ARTICLE, thesis: [point, point, { text: ' ', paragraphs: [1] }] },
      { ...ARTICLE, date: '2017-09-31' },
      { ...ARTICLE, url: 'thediplomat.com/2017/09/' },
    ];
    for (const bad of broken) expect(v.safeParse(ArticleInfoSchema, bad).success).toBe(false);
  });
});
