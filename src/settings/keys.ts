/**
 * Where the settings live in storage (storage.ts explains the layout). Apart from storage.ts so
 * that the content script's first look (src/content/lookout.ts) can read one key without loading
 * the validation that storage.ts brings along.
 */
export const MAIN_KEY = 'settings';
export const TERMS_PREFIX = 'settings/terms/';
export const SITES_PREFIX = 'settings/sites/';
export const WHERE_KEY = 'settings/where';
export const RECOVERY_KEY = 'recovery/settings';
