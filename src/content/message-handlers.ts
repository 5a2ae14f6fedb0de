/**
 * The content script's handler map: what a tab answers to the popup and the background.
 */
import type { ContentHandlers, MentionWalkReply, WalkDirection } from '../messages';
import type { ContentApp } from './app';
import { pageCounts } from './page-counts';
import { MentionNavigator } from './show-mention';

export function contentHandlers(
  app: ContentApp,
  doc: Document,
  card?: { walk(direction: WalkDirection): MentionWalkReply },
): ContentHandlers {
  const navigator = new MentionNavigator(app, doc);
  return {
    'get-page-counts': () => pageCounts(app, doc),
    'show-next-mention': ({ topic }) => navigator.showNext(topic),
    'walk-mentions': ({ direction }) => card?.walk(direction) ?? { total: 0, index: null, topic: null },
  };
}
