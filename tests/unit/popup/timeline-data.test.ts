import { describe, expect, it } from 'vitest';
import {
  fractionalYear,
  shortSpan,
  spokenLabel,
  spokenSpan,
  TIMELINE_FROM,
  TIMELINE_TO,
  timelineItems,
} from '../../../src/popup/timeline-data';

describe('the timeline', () => {
  const items = timelineItems();

  it('shows the six events of the issue, in date order, within 1950–2017', () => {
    expect(items.map((item) => [item.label, item.dates])).toEqual([
      ['Korean War', '1950–53'],
      ['Chinese entry', 'Oct 1950'],
      ['Friendship treaty', '1961'],
      ['Cultural Revolution', '1966–76'],
      ['Sino-Vietnamese War', '1979'],
      ['The article', '2017'],
    ]);
    const starts = items.map((item) => item.start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    for (const item of items) {
      expect(item.start).toBeGreaterThanOrEqual(TIMELINE_FROM);
      expect(item.end ?? item.start).toBeLessThanOrEqual(TIMELINE_TO + 1);
    }
  });

  it('ties each event to the topic that stands out when a page mentions it', () => {
    expect(items.map((item) => item.topic)).toEqual([
      'korean-war',
      'chinese-intervention',
      'sino-north-korean-treaty',
      'cultural-revolution',
      'sino-vietnamese-war',
      undefined,
    ]);
  });

  it('names every event and its dates in full for screen readers', () => {
    expect(items.map((item) => spokenLabel(item, 0))).toEqual([
      'Korean War, 25 June 1950 to 27 July 1953',
      'Chinese entry into the Korean War, 19 October 1950',
      'Sino-North Korean friendship treaty, signed 11 July 1961',
      'Cultural Revolution, 1966 to 1976',
      'Sino-Vietnamese War, 17 February to 16 March 1979',
      'The article, “War of the Dragons: Why North Korea Does Not Trust China”, published 29 September 2017',
    ]);
    const [war] = items;
    if (!war) throw new Error('no items');
    expect(spokenLabel(war, 1)).toBe('Korean War, 25 June 1950 to 27 July 1953. Mentioned on this page once');
    expect(spokenLabel(war, 11)).toMatch(/Mentioned on this page 11 times$/);
  });
});

describe('date helpers', () => {
  it('turns ISO dates of any precision into fractional years', () => {
    expect(fractionalYear('1950')).toBe(1950);
    expect(fractionalYear('1976', true)).toBe(1977);
    expect(fractionalYear('1950-01-01')).toBe(1950);
    expect(fractionalYear('1950-06-25')).toBeCloseTo(1950 + 175 / 365, 5);
    expect(fractionalYear('1954-07')).toBeCloseTo(1954 + 181 / 365, 5);
    expect(() => fractionalYear('June 1950')).toThrow(/not an ISO date/);
  });

  it('writes spans short and in words', () => {
    expect(shortSpan(1950, 1953)).toBe('1950–53');
    expect(shortSpan(1979, 1979)).toBe('1979');
    expect(shortSpan(1999, 2003)).toBe('1999–2003');
    expect(spokenSpan('1979-02-17', '1979-03-16')).toBe('17 February to 16 March 1979');
    expect(spokenSpan('1950-06-25', '1953-07-27')).toBe('25 June 1950 to 27 July 1953');
    expect(spokenSpan('1966', '1976')).toBe('1966 to 1976');
  });
});
