import { describe, expect, it } from 'vitest';
import { parseTimeSpan } from './timespan';

describe('parseTimeSpan', () => {
  it('reads days, hours, minutes, seconds and ticks', () => {
    expect(parseTimeSpan('9.01:04:53.5768637')).toBeCloseTo(9 * 86_400 + 3_600 + 4 * 60 + 53.5768637, 6);
  });

  it('reads a span under a day', () => {
    expect(parseTimeSpan('02:07:41')).toBe(2 * 3_600 + 7 * 60 + 41);
    expect(parseTimeSpan('00:00:00')).toBe(0);
  });

  it('reads short fractions and a negative span', () => {
    expect(parseTimeSpan('00:00:01.5')).toBe(1.5);
    expect(parseTimeSpan('-1.00:00:00')).toBe(-86_400);
  });

  it('reads large day counts', () => {
    expect(parseTimeSpan('10675199.02:48:05.4775807')).toBeCloseTo(10675199 * 86_400 + 2 * 3_600 + 48 * 60 + 5.4775807, 0);
  });

  it.each([null, undefined])('gives null for %s', (value) => {
    expect(parseTimeSpan(value)).toBeNull();
  });

  it.each(['', 'soon', '1:2:3', '24:00:00', '00:60:00', '00:00:60', '9.01:04', 'PT2H7M41S', '02:07:41.12345678', '1.2.03:04:05'])(
    'gives null for the malformed %j',
    (value) => {
      expect(parseTimeSpan(value)).toBeNull();
    },
  );
});
