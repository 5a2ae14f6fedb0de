/**
 * The timeline of 1950–2017 as SVG: one row per event on a shared axis of years, so spans and
 * single dates line up and stay legible at popup width (the SVG scales with its container).
 * Events the page mentions stand out: their row is tinted, their marker drawn in the topic's mark
 * colour and their name in bold. Every event is a focusable list item whose accessible name says
 * its dates in full and whether the page mentions it.
 */
import type { TopicCounts } from '../messages';
import { underlineColor } from '../settings';
import { spokenLabel, TIMELINE_FROM, TIMELINE_TO, type TimelineItem, timelineItems } from './timeline-data';

const WIDTH = 348;
const PAD_X = 10;
const TOP = 4;
const ROW = 26;
const AXIS_GAP = 8;
const BOTTOM = 24;
/** Average advance of a character of the 12 px label, for deciding which side a label fits on. */
const CHAR_WIDTH = 6.6;
/** The axis ends a little after the article (September 2017), so its marker is not cut in half. */
const AXIS_END = TIMELINE_TO + 1;
const DECADES = [1950, 1960, 1970, 1980, 1990, 2000, 2010];

const ITEMS = timelineItems();

function x(year: number): number {
  return PAD_X + ((year - TIMELINE_FROM) / (AXIS_END - TIMELINE_FROM)) * (WIDTH - 2 * PAD_X);
}

export interface TimelineProps {
  readonly counts: TopicCounts;
  /** Mark colour per topic (#rrggbb), from the settings. */
  readonly colors: Readonly<Record<string, string>>;
  /** Id of the heading that names the timeline. */
  readonly labelledBy: string;
}

export function Timeline({ counts, colors, labelledBy }: TimelineProps) {
  const height = TOP + ITEMS.length * ROW + AXIS_GAP + BOTTOM;
  const axisY = TOP + ITEMS.length * ROW + AXIS_GAP;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG cannot hold a <ul>; the role makes it a list.
    <svg
      class="yl-timeline"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="list"
      aria-labelledby={labelledBy}
      preserveAspectRatio="xMidYMin meet"
    >
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a <g> without tabindex is not focusable. */}
      <g class="yl-timeline__grid" aria-hidden="true">
        {DECADES.map((year) => (
          <line key={year} x1={x(year)} x2={x(year)} y1={TOP} y2={axisY} />
        ))}
      </g>
      {ITEMS.map((item, index) => (
        <Item
          key={item.id}
          item={item}
          y={TOP + index * ROW}
          mentions={item.topic ? (counts[item.topic] ?? 0) : 0}
          color={item.topic ? colors[item.topic] : undefined}
        />
      ))}
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a <g> without tabindex is not focusable. */}
      <g class="yl-timeline__axis" aria-hidden="true">
        <line x1={PAD_X} x2={WIDTH - PAD_X} y1={axisY} y2={axisY} />
        {DECADES.map((year) => (
          <g key={year}>
            <line x1={x(year)} x2={x(year)} y1={axisY} y2={axisY + 4} />
            <text x={x(year)} y={axisY + 16} text-anchor={year === TIMELINE_FROM ? 'start' : 'middle'}>
              {year}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}

function Item({
  item,
  y,
  mentions,
  color,
}: {
  readonly item: TimelineItem;
  readonly y: number;
  readonly mentions: number;
  readonly color: string | undefined;
}) {
  const present = mentions > 0;
  const article = item.topic === undefined;
  const cy = y + ROW / 2;
  const x1 = x(item.start);
  const x2 = item.end === undefined ? x1 : Math.max(x(item.end), x1 + 4);
  const reach = item.end === undefined ? 6 : 0;
  const textWidth = (item.label.length + 1 + item.dates.length) * CHAR_WIDTH;
  const onRight = x2 + reach + 6 + textWidth <= WIDTH - 2;
  const textX = onRight ? x2 + reach + 6 : x1 - reach - 6;
  const fill = present && color ? color : undefined;
  const stroke = present && color ? underlineColor(color) : undefined;
  const classes = ['yl-timeline__item', present ? 'is-present' : '', article ? 'is-article' : '']
    .filter(Boolean)
    .join(' ');
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG cannot hold an <li>; the role makes it a list item.
    // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a <g> is not interactive; tabindex lets keyboard users reach each event.
    <g class={classes} role="listitem" tabindex={0} aria-label={spokenLabel(item, mentions)}>
      <rect class="yl-timeline__band" x={1} y={y + 1} width={WIDTH - 2} height={ROW - 2} rx={5} />
      {item.end === undefined ? (
        article ? (
          <path
            class="yl-timeline__marker"
            d={`M${x1} ${cy - 6} L${x1 + 6} ${cy} L${x1} ${cy + 6} L${x1 - 6} ${cy} Z`}
            style={fill ? { fill, stroke } : undefined}
          />
        ) : (
          <circle class="yl-timeline__marker" cx={x1} cy={cy} r={5} style={fill ? { fill, stroke } : undefined} />
        )
      ) : (
        <rect
          class="yl-timeline__marker"
          x={x1}
          y={cy - 5}
          width={x2 - x1}
          height={10}
          rx={3}
          style={fill ? { fill, stroke } : undefined}
        />
      )}
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: <text> is not focusable; the item's label already says this. */}
      <text class="yl-timeline__label" x={textX} y={cy + 4} text-anchor={onRight ? 'start' : 'end'} aria-hidden="true">
        <tspan class="yl-timeline__name">{item.label}</tspan>
        <tspan class="yl-timeline__dates"> {item.dates}</tspan>
      </text>
      <rect class="yl-timeline__focus" x={1} y={y + 1} width={WIDTH - 2} height={ROW - 2} rx={5} />
    </g>
  );
}
