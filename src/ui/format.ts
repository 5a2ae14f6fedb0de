/**
 * Dates as the cards, the popup and the options page write them: day first, month in words
 * ("29 September 2017"), so no reader has to guess whether 10/11 is October or November.
 */
import type { IsoDate } from '../knowledge/types';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * An ISO 8601 date at the precision it was recorded with: `1950-10-19` is "19 October 1950",
 * `1954-07` is "July 1954" and `1966` stays "1966"; a day no source gives is never invented.
 */
export function formatIsoDate(iso: IsoDate): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!match) return iso;
  const [, year, month, day] = match;
  if (!month) return year ?? iso;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day ?? 1)));
  return (day ? DAY : MONTH).format(date);
}
