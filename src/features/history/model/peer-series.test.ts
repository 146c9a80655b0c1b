import { describe, expect, it } from 'vitest';
import type { PeerSample } from './peer-sample';
import {
  derivePeerSeries,
  downsampleKeepingExtremes,
  isSessionReset,
  orderSamples,
  pointsInRange,
  sumSeries,
  type SeriesPoint,
} from './peer-series';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const MINUTE = 60_000;
const options = { maxSilenceMs: 10 * MINUTE };

function sample(minute: number, overrides: Partial<PeerSample> = {}): PeerSample {
  return {
    gatewayId: 'gw',
    peerKey: '10.0.0.4|10.1.0.4',
    time: T0 + minute * MINUTE,
    state: 'Connected',
    routesReceived: 12,
    messagesSent: 1000 + minute * 2,
    messagesReceived: 2000 + minute * 3,
    connectedSeconds: 86_400 + minute * 60,
    ...overrides,
  };
}

describe('message rates from counter deltas', () => {
  it('gives messages per minute between successive polls, and no rate for the first one', () => {
    const points = derivePeerSeries([sample(0), sample(1), sample(3)], options);
    expect(points.map((p) => p.sentPerMinute)).toEqual([null, 2, 2]);
    expect(points.map((p) => p.receivedPerMinute)).toEqual([null, 3, 3]);
    expect(points.map((p) => p.routesReceived)).toEqual([12, 12, 12]);
  });

  it('scales to per minute whatever the polling interval', () => {
    const points = derivePeerSeries([sample(0), sample(0.25, { messagesSent: 1001 })], options);
    expect(points[1]?.sentPerMinute).toBeCloseTo(4);
  });

  it('reads out-of-order samples in time order and keeps one sample per time', () => {
    const shuffled = [sample(2), sample(0), sample(1, { messagesSent: 1 }), sample(1)];
    const points = derivePeerSeries(shuffled, options);
    expect(points.map((p) => p.time)).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
    expect(points.map((p) => p.sentPerMinute)).toEqual([null, 2, 2]);
    expect(orderSamples(shuffled)).toHaveLength(3);
  });

  it('leaves a rate out when a counter is missing, without calling it a reset', () => {
    const points = derivePeerSeries([sample(0), sample(1, { messagesReceived: null }), sample(2)], options);
    expect(points[1]).toMatchObject({ sentPerMinute: 2, receivedPerMinute: null, reset: false });
    // After a missing value the next delta has nothing to start from either.
    expect(points[2]).toMatchObject({ sentPerMinute: 2, receivedPerMinute: null, reset: false });
  });
});

describe('session resets', () => {
  it('marks a counter that goes down as a reset and never draws a negative rate', () => {
    const points = derivePeerSeries([sample(0), sample(1), sample(2, { messagesSent: 4, messagesReceived: 9, connectedSeconds: 30 }), sample(3, { messagesSent: 6, messagesReceived: 12, connectedSeconds: 90 })], options);
    expect(points[2]).toMatchObject({ reset: true, sentPerMinute: null, receivedPerMinute: null });
    expect(points[3]).toMatchObject({ reset: false, sentPerMinute: 2, receivedPerMinute: 3 });
    expect(points.every((p) => (p.sentPerMinute ?? 0) >= 0 && (p.receivedPerMinute ?? 0) >= 0)).toBe(true);
  });

  it('treats a counter that wrapped to a lower value as a reset', () => {
    const big = Number.MAX_SAFE_INTEGER - 1;
    const points = derivePeerSeries([sample(0, { messagesSent: big }), sample(1, { messagesSent: 3 })], options);
    expect(points[1]).toMatchObject({ reset: true, sentPerMinute: null });
  });

  it('sees a flap between polls from connectedDuration restarting, even when counters grew past their old values', () => {
    // Up 10 min at the first poll; 30 min later up only 5 min: the session restarted in between.
    const before = sample(0, { connectedSeconds: 600, messagesSent: 10, messagesReceived: 10 });
    const after = sample(30, { connectedSeconds: 300, messagesSent: 20, messagesReceived: 30 });
    expect(isSessionReset(before, after)).toBe(true);
    expect(derivePeerSeries([before, after], { maxSilenceMs: 60 * MINUTE })[1]).toMatchObject({ reset: true, sentPerMinute: null });
  });

  it('does not call the lag of a slow long-running poll a restart', () => {
    // The second answer came 90 s late: connectedDuration grew 60 s less than the sample times.
    const before = sample(0, { connectedSeconds: 1000 });
    const after = sample(2.5, { connectedSeconds: 1090 });
    expect(isSessionReset(before, after)).toBe(false);
  });

  it('proves nothing from missing fields', () => {
    const before = sample(0, { messagesSent: null, messagesReceived: null, connectedSeconds: null });
    expect(isSessionReset(before, sample(1, { messagesSent: 0, messagesReceived: 0, connectedSeconds: 1 }))).toBe(false);
  });
});

describe('a rate only within one Connected session', () => {
  it('draws no rate across a state change, even when the counters went up', () => {
    // Down, then back with counters above the last Connected ones (an emulator bug once did this):
    // 0 → 30,000 over a minute would read as 30,000 messages per minute.
    const points = derivePeerSeries(
      [
        sample(0),
        sample(1, { state: 'Idle', messagesSent: 0, messagesReceived: 0, connectedSeconds: null }),
        sample(2, { state: 'Connected', messagesSent: 30_000, messagesReceived: 40_000, connectedSeconds: 20 }),
        sample(3, { state: 'Connected', messagesSent: 30_002, messagesReceived: 40_003, connectedSeconds: 80 }),
      ],
      options,
    );
    expect(points.map((p) => p.sentPerMinute)).toEqual([null, null, null, 2]);
    expect(points.map((p) => p.receivedPerMinute)).toEqual([null, null, null, 3]);
  });

  it('draws no rate between two samples that are both down', () => {
    const down = { state: 'Connecting' as const, connectedSeconds: null };
    const points = derivePeerSeries([sample(0, { ...down, messagesSent: 1 }), sample(1, { ...down, messagesSent: 3 })], options);
    expect(points[1]?.sentPerMinute).toBeNull();
  });

  it('draws no rate from a Connected sample to the first one after a restart', () => {
    const points = derivePeerSeries([sample(0), sample(1, { messagesSent: 5, messagesReceived: 7, connectedSeconds: 10 })], options);
    expect(points[1]).toMatchObject({ reset: true, sentPerMinute: null, receivedPerMinute: null });
  });
});

describe('gaps', () => {
  it('breaks the lines at a failed poll instead of joining across it', () => {
    const points = derivePeerSeries([sample(0), sample(1), sample(3)], { ...options, failedPollTimes: [T0 + 2 * MINUTE] });
    expect(points.map((p) => p.gap)).toEqual([false, false, true, false]);
    expect(points[2]).toMatchObject({ time: T0 + 2 * MINUTE, sentPerMinute: null, routesReceived: null });
    // No rate spans the gap.
    expect(points[3]?.sentPerMinute).toBeNull();
  });

  it('breaks the lines after a long silence (page closed, screen asleep)', () => {
    const points = derivePeerSeries([sample(0), sample(1), sample(60)], options);
    expect(points.map((p) => p.gap)).toEqual([false, false, true, false]);
  });

  it('ignores failed polls outside the samples', () => {
    const points = derivePeerSeries([sample(5), sample(6)], { ...options, failedPollTimes: [T0, T0 + 7 * MINUTE] });
    expect(points.some((p) => p.gap)).toBe(false);
  });
});

describe('gateway totals', () => {
  it('adds the peers per poll, with null only when no peer had a value, and a reset when any peer reset', () => {
    const a = derivePeerSeries([sample(0), sample(1)], options);
    const b = derivePeerSeries([sample(0, { peerKey: 'x' }), sample(1, { peerKey: 'x', messagesSent: 0, routesReceived: 5 })], options);
    const totals = sumSeries([a, b]);
    expect(totals).toHaveLength(2);
    expect(totals[0]).toMatchObject({ sentPerMinute: null, routesReceived: 24 });
    expect(totals[1]).toMatchObject({ sentPerMinute: 2, routesReceived: 17, reset: true });
  });

  it('adds peers polled at different times too (a peer row that came and went)', () => {
    const a = derivePeerSeries([sample(0), sample(1), sample(2)], options);
    const b = derivePeerSeries([sample(1, { peerKey: 'x', routesReceived: 3 })], options);
    const totals = sumSeries([a, b]);
    expect(totals.map((p) => p.routesReceived)).toEqual([12, 15, 12]);
    expect(totals.map((p) => p.sentPerMinute)).toEqual([null, 2, 2]);
  });
});

describe('downsampling', () => {
  const day: SeriesPoint[] = Array.from({ length: 5760 }, (_, i) => ({
    time: T0 + i * 15_000,
    sentPerMinute: 1 + Math.sin(i / 50),
    receivedPerMinute: 2 + Math.cos(i / 70),
    routesReceived: 100 + (i % 7),
    reset: false,
    gap: false,
  }));
  day[1234] = { ...day[1234]!, sentPerMinute: 999 };
  day[4321] = { ...day[4321]!, routesReceived: -5 };
  day[3000] = { ...day[3000]!, sentPerMinute: null, receivedPerMinute: null, routesReceived: null, gap: true };
  day[4000] = { ...day[4000]!, reset: true, sentPerMinute: null };

  it('keeps a day of 15-second samples to about the asked number of points', () => {
    const kept = downsampleKeepingExtremes(day, 600);
    expect(kept.length).toBeLessThanOrEqual(600 + 2);
    expect(kept.length).toBeGreaterThan(300);
  });

  it('keeps the extremes, the gaps and the resets, in time order', () => {
    const kept = downsampleKeepingExtremes(day, 600);
    expect(kept.some((p) => p.sentPerMinute === 999)).toBe(true);
    expect(kept.some((p) => p.routesReceived === -5)).toBe(true);
    expect(kept.some((p) => p.gap)).toBe(true);
    expect(kept.some((p) => p.reset)).toBe(true);
    const min = Math.min(...day.map((p) => p.receivedPerMinute ?? Infinity));
    expect(Math.min(...kept.map((p) => p.receivedPerMinute ?? Infinity))).toBe(min);
    expect(kept.every((p, i) => i === 0 || p.time > kept[i - 1]!.time)).toBe(true);
    expect(kept[0]?.time).toBe(day[0]?.time);
    expect(kept.at(-1)?.time).toBe(day.at(-1)?.time);
  });

  it('leaves a short series untouched', () => {
    expect(downsampleKeepingExtremes(day.slice(0, 10), 600)).toEqual(day.slice(0, 10));
  });
});

describe('points in a time range', () => {
  const samples = [0, 1, 2, 3, 4, 5].map((m) => sample(m));
  const times = (points: readonly { time: number }[]) => points.map((p) => (p.time - T0) / MINUTE);

  it('cuts a series in time order at both ends, ends included, and keeps the array when all of it is in range', () => {
    const series = derivePeerSeries(samples, options);
    expect(times(pointsInRange(series, T0 + MINUTE, T0 + 3 * MINUTE))).toEqual([1, 2, 3]);
    expect(times(pointsInRange(series, T0 + MINUTE / 2, T0 + 3.5 * MINUTE))).toEqual([1, 2, 3]);
    expect(pointsInRange(series, T0 - MINUTE, T0 + 9 * MINUTE)).toBe(series);
    expect(pointsInRange(series, T0 + 9 * MINUTE, T0 + 10 * MINUTE)).toEqual([]);
  });

  it('filters points in any order, and an ordered copy of out-of-order samples', () => {
    const shuffled = [samples[3], samples[0], samples[5], samples[1]] as PeerSample[];
    expect(times(pointsInRange(shuffled, T0 + MINUTE, T0 + 4 * MINUTE))).toEqual([3, 1]);
    expect(times(pointsInRange(orderSamples(shuffled), T0 + MINUTE, T0 + 4 * MINUTE))).toEqual([1, 3]);
  });
});
