/**
 * The popup's timeline, 1950–2017, as data: which events it shows, where they fall and how they
 * are named, visibly and to screen readers. Pure: the SVG is drawn by timeline.tsx.
 *
 * Dates come from the knowledge base (the cards' `dates`, the article's date), so the timeline can
 * never disagree with the cards.
 */
import { ARTICLE } from '../knowledge/article';
import { getTopic } from '../knowledge/topics';
import type { IsoDate, TopicId } from '../knowledge/types';
import { formatIsoDate } from '../ui/format';

export const TIMELINE_FROM = 1950;
export const TIMELINE_TO = 2017;

export interface TimelineItem {
  readonly id: string;
  /** Short visible name. */
  readonly label: string;
  /** The full name, for screen readers, where the short one leaves something out. */
  readonly spokenName?: string;
  /** Short visible dates, such as "1950–53". */
  readonly dates: string;
  /** The dates in full words, for screen readers: "25 June 1950 to 27 July 1953". */
  readonly spokenDates: string;
  /** Where it starts, as a fractional year (1950.48 for 25 June 1950). */
  readonly start: number;
  /** Where a span ends; absent for a single date. */
  readonly end?: number;
  /** The topic it stands for, if any: it stands out when the page mentions that topic. */
  readonly topic?: TopicId;
}

const SHORT_MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334] as const;

/**
 * An ISO date at its own precision as a fractional year. `atEnd` places a date of reduced
 * precision at the end of its period: "1976" ends a span at the close of 1976, not on 1 January.
 */
export function fractionalYear(iso: IsoDate, atEnd = false): number {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  const year = Number(match[1]);
  if (!match[2]) return atEnd ? year + 1 : year;
  const month = Number(match[2]);
  const monthStart = DAYS_BEFORE_MONTH[month - 1] ?? 0;
  if (!match[3]) return year + (atEnd ? monthStart + 30 : monthStart) / 365;
  return year + (monthStart + Number(match[3]) - 1) / 365;
}

function required(value: IsoDate | undefined, what: string): IsoDate {
  if (!value) throw new Error(`the knowledge base has no ${what}`);
  return value;
}

/** "1950–53" for a span within one century, "1979" for a span within one year. */
export function shortSpan(fromYear: number, toYear: number): string {
  if (fromYear === toYear) return String(fromYear);
  const sameCentury = Math.floor(fromYear / 100) === Math.floor(toYear / 100);
  return `${fromYear}–${sameCentury ? String(toYear).slice(2) : toYear}`;
}

/** "17 February to 16 March 1979": the year said once when both ends share it. */
export function spokenSpan(from: IsoDate, to: IsoDate): string {
  const start = formatIsoDate(from);
  const end = formatIsoDate(to);
  const year = from.slice(0, 4);
  if (year === to.slice(0, 4) && start.endsWith(` ${year}`) && start !== year) {
    return `${start.slice(0, -year.length - 1)} to ${end}`;
  }
  return `${start} to ${end}`;
}

function spanItem(id: string, label: string, topic: TopicId, from: IsoDate, to: IsoDate): TimelineItem {
  return {
    id,
    label,
    topic,
    dates: shortSpan(Number(from.slice(0, 4)), Number(to.slice(0, 4))),
    spokenDates: spokenSpan(from, to),
    start: fractionalYear(from),
    end: fractionalYear(to, true),
  };
}

/** The six events of the timeline, in date order. */
export function timelineItems(): readonly TimelineItem[] {
  const war = getTopic('korean-war').dates;
  const entry = getTopic('chinese-intervention').dates;
  const treaty = getTopic('sino-north-korean-treaty').dates;
  const revolution = getTopic('cultural-revolution').dates;
  const vietnam = getTopic('sino-vietnamese-war').dates;
  const entryStart = required(entry.start, 'date for the Chinese entry');
  const treatyStart = required(treaty.start, 'date for the 1961 treaty');
  return [
    spanItem(
      'korean-war',
      'Korean War',
      'korean-war',
      required(war.start, 'start for the Korean War'),
      required(war.end, 'end for the Korean War'),
    ),
    {
      id: 'chinese-entry',
      label: 'Chinese entry',
      spokenName: 'Chinese entry into the Korean War',
      topic: 'chinese-intervention',
      dates: SHORT_MONTH.format(new Date(`${entryStart}T00:00:00Z`)),
      spokenDates: formatIsoDate(entryStart),
      start: fractionalYear(entryStart),
    },
    {
      id: 'treaty',
      label: 'Friendship treaty',
      spokenName: 'Sino-North Korean friendship treaty',
      topic: 'sino-north-korean-treaty',
      dates: treatyStart.slice(0, 4),
      spokenDates: `signed ${formatIsoDate(treatyStart)}`,
      start: fractionalYear(treatyStart),
    },
    spanItem(
      'cultural-revolution',
      'Cultural Revolution',
      'cultural-revolution',
      required(revolution.start, 'start for the Cultural Revolution'),
      required(revolution.end, 'end for the Cultural Revolution'),
    ),
    {
      ...spanItem(
        'sino-vietnamese-war',
        'Sino-Vietnamese War',
        'sino-vietnamese-war',
        required(vietnam.start, 'start for the Sino-Vietnamese War'),
        required(vietnam.end, 'end for the Sino-Vietnamese War'),
      ),
      // Four weeks are too short to draw as a span at this scale.
      end: undefined,
    },
    {
      id: 'article',
      label: 'The article',
      dates: ARTICLE.date.slice(0, 4),
      spokenDates: `“${ARTICLE.title}”, published ${formatIsoDate(ARTICLE.date)}`,
      start: fractionalYear(ARTICLE.date),
    },
  ];
}

/** What a screen reader says for an item: its name, its dates, and whether the page mentions it. */
export function spokenLabel(item: TimelineItem, mentions: number): string {
  const onPage =
    item.topic === undefined
      ? ''
      : mentions > 0
        ? `. Mentioned on this page ${mentions === 1 ? 'once' : `${mentions} times`}`
        : '';
  return `${item.spokenName ?? item.label}, ${item.spokenDates}${onPage}`;
}
