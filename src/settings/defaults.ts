/**
 * The settings a new install starts with. Pure: no browser, no DOM.
 *
 * Core topics are on and related ones off: the product is about the three events, and the
 * people and movements around them would mark a great deal of ordinary news.
 */
import { CORE_TOPIC_IDS, TOPIC_IDS, type TopicId } from '../knowledge/types';
import { PALETTE } from './colors';
import { SETTINGS_VERSION, type Settings, type TopicSettings } from './schema';

/** One palette colour per topic, in palette order, so every topic starts distinguishable. */
export function defaultTopicColor(id: TopicId): string {
  const index = TOPIC_IDS.indexOf(id);
  return (PALETTE[index % PALETTE.length] ?? PALETTE[0])?.hex ?? '#ffd966';
}

export function defaultTopicSettings(id: TopicId): TopicSettings {
  return { enabled: (CORE_TOPIC_IDS as readonly TopicId[]).includes(id), color: defaultTopicColor(id) };
}

export const DEFAULT_DWELL_MS = 300;

/** A fresh copy of the defaults: callers may change it. */
export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    topics: Object.fromEntries(TOPIC_IDS.map((id) => [id, defaultTopicSettings(id)])) as Settings['topics'],
    customTerms: {},
    markStyle: 'both',
    card: { dwellMs: DEFAULT_DWELL_MS, openOn: 'hover' },
    sites: { mode: 'all-except-paused', patterns: [] },
    pausedEverywhere: false,
    badge: true,
  };
}
