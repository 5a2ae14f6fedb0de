/**
 * Renders the toolbar and store icons from the one SVG source in assets/, so the four PNG
 * sizes can never disagree with it. Used by the Vite build (see vite.config.ts).
 */
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

export const ICON_SIZES = [16, 32, 48, 128] as const;

export function renderIcons(svgPath: string): Map<string, Uint8Array> {
  const svg = readFileSync(svgPath, 'utf8');
  const files = new Map<string, Uint8Array>();
  for (const size of ICON_SIZES) {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    files.set(`icons/icon-${size}.png`, png);
  }
  return files;
}
