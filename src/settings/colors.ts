/**
 * Mark colours. Pure: no browser, no DOM.
 *
 * A mark is drawn on pages we do not control, light or dark. So a topic's colour is a light tint
 * used as a background under black text (contrast at least 4.5:1, WCAG AA for body text), and
 * its underline is a mid-tone of the same hue whose luminance sits where it contrasts equally
 * with white and with black, about 4.6:1 against both, so an underline stays visible on any page.
 */

export interface PaletteColor {
  /** Shown to the user and used as the swatch's accessible name. */
  readonly name: string;
  /** Lower-case `#rrggbb`. */
  readonly hex: string;
}

/** Light tints; each keeps black text at 4.5:1 or more (a unit test checks). */
export const PALETTE: readonly PaletteColor[] = [
  { name: 'Amber', hex: '#ffd966' },
  { name: 'Teal', hex: '#8ee3d4' },
  { name: 'Violet', hex: '#d6c4ff' },
  { name: 'Rose', hex: '#ffc4d3' },
  { name: 'Sky', hex: '#a9d8ff' },
  { name: 'Lime', hex: '#cdef8f' },
  { name: 'Peach', hex: '#ffcba3' },
  { name: 'Orchid', hex: '#f2c4f0' },
  { name: 'Mint', hex: '#b5f0c6' },
  { name: 'Silver', hex: '#d7dde5' },
];

/** Text drawn on a mark's background: black, since every palette tint is light. */
export const MARK_TEXT_COLOR = '#000000';

/** WCAG AA for normal text. */
export const MIN_TEXT_CONTRAST = 4.5;

const HEX = /^#[0-9a-f]{6}$/i;

export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

type Rgb = readonly [number, number, number];

function parseHex(hex: string): Rgb {
  if (!isHexColor(hex)) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  return [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)) as unknown as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb
    .map((channel) =>
      Math.round(Math.min(255, Math.max(0, channel)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a `#rrggbb` colour, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

// The luminance whose contrast with white equals its contrast with black: (L + 0.05)^2 = 1.05 * 0.05.
const MID_LUMINANCE = Math.sqrt(1.05 * 0.05) - 0.05;

function rgbToHsl([r, g, b]: Rgb): [number, number, number] {
  const [rn, gn, bn] = [r / 255, g / 255, b / 255];
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  let h: number;
  if (max === rn) h = (gn - bn) / d + (gn < bn ? 6 : 0);
  else if (max === gn) h = (bn - rn) / d + 2;
  else h = (rn - gn) / d + 4;
  return [h / 6, s, l];
}

function hslToRgb(h: number, s: number, l: number): Rgb {
  if (s === 0) return [l * 255, l * 255, l * 255];
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t0: number): number => {
    const t = t0 < 0 ? t0 + 1 : t0 > 1 ? t0 - 1 : t0;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  return [channel(h + 1 / 3) * 255, channel(h) * 255, channel(h - 1 / 3) * 255];
}

/**
 * The underline colour for a mark colour: the same hue and saturation at the lightness whose
 * luminance contrasts equally with white and black pages (about 4.6:1 each).
 */
export function underlineColor(hex: string): string {
  const [h, s] = rgbToHsl(parseHex(hex));
  // Pastel tints look muddy at mid lightness unless their saturation is raised; greys stay grey.
  const saturation = s < 0.3 ? s : Math.max(s, 0.55);
  let low = 0;
  let high = 1;
  for (let step = 0; step < 30; step++) {
    const mid = (low + high) / 2;
    if (relativeLuminance(toHex(hslToRgb(h, saturation, mid))) < MID_LUMINANCE) low = mid;
    else high = mid;
  }
  return toHex(hslToRgb(h, saturation, (low + high) / 2));
}

/** Contrast of black text on `hex`; below MIN_TEXT_CONTRAST the options page warns. */
export function textContrastOn(hex: string): number {
  return contrastRatio(MARK_TEXT_COLOR, hex);
}

/** The palette entry of a colour, if it is one. */
export function paletteColor(hex: string): PaletteColor | undefined {
  const lower = hex.toLowerCase();
  return PALETTE.find((color) => color.hex === lower);
}
