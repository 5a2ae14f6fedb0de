/**
 * The look of marked mentions: CSS for the `::highlight(yalu-<topic>)` pseudo-elements, built
 * from the settings. Shared by the content script (real pages) and the options page's live
 * preview, so the preview is the real thing.
 *
 * Marked text is forced to black on a light tint: black keeps 4.5:1 or better on every palette
 * tint, and on a dark page (white text) the tint still stands out instead of vanishing.
 */
import type { TopicId } from '../knowledge/types';
// One colour model for marks, the popup and the options page: the underline shade kept at 4.5:1
// on white and on black pages is defined and tested in src/settings/colors.ts.
import { isHexColor, underlineColor } from '../settings/colors';

export type MarkStyle = 'underline' | 'background' | 'both';

export interface TopicMarkColor {
  readonly topic: TopicId;
  /** Background tint, a #rrggbb colour light enough for black text. */
  readonly color: string;
}

export const HIGHLIGHT_PREFIX = 'yalu-';

export function highlightName(topic: TopicId): string {
  return `${HIGHLIGHT_PREFIX}${topic}`;
}

export function markStylesCss(colors: readonly TopicMarkColor[], style: MarkStyle): string {
  const rules: string[] = [];
  for (const { topic, color } of colors) {
    const safe = isHexColor(color) ? color : '#ffd166';
    const declarations: string[] = ['color: #000'];
    if (style !== 'underline') declarations.push(`background-color: ${safe}`);
    else declarations.push('background-color: transparent');
    if (style !== 'background') {
      declarations.push(
        'text-decoration-line: underline',
        `text-decoration-color: ${underlineColor(safe)}`,
        'text-decoration-thickness: 2px',
        'text-underline-offset: 2px',
      );
    }
    // Underline-only must not force black text onto a dark page's dark background.
    if (style === 'underline') declarations.shift();
    rules.push(`::highlight(${highlightName(topic)}) { ${declarations.join('; ')}; }`);
  }
  const names = colors.map(({ topic }) => `::highlight(${highlightName(topic)})`).join(', ');
  if (names) {
    rules.push(
      `@media (forced-colors: active) { ${names} { color: MarkText; background-color: Mark; text-decoration-color: MarkText; } }`,
    );
  }
  return rules.join('\n');
}
