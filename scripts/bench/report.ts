/**
 * The benchmark's output: the console table, the same table in Markdown (for the README), and
 * the chart (hand-written SVG, log-log: time against page size for the floor, the scan and
 * mark.js).
 */
import type { PageResult } from './columns.ts';

export interface Totals {
  floorMs: number;
  scanMs: number;
  /** mark.js over the pages where it ran (see `markjsPages`). */
  markjsMs: number;
  /** The scan over the same pages as `markjsMs`, for the ratio. */
  scanMsWhereMarkjs: number;
  markjsPages: number;
  textNodes: number;
  chars: number;
  matches: number;
  htmlBytes: number;
}

export function totals(pages: readonly PageResult[]): Totals {
  const sum = (pick: (page: PageResult) => number): number => pages.reduce((total, page) => total + pick(page), 0);
  const withMarkjs = pages.filter((page) => page.markjsMs !== null);
  return {
    floorMs: sum((page) => page.floorMs),
    scanMs: sum((page) => page.scanMs),
    markjsMs: withMarkjs.reduce((total, page) => total + (page.markjsMs as number), 0),
    scanMsWhereMarkjs: withMarkjs.reduce((total, page) => total + page.scanMs, 0),
    markjsPages: withMarkjs.length,
    textNodes: sum((page) => page.textNodes),
    chars: sum((page) => page.chars),
    matches: sum((page) => page.matches),
    htmlBytes: sum((page) => page.htmlBytes),
  };
}

function ms(value: number | null): string {
  if (value === null) return '–';
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function ratio(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

const HEADERS = [
  'page',
  'HTML KB',
  'text nodes',
  'chars',
  'matches',
  'floor ms',
  'scan ms',
  'mark.js ms',
  'scan/floor',
  'mark.js/scan',
] as const;

function rows(pages: readonly PageResult[]): string[][] {
  const all = totals(pages);
  const body = pages.map((page) => [
    page.name,
    (page.htmlBytes / 1024).toFixed(0),
    count(page.textNodes),
    count(page.chars),
    String(page.matches),
    ms(page.floorMs),
    ms(page.scanMs),
    `${ms(page.markjsMs)}${page.markjsNote ? '*' : ''}`,
    ratio(page.scanMs / page.floorMs),
    ratio(page.markjsMs === null ? null : page.markjsMs / page.scanMs),
  ]);
  body.push([
    `sum (${pages.length} pages)`,
    (all.htmlBytes / 1024).toFixed(0),
    count(all.textNodes),
    count(all.chars),
    String(all.matches),
    ms(all.floorMs),
    ms(all.scanMs),
    `${ms(all.markjsPages > 0 ? all.markjsMs : null)}${all.markjsPages < pages.length ? '*' : ''}`,
    ratio(all.scanMs / all.floorMs),
    ratio(all.markjsPages > 0 ? all.markjsMs / all.scanMsWhereMarkjs : null),
  ]);
  return body;
}

export function consoleTable(pages: readonly PageResult[]): string {
  const body = rows(pages);
  const table = [[...HEADERS], ...body];
  const widths = HEADERS.map((_, column) => Math.max(...table.map((row) => (row[column] as string).length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number),
      )
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const lines = [line(HEADERS), rule, ...body.slice(0, -1).map(line), rule, line(body[body.length - 1] as string[])];
  return lines.join('\n');
}

export function markdownTable(pages: readonly PageResult[]): string {
  const body = rows(pages);
  const line = (row: readonly string[]) => `| ${row.join(' | ')} |`;
  const align = `|${HEADERS.map((_, column) => (column === 0 ? ':--' : '--:')).join('|')}|`;
  return [
    line(HEADERS),
    align,
    ...body.slice(0, -1).map(line),
    line((body[body.length - 1] as string[]).map((cell) => `**${cell}**`)),
  ].join('\n');
}

// The chart.

interface Series {
  readonly label: string;
  readonly color: string;
  readonly dash?: string;
  readonly marker: 'circle' | 'square' | 'triangle';
  readonly points: readonly (readonly [number, number])[];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function decades(min: number, max: number): number[] {
  const out: number[] = [];
  for (let exponent = Math.floor(Math.log10(min)); exponent <= Math.ceil(Math.log10(max)); exponent++)
    out.push(10 ** exponent);
  return out;
}

function sizeLabel(chars: number): string {
  if (chars >= 1e6) return `${chars / 1e6}M`;
  if (chars >= 1e3) return `${chars / 1e3}k`;
  return String(chars);
}

function msLabel(value: number): string {
  if (value >= 1000) return `${value / 1000} s`;
  if (value >= 1) return `${value} ms`;
  return `${value * 1000} µs`;
}

/** Time against characters of text, log-log, one series per column. */
export function chartSvg(pages: readonly PageResult[], title: string, subtitle: string): string {
  const width = 760;
  const height = 480;
  const margin = { left: 78, right: 24, top: 64, bottom: 84 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const sorted = [...pages].sort((a, b) => a.chars - b.chars);
  const series: Series[] = [
    {
      label: 'mark.js 8.11',
      color: '#c0392b',
      marker: 'triangle',
      dash: '6 4',
      points: sorted.filter((page) => page.markjsMs !== null).map((page) => [page.chars, page.markjsMs as number]),
    },
    {
      label: 'Yalu Lens scan',
      color: '#1f5fa8',
      marker: 'circle',
      points: sorted.map((page) => [page.chars, page.scanMs]),
    },
    {
      label: 'floor (bare TreeWalker pass)',
      color: '#5b6b5b',
      marker: 'square',
      dash: '2 3',
      points: sorted.map((page) => [page.chars, page.floorMs]),
    },
  ];
  const xs = sorted.map((page) => Math.max(1, page.chars));
  const ys = series.flatMap((entry) => entry.points.map(([, y]) => Math.max(y, 0.001)));
  const xTicks = decades(Math.min(...xs), Math.max(...xs));
  const yTicks = decades(Math.min(...ys), Math.max(...ys));
  const [xMin, xMax] = [xTicks[0] as number, xTicks[xTicks.length - 1] as number];
  const [yMin, yMax] = [yTicks[0] as number, yTicks[yTicks.length - 1] as number];
  const x = (value: number) =>
    margin.left +
    ((Math.log10(Math.max(value, 1)) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * plotWidth;
  const y = (value: number) =>
    margin.top +
    plotHeight -
    ((Math.log10(Math.max(value, 0.001)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotHeight;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="13">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="26" font-size="16" font-weight="600" fill="#1a1a1a">${escapeXml(title)}</text>`,
    `<text x="${margin.left}" y="46" fill="#555">${escapeXml(subtitle)}</text>`,
  );
  // Grid and axes.
  for (const tick of yTicks) {
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#e3e3e3"/>`,
      `<text x="${margin.left - 8}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" fill="#333">${msLabel(tick)}</text>`,
    );
  }
  for (const tick of xTicks) {
    parts.push(
      `<line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="#e3e3e3"/>`,
      `<text x="${x(tick).toFixed(1)}" y="${margin.top + plotHeight + 18}" text-anchor="middle" fill="#333">${sizeLabel(tick)}</text>`,
    );
  }
  parts.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`,
    `<text x="${margin.left + plotWidth / 2}" y="${margin.top + plotHeight + 40}" text-anchor="middle" fill="#333">characters of text on the page (log scale)</text>`,
    `<text transform="translate(18 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle" fill="#333">time per pass, median (log scale)</text>`,
  );
  // Series: a thin line in size order, and a marker per page.
  for (const entry of series) {
    if (entry.points.length === 0) continue;
    const path = entry.points
      .map(([px, py], index) => `${index === 0 ? 'M' : 'L'}${x(px).toFixed(1)} ${y(py).toFixed(1)}`)
      .join(' ');
    parts.push(
      `<path d="${path}" fill="none" stroke="${entry.color}" stroke-width="1.5" stroke-opacity="0.7"${entry.dash ? ` stroke-dasharray="${entry.dash}"` : ''}/>`,
    );
    for (const [px, py] of entry.points) parts.push(marker(entry.marker, x(px), y(py), entry.color));
  }
  // Legend, below the plot.
  let legendX = margin.left;
  const legendY = height - 18;
  for (const entry of series) {
    parts.push(
      `<line x1="${legendX}" x2="${legendX + 26}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${entry.color}" stroke-width="1.5"${entry.dash ? ` stroke-dasharray="${entry.dash}"` : ''}/>`,
      marker(entry.marker, legendX + 13, legendY - 4, entry.color),
      `<text x="${legendX + 34}" y="${legendY}" fill="#1a1a1a">${escapeXml(entry.label)}</text>`,
    );
    legendX += 46 + entry.label.length * 7.2;
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function marker(kind: Series['marker'], cx: number, cy: number, color: string): string {
  const [px, py] = [cx.toFixed(1), cy.toFixed(1)];
  if (kind === 'circle') return `<circle cx="${px}" cy="${py}" r="4" fill="${color}"/>`;
  if (kind === 'square')
    return `<rect x="${(cx - 3.5).toFixed(1)}" y="${(cy - 3.5).toFixed(1)}" width="7" height="7" fill="${color}"/>`;
  return `<path d="M${px} ${(cy - 5).toFixed(1)} L${(cx + 4.5).toFixed(1)} ${(cy + 3.5).toFixed(1)} L${(cx - 4.5).toFixed(1)} ${(cy + 3.5).toFixed(1)} Z" fill="${color}"/>`;
}
