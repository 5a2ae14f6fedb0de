/**
 * The settings layer's public API for every context (content script, background, popup, options).
 *
 *   const areas = browser.storage;                       // or a fake with the same shape
 *   const { settings } = await loadSettings(areas);      // never throws
 *   const stop = watchSettings(areas, ({ settings }) => apply(settings));
 *   if (isSiteActive(settings, location.hostname)) ...
 */
import { TOPIC_IDS, type TopicId } from '../knowledge/types';
import type { Settings } from './schema';

export { contrastRatio, isHexColor, MARK_TEXT_COLOR, PALETTE, type PaletteColor, underlineColor } from './colors';
export { DEFAULT_DWELL_MS, defaultSettings } from './defaults';
export { LIMITS } from './limits';
export { mergeSettings } from './merge';
export { MIGRATIONS, migrate } from './migrations';
export {
  isSitePaused,
  type PauseReason,
  patternsCovering,
  pauseReason,
  type SitePauseChange,
  sitePatternFor,
  withSitePaused,
} from './pause';
export {
  CARD_OPEN_ON,
  type CardOpenOn,
  MARK_STYLES,
  type MarkStyle,
  SETTINGS_VERSION,
  type Settings,
  SITE_MODES,
  type SiteMode,
  type TopicSettings,
} from './schema';
export { isSiteActive, normalizeSiteInput, validateSitePattern } from './site-patterns';
export {
  discardRecovery,
  type LoadedSettings,
  type LocalReason,
  loadSettings,
  type Recovery,
  readRecovery,
  repairSettings,
  type SavedChange,
  type SaveResult,
  type SettingsAreas,
  type SettingsLock,
  saveChange,
  saveSettings,
  settingsLock,
  watchSettings,
} from './storage';
export { EXPORT_FILE_NAME, exportSettings, type ImportResult, importSettings } from './transfer';
export { normalizeTermInput, validateCustomTerm } from './validate-term';

/** The topics to mark, in TOPIC_IDS order. */
export function enabledTopics(settings: Settings): TopicId[] {
  return TOPIC_IDS.filter((id) => settings.topics[id].enabled);
}

/** The custom terms as the matcher takes them (src/matching `CustomTerm`). */
export function customTermList(settings: Settings): { topic: TopicId; text: string }[] {
  return TOPIC_IDS.flatMap((topic) => (settings.customTerms[topic] ?? []).map((text) => ({ topic, text })));
}
