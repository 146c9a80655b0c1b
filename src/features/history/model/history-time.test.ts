import { describe, expect, it } from 'vitest';
import { firstPointsInSeconds, nearestTimeSync, timeLabelFormatter, timeTicks, zoomRange } from './history-time';

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

describe('time labels', () => {
  const to = Date.UTC(2025, 0, 15, 12, 7, 31);
  it('leave the seconds out from an hour up, and keep them on shorter ranges', () => {
    expect(timeLabelFormatter(to - 3_600_000, to)(to)).toMatch(/^\d\d:\d\d$/);
    expect(timeLabelFormatter(to - 24 * 3_600_000, to)(to)).toMatch(/^\d\d:\d\d$/);
    expect(timeLabelFormatter(to - 15 * 60_000, to)(to)).toMatch(/^\d\d:\d\d:\d\d$/);
  });
});

describe('collecting data', () => {
  const now = Date.UTC(2025, 0, 15, 12, 0, 0);
  it('says when the first rate can be drawn: one interval after the first sample', () => {
    expect(firstPointsInSeconds([now - 5_000], now, 15_000)).toBe(10);
    expect(firstPointsInSeconds([], now, 15_000)).toBe(30);
    expect(firstPointsInSeconds([now - 60_000], now, 15_000)).toBe(1);
  });
  it('says nothing once two samples exist', () => {
    expect(firstPointsInSeconds([now - 15_000, now], now, 15_000)).toBeNull();
  });
});

describe('drag to zoom', () => {
  it('orders the two ends and refuses a click-sized drag', () => {
    expect(zoomRange(2000, 1000, 500)).toEqual({ fromMs: 1000, toMs: 2000 });
    expect(zoomRange(1000, 1200, 500)).toBeNull();
    expect(zoomRange(null, 1200, 500)).toBeNull();
  });
});

describe('one crosshair across charts with different points', () => {
  const ticks = [1_000, 2_000, 5_000].map((value) => ({ value }));

  it('follows the other chart to its own nearest row, given as text or a number', () => {
    const sync = nearestTimeSync(1_000);
    expect(sync(ticks, { activeLabel: '1900' })).toBe(1);
    expect(sync(ticks, { activeLabel: 4_200 })).toBe(2);
  });

  it('shows no row when none is near: never values of another time', () => {
    const sync = nearestTimeSync(1_000);
    expect(sync(ticks, { activeLabel: '3500' })).toBe(-1);
    expect(sync([], { activeLabel: '1000' })).toBe(-1);
    expect(sync(ticks, { activeLabel: undefined })).toBe(-1);
  });
});
