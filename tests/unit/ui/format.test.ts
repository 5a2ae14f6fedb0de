import { describe, expect, it } from 'vitest';
import { formatIsoDate } from '../../../src/ui/format';

describe('formatIsoDate', () => {
  it('writes a date at the precision it was recorded with, day first', () => {
    expect(formatIsoDate('2017-09-29')).toBe('29 September 2017');
    expect(formatIsoDate('1950-10-01')).toBe('1 October 1950');
    expect(formatIsoDate('1954-07')).toBe('July 1954');
    expect(formatIsoDate('1966')).toBe('1966');
  });

  it('leaves anything that is not an ISO date as it is', () => {
    expect(formatIsoDate('the 1950s')).toBe('the 1950s');
  });
});
