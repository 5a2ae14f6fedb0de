/**
 * The article every card draws on. Only its metadata and a summary in the project's own words
 * live here; the cards quote it sparingly and cite paragraphs of the republished excerpt, whose
 * numbering ([P1] to [P9]) is the one in `tests/fixtures/war-of-the-dragons.md`.
 */
import type { ArticleInfo } from './types';

/** Paragraphs in the excerpt the quotes follow. Citations outside 1..9 point at nothing. */
export const ARTICLE_PARAGRAPH_COUNT = 9;

export const ARTICLE: ArticleInfo = {
  title: 'War of the Dragons: Why North Korea Does Not Trust China',
  author: 'Franz-Stefan Gady',
  outlet: 'The Diplomat',
  date: '2017-09-29',
  url: 'https://thediplomat.com/2017/09/war-of-the-dragons-why-north-korea-does-not-trust-china/',
  excerptNote:
    'Quotes and paragraph numbers follow an excerpt of the article as republished on a blog, which ends ' +
    'partway through; the full text is at The Diplomat.',
  paragraphCount: ARTICLE_PARAGRAPH_COUNT,
  thesis: [
    {
      text:
        'Washington has long assumed that Beijing can rein in Pyongyang as a patron controls a client, but ' +
        'that assumption ignores how little the two governments have trusted each other, and Kim Jong-un ' +
        'has openly resisted Chinese influence.',
      paragraphs: [1, 2, 3],
    },
    {
      text:
        'China’s invasion of Vietnam in 1979, a communist ally it had backed since 1950, is an overlooked ' +
        'source of that distrust: it showed North Korea that neither Chinese help in the Korean War nor ' +
        'the 1961 treaty made Beijing a dependable partner.',
      paragraphs: [4],
    },
    {
      text:
        'Mistrust was there from the start. Kim Il-sung kept Chinese officers at arm’s length in 1950 and ' +
        'looked to Moscow, while Mao sent troops to Korea to fight the United States for China’s own ' +
        'strategic ends, with little regard for the North Korean regime.',
      paragraphs: [5, 6, 7, 8],
    },
    {
      text:
        'Relations worsened in the 1960s, when North Korea’s ruling party mocked the Cultural Revolution ' +
        'and Beijing accused Pyongyang of revisionism. That pattern of discord has outlasted the Cold War, ' +
        'and the article cites the view that North Koreans remember the alliance above all as a betrayal.',
      paragraphs: [9],
    },
  ],
};
