import type { ArticleInfo, Quote } from '../knowledge/types';
import { ExternalLink } from './external-link';
import { formatIsoDate } from './format';

export interface ArticleQuoteProps {
  readonly quote: Quote;
  readonly article: ArticleInfo;
}

/**
 * Words from the article, with the citation a reader needs to check them: author, title (linked
 * to the original), outlet and date. A quote the article itself borrows names its source first.
 */
export function ArticleQuote({ quote, article }: ArticleQuoteProps) {
  return (
    <figure class="yl-quote">
      <blockquote class="yl-quote__text" cite={article.url}>
        <p>{quote.text}</p>
      </blockquote>
      <figcaption class="yl-quote__source">
        {quote.via ? <span class="yl-quote__via">{quote.via}</span> : null}
        <span class="yl-quote__cite">
          {article.author},{' '}
          <ExternalLink href={article.url} class="yl-quote__title">
            “{article.title}”
          </ExternalLink>
          , <cite>{article.outlet}</cite>, <time dateTime={article.date}>{formatIsoDate(article.date)}</time>
        </span>
      </figcaption>
    </figure>
  );
}
