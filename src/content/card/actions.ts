/**
 * The card's two settings actions, "Stop marking this topic" and "Pause on this site", as pure
 * changes to the settings, each with its undo. An undo is applied to the settings as they are
 * when the reader asks for it, not to a snapshot, so nothing changed elsewhere in between is lost.
 */
import type { TopicId } from '../../knowledge/types';
import { type Settings, withSitePaused } from '../../settings';

export interface SettingsChange {
  readonly next: Settings;
  readonly undo: (current: Settings) => Settings;
}

export type ChangeResult = SettingsChange | { readonly error: string };

export function withTopicMarked(settings: Settings, topic: TopicId, marked: boolean): SettingsChange {
  const change = (base: Settings, value: boolean): Settings => {
    const next = structuredClone(base);
    next.topics[topic].enabled = value;
    return next;
  };
  return { next: change(settings, marked), undo: (current) => change(current, !marked) };
}

/**
 * Pauses marking on the page's site (settings/pause.ts does the list work, in either list mode).
 * The undo puts back exactly the entries the pause added or removed: resuming through the
 * popup's switch would add "news.example.com" where the reader had listed "example.com".
 */
export function pauseSite(settings: Settings, hostname: string): ChangeResult {
  const paused = withSitePaused(settings, hostname, true);
  if ('error' in paused) return paused;
  const before = settings.sites.patterns;
  const after = paused.next.sites.patterns;
  const added = after.filter((pattern) => !before.includes(pattern));
  const removed = before.filter((pattern) => !after.includes(pattern));
  return {
    next: paused.next,
    undo: (current) => {
      const restored = structuredClone(current);
      const kept = current.sites.patterns.filter((pattern) => !added.includes(pattern));
      restored.sites.patterns = [...kept, ...removed.filter((pattern) => !kept.includes(pattern))];
      return restored;
    },
  };
}
