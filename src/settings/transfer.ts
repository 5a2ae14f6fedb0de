/**
 * Export and import of all settings as a JSON file. Pure: no browser, no DOM.
 *
 * An import is all or nothing: a file that is not JSON, is not settings, comes from a newer
 * version or holds any invalid value is refused with a message that says what is wrong, so the
 * settings in use are never half replaced. Files from older versions are migrated, and settings
 * those versions did not have take their defaults.
 */
import * as v from 'valibot';
import type { TopicId, TopicNames } from '../knowledge/types';
import { defaultSettings } from './defaults';
import { migrate, type PlainObject } from './migrations';
import { SETTINGS_VERSION, type Settings, SettingsSchema } from './schema';
import { validateSitePattern } from './site-patterns';
import { validateCustomTerm } from './validate-term';

export const EXPORT_FILE_NAME = 'yalu-lens-settings.json';

/** The file an export writes: the settings as they are stored, versioned, readable by people. */
export function exportSettings(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

export type ImportResult =
  | { readonly ok: true; readonly settings: Settings; readonly fromVersion: number }
  | { readonly ok: false; readonly message: string };

const MAX_LISTED_ISSUES = 3;

function refuse(message: string): ImportResult {
  return { ok: false, message };
}

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

/** Fills keys an older version did not have with their defaults, leaving present values to be judged. */
function withDefaults(value: PlainObject, defaults: PlainObject): PlainObject {
  const out: PlainObject = { ...value };
  for (const [key, fallback] of Object.entries(defaults)) {
    if (!(key in out)) out[key] = fallback;
    else if (isPlainObject(out[key]) && isPlainObject(fallback)) out[key] = withDefaults(out[key], fallback);
  }
  return out;
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue);
  if (issue.kind === 'schema' && issue.received === 'undefined' && path) return `${path} is missing`;
  if (issue.type === 'strict_object' && path) return `${path} is not a Yalu Lens setting`;
  const where = path ? `${path}: ` : '';
  return `${where}${issue.message.replace(/\.$/, '')}`;
}

function listIssues(descriptions: readonly string[]): string {
  const shown = descriptions.slice(0, MAX_LISTED_ISSUES).join('; ');
  const more = descriptions.length - MAX_LISTED_ISSUES;
  return more > 0 ? `${shown}; and ${more} more` : shown;
}

/** Duplicates need every topic's names, which the schema alone does not know. */
function duplicateProblems(settings: Settings, builtInNames: readonly TopicNames[]): string[] {
  const problems: string[] = [];
  const accepted: Partial<Record<TopicId, string[]>> = {};
  for (const [id, terms] of Object.entries(settings.customTerms) as [TopicId, string[] | undefined][]) {
    terms?.forEach((term, index) => {
      const problem = validateCustomTerm(term, id, { customTerms: accepted }, builtInNames);
      if (problem) problems.push(`customTerms.${id}.${index}: ${problem.replace(/\.$/, '')}`);
      else accepted[id] = [...(accepted[id] ?? []), term];
    });
  }
  const sites: string[] = [];
  settings.sites.patterns.forEach((pattern, index) => {
    const result = validateSitePattern(pattern, sites);
    if (result.error !== null) problems.push(`sites.patterns.${index}: ${result.error.replace(/\.$/, '')}`);
    else sites.push(pattern);
  });
  return problems;
}

/**
 * The settings in an exported file, or a message for the user that says why the file is refused.
 * `builtInNames` is TOPIC_NAMES, passed in to keep this module pure.
 */
export function importSettings(text: string, builtInNames: readonly TopicNames[]): ImportResult {
  if (text.trim() === '') return refuse('This file is empty, so there is nothing to import.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message.replace(/\.$/, '')})` : '';
    return refuse(`This file is not valid JSON${detail}. Choose a file that Yalu Lens exported.`);
  }
  if (!isPlainObject(value)) {
    return refuse(`This file holds ${kindOf(value)} where Yalu Lens settings are an object with a “version” number.`);
  }
  if (!('version' in value) && !('enabledTopics' in value) && !('dwell' in value)) {
    return refuse('This file has no “version” number, so it does not look like Yalu Lens settings.');
  }
  const migrated = migrate(value);
  if (!migrated.ok) {
    return migrated.reason === 'newer'
      ? refuse(
          `These settings come from a newer version of Yalu Lens (settings version ${migrated.version}; this one reads up to ${SETTINGS_VERSION}). Update Yalu Lens, then import the file again.`,
        )
      : refuse('The “version” of this file must be a whole number, like 1.');
  }
  // Exports of this version are complete; older ones lack what did not exist yet.
  const candidate =
    migrated.from < SETTINGS_VERSION
      ? withDefaults(migrated.value, defaultSettings() as unknown as PlainObject)
      : migrated.value;
  const parsed = v.safeParse(SettingsSchema, candidate);
  if (!parsed.success) {
    return refuse(`This file has the wrong shape: ${listIssues(parsed.issues.map(describeIssue))}.`);
  }
  const settings: Settings = parsed.output;
  const duplicates = duplicateProblems(settings, builtInNames);
  if (duplicates.length > 0) return refuse(`This file has settings Yalu Lens cannot use: ${listIssues(duplicates)}.`);
  return { ok: true, settings, fromVersion: migrated.from };
}
