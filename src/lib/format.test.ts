import { describe, expect, it } from 'vitest';
import { formatAge, formatClock, formatCount, formatDayClock, formatDecimal, formatDuration, formatDurationShort } from './format';

describe('formatCount and formatDecimal', () => {
  it('separate thousands, so 7163 reads the same in a table, a tooltip and an axis', () => {
    expect(formatCount(7163)).toBe('7,163');
    expect(formatCount(4_294_967_295)).toBe('4,294,967,295');
    expect(formatCount(null)).toBe('—');
    expect(formatDecimal(34_000)).toBe('34,000');
    expect(formatDecimal(1234.567)).toBe('1,234.57');
  });
});

describe('formatDuration', () => {
  it.each([
    [9 * 86_400 + 3_600 + 4 * 60 + 53.57, '9d 1h'],
    [2 * 3_600 + 7 * 60 + 41, '2h 7m'],
    [41, '41s'],
    [41.9, '41s'],
    [0, '0s'],
    [5 * 60 + 3, '5m 3s'],
    [5 * 60, '5m'],
    [3 * 86_400, '3d'],
    [2 * 3_600 + 59, '2h'],
  ])('shows %d seconds as %j', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([null, Number.NaN, Number.POSITIVE_INFINITY, -5])('shows %s as a dash', (seconds) => {
    expect(formatDuration(seconds)).toBe('—');
  });
});

describe('short durations and ages', () => {
  it('keeps only the largest unit where a glance is all there is', () => {
    expect(formatDurationShort(9 * 86_400 + 3_600)).toBe('9d');
    expect(formatDurationShort(null)).toBeNull();
  });

  it('never says a negative age when the screen clock lags the poll', () => {
    expect(formatAge(10_000, 51_000)).toBe('41s ago');
    expect(formatAge(60_000, 59_000)).toBe('0s ago');
  });
});

describe('clocks', () => {
  it('use a 24-hour clock with seconds, and the day where it matters', () => {
    const ms = new Date(2025, 0, 15, 14, 3, 27).getTime();
    expect(formatClock(ms)).toBe('14:03:27');
    expect(formatDayClock(ms)).toBe('15 Jan 14:03:27');
  });
});
