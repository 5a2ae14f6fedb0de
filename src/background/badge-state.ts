/**
 * What the toolbar icon says about a tab: the badge text, the tooltip and whether the icon is
 * drawn paused. Pure: the browser calls are in badge.ts.
 */
import { topicNamesById } from '../knowledge/names';
import { TOPIC_IDS } from '../knowledge/types';
import type { BackgroundRequests } from '../messages';

/** What a tab's content script reports (see src/content/page-counts.ts). */
export type TabState = BackgroundRequests['page-counts']['request'];

export interface ActionLook {
  /** Empty for no badge. */
  readonly text: string;
  readonly title: string;
  readonly paused: boolean;
}

export const ACTION_NAME = 'Yalu Lens';

/** The badge has room for about four characters. */
export function badgeText(total: number): string {
  if (total <= 0) return '';
  return total > 999 ? '999+' : String(total);
}

/**
 * The icon's look for a tab. `state` is undefined where no content script reports (the browser's
 * own pages, a page still loading): the plain icon with no badge. `badgeOn` is the reader's
 * "count mentions on the toolbar icon" setting; a pause shows whatever it is set to.
 */
export function actionLook(state: TabState | undefined, badgeOn: boolean): ActionLook {
  if (!state) return { text: '', title: ACTION_NAME, paused: false };
  if (state.paused === 'everywhere') return { text: '', title: `${ACTION_NAME} is paused on every site`, paused: true };
  if (state.paused === 'site') return { text: '', title: `${ACTION_NAME} is paused on this site`, paused: true };
  // A page without mentions never reports (so it never wakes the worker): the same plain look for
  // a page whose mentions went away keeps the icon consistent.
  if (state.total === 0) return { text: '', title: ACTION_NAME, paused: false };
  const lines = TOPIC_IDS.filter((topic) => (state.counts[topic] ?? 0) > 0).map(
    (topic) => `${topicNamesById(topic).displayName}: ${state.counts[topic]}`,
  );
  const mentions = state.total === 1 ? '1 mention' : `${state.total} mentions`;
  return {
    text: badgeOn ? badgeText(state.total) : '',
    title: [`${ACTION_NAME}: ${mentions} on this page`, ...lines].join('\n'),
    paused: false,
  };
}
