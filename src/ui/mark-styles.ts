/**
 * The look of marked mentions: CSS for the `::highlight(yalu-<topic>)` pseudo-elements, built
 * from the settings. Shared by the content script (real pages) and the options page's live
 * preview, so the preview is the real thing.
 *
 * Marked text is forced to black on a light tint: black keeps 4.5:1 or better on every palette
 * tint, and on a dark page (white text) the tint still stands out instead of vanishing.
 */
import type { TopicId } from '../knowledge/types';

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

function channel(hex: string, index: number): number {
  return Number.parseInt(hex.slice(1 + index * 2, 3 + index * 2), 16) / 255;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(channel(hex, 0)) + 0.7152 * linear(channel(hex, 1)) + 0.0722 * linear(channel(hex, 2));
}

/** WCAG contrast ratio between two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A darker shade of a tint for its underline: same hue, visible on white and on the tint. */
export function underlineColor(hex: string): string {
  const scale = (index: number) =>
    Math.round(channel(hex, index) * 255 * 0.45)
      .toString(16)
      .padStart(2, '0');
  return `#${scale(0)}${scale(1)}${scale(2)}`;
}

export function isHexColor(value: string): boolean {
  return /^#[0-9a-f]{6}$/i.test(value);
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
