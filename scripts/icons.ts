/**
 * Renders the toolbar and store icons from the one SVG source in assets/, so the four PNG
 * sizes can never disagree with it. Used by the Vite build (see vite.config.ts).
 */
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

export const ICON_SIZES = [16, 32, 48, 128] as const;
/** The toolbar sizes of the paused icon, which the background shows on tabs where marking is paused. */
export const PAUSED_ICON_SIZES = [16, 32] as const;

/** The icon without its colours and a little faded: the usual look of an extension switched off. */
export function pausedSvg(svg: string): string {
  return svg
    .replace(
      /<svg([^>]*)>/,
      '<svg$1><defs><filter id="paused"><feColorMatrix type="saturate" values="0"/></filter></defs>' +
        '<g filter="url(#paused)" opacity="0.6">',
    )
    .replace(/<\/svg>\s*$/, '</g></svg>');
}

export function renderIcons(svgPath: string): Map<string, Uint8Array> {
  const svg = readFileSync(svgPath, 'utf8');
  const files = new Map<string, Uint8Array>();
  for (const size of ICON_SIZES) {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    files.set(`icons/icon-${size}.png`, png);
  }
  const paused = pausedSvg(svg);
  for (const size of PAUSED_ICON_SIZES) {
    const png = new Resvg(paused, { fitTo: { mode: 'width', value: size } }).render().asPng();
    files.set(`icons/icon-paused-${size}.png`, png);
  }
  return files;
}
