/**
 * The content script's handler map: what a tab answers to the popup and the background.
 */
import type { ContentHandlers, TopicCounts } from '../messages';
import type { ContentApp } from './app';

export function contentHandlers(app: ContentApp, doc: Document): ContentHandlers {
  return {
    'get-page-counts': () => {
      const counts: TopicCounts = app.activeScanner?.counts() ?? {};
      const total = Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
      return { counts, total, url: doc.location?.href ?? '' };
    },
  };
}
