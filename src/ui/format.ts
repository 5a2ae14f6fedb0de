/**
 * Dates as the cards, the popup and the options page write them: day first, month in words
 * ("29 September 2017"), so no reader has to guess whether 10/11 is October or November.
 */
import type { IsoDate } from '../knowledge/types';

// Made on first use, not when the module loads: the first DateTimeFormat of a page loads ICU's
// data (30 ms or more), and the content script that imports this must cost a page almost nothing
// until a card opens.
let day: Intl.DateTimeFormat | undefined;
let month: Intl.DateTimeFormat | undefined;

/**
 * An ISO 8601 date at the precision it was recorded with: `1950-10-19` is "19 October 1950",
 * `1954-07` is "July 1954" and `1966` stays "1966"; a day no source gives is never invented.
 */
export function formatIsoDate(iso: IsoDate): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!match) return iso;
  const [, year, monthPart, dayPart] = match;
  if (!monthPart) return year ?? iso;
  const date = new Date(Date.UTC(Number(year), Number(monthPart) - 1, Number(dayPart ?? 1)));
  if (dayPart) {
    day ??= new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    return day.format(date);
  }
  month ??= new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return month.format(date);
}
