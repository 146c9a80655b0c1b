import { describe, expect, it } from 'vitest';
import type { MonitorPeerSeries } from './azure-monitor-backfill';
import { buildHistoryView, type ChartRow } from './history-view';
import type { PeerSample } from './peer-sample';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const MINUTE = 60_000;
function sample(peerKey: string, minute: number, overrides: Partial<PeerSample> = {}): PeerSample {
  return {
    gatewayId: 'gw', peerKey, time: T0 + minute * MINUTE, state: 'Connected', routesReceived: 10,
    messagesSent: 100 + minute, messagesReceived: 100 + 2 * minute, connectedSeconds: 3600 + minute * 60, ...overrides,
  };
}
const A = '10.0.0.4|10.1.0.4';
const B = '10.0.0.5|10.1.0.4';
const base = { polls: [], backfill: null, fromMs: T0 - 60 * MINUTE, toMs: T0 + 10 * MINUTE, maxPoints: 600, pollIntervalMs: MINUTE };

describe('history view of a gateway', () => {
  it('totals the peers of the gateway, or shows one peer', () => {
    const samples = [0, 1, 2].flatMap((m) => [sample(A, m), sample(B, m)]);
    const total = buildHistoryView({ ...base, samples, selection: 'gateway' });
    expect(total.rateRows.map((r) => r.sentPerMinute)).toEqual([null, 2, 2]);
    expect(total.routeRows.map((r) => r.routesReceived)).toEqual([20, 20, 20]);
    const one = buildHistoryView({ ...base, samples, selection: B });
    expect(one.rateRows.map((r) => r.receivedPerMinute)).toEqual([null, 2, 2]);
    expect(total.timelines.map((t) => t.peerKey)).toEqual([A, B]);
  });

  it('marks a reset of any peer on the totals', () => {
    const samples = [sample(A, 0), sample(A, 1, { messagesSent: 1, connectedSeconds: 10 }), sample(B, 0), sample(B, 1)];
    expect(buildHistoryView({ ...base, samples, selection: 'gateway' }).resetTimes).toEqual([T0 + MINUTE]);
  });

  it('draws Azure Monitor routes only before the first local sample, and fills the timeline there', () => {
    const backfill = new Map<string, MonitorPeerSeries>([
      [A, {
        neighbor: '10.1.0.4', instance: 0,
        routes: [-20, -15, -10, -5, 0, 5].map((m) => ({ time: T0 + m * MINUTE, value: 9 })),
        status: [-20, -15, -10, -5, 0].map((m) => ({ time: T0 + m * MINUTE, value: 1 })),
      }],
    ]);
    const view = buildHistoryView({ ...base, samples: [sample(A, 0), sample(A, 1)], backfill, selection: 'gateway' });
    expect(view.routeRows.filter((r) => r.monitorRoutes !== null).map((r) => (r.time - T0) / MINUTE)).toEqual([-20, -15, -10, -5]);
    expect(view.monitorPointCount).toBe(4);
    expect(view.firstLocalTime).toBe(T0);
    const states = view.timelines[0]?.segments.map((s) => s.state);
    expect(states).toEqual(['no-data', 'monitor-up', 'Connected', 'no-data']);
  });

  it('shows the back-fill alone before any local sample', () => {
    const backfill = new Map<string, MonitorPeerSeries>([[A, { neighbor: '10.1.0.4', instance: 0, routes: [{ time: T0, value: 4 }], status: [] }]]);
    const view = buildHistoryView({ ...base, samples: [], backfill, selection: 'gateway' });
    expect(view.routeRows).toHaveLength(1);
    expect(view.rateRows).toHaveLength(0);
    expect(view.localPointCount).toBe(0);
    expect(view.peerKeys).toEqual([A]);
  });
});

describe('a day of a 16-peer gateway', () => {
  it('draws at most about 400 + 200 points, keeping every reset, the outage as a gap, and each line\'s extremes', async () => {
    const { dayOfSamples, SAMPLE_EVERY_MS, PEERS, SAMPLES_PER_PEER } = await import('../../../testing/day-of-samples');
    const toMs = Date.UTC(2025, 0, 16, 12, 0, 0);
    const { samples, polls } = dayOfSamples(toMs);
    expect(samples.length).toBe(PEERS * (SAMPLES_PER_PEER - polls.filter((p) => !p.ok).length));
    const view = buildHistoryView({ samples, polls, backfill: null, fromMs: toMs - 86_400_000, toMs, selection: 'gateway', maxPoints: 400, pollIntervalMs: SAMPLE_EVERY_MS });
    expect(view.rateRows.length).toBeLessThanOrEqual(420);
    expect(view.routeRows.length).toBeLessThanOrEqual(220);
    // Four of the sixteen peers reset every 6 hours, at the same polls: 4 resets in the day.
    expect(view.resetTimes).toHaveLength(4);
    for (const rows of [view.rateRows, view.routeRows]) {
      expect(rows.filter((r) => r.reset).map((r) => r.time)).toEqual(view.resetTimes);
      expect(rows.some((r) => r.sentPerMinute === null && r.routesReceived === null && !r.reset)).toBe(true);
    }
    // The whole day's extremes, from every sample: each chart keeps those of its own lines.
    const full = buildHistoryView({ samples, polls, backfill: null, fromMs: toMs - 86_400_000, toMs, selection: 'gateway', maxPoints: 1_000_000, pollIntervalMs: SAMPLE_EVERY_MS });
    const extremes = (rows: readonly ChartRow[], key: 'sentPerMinute' | 'receivedPerMinute' | 'routesReceived') => {
      const values = rows.map((r) => r[key]).filter((v): v is number => v !== null);
      return [Math.min(...values), Math.max(...values)];
    };
    for (const key of ['sentPerMinute', 'receivedPerMinute'] as const) expect(extremes(view.rateRows, key)).toEqual(extremes(full.rateRows, key));
    expect(extremes(view.routeRows, 'routesReceived')).toEqual(extremes(full.routeRows, 'routesReceived'));
    expect(view.timelines).toHaveLength(16);
    expect(view.timelines.map((t) => t.summary.flaps).sort((a, b) => a - b)).toEqual([...Array(12).fill(0), 4, 4, 4, 4]);
  });
});
