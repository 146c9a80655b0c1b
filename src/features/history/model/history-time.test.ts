import { describe, expect, it } from 'vitest';
import { timeTicks } from './history-time';

describe('time axis ticks', () => {
  it('gives a handful of round, evenly spaced times inside the range', () => {
    const to = Date.UTC(2025, 0, 15, 12, 7, 31);
    for (const spanMinutes of [15, 60, 360, 1440]) {
      const from = to - spanMinutes * 60_000;
      const ticks = timeTicks(from, to);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(7);
      expect(ticks.every((t) => t >= from && t <= to)).toBe(true);
      const steps = new Set(ticks.slice(1).map((t, i) => t - ticks[i]!));
      expect(steps.size).toBe(1);
      const offset = new Date(ticks[0]!).getTimezoneOffset() * 60_000;
      expect((ticks[0]! - offset) % 60_000).toBe(0);
    }
  });
});
