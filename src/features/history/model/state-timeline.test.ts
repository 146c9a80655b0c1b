import { describe, expect, it } from 'vitest';
import type { PeerSample } from './peer-sample';
import { monitorSegments, overlayBackfill, stateSegments, summarizePeerStates } from './state-timeline';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const MINUTE = 60_000;
function sample(minute: number, overrides: Partial<PeerSample> = {}): PeerSample {
  return {
    gatewayId: 'gw',
    peerKey: 'k',
    time: T0 + minute * MINUTE,
    state: 'Connected',
    routesReceived: 10,
    messagesSent: 100 + minute,
    messagesReceived: 100 + minute,
    connectedSeconds: 3600 + minute * 60,
    ...overrides,
  };
}
const down = (minute: number, state: PeerSample['state'] = 'Idle') =>
  sample(minute, { state, connectedSeconds: null, messagesSent: 0, messagesReceived: 0, routesReceived: 0 });

describe('state segments', () => {
  const range = { fromMs: T0 - 5 * MINUTE, toMs: T0 + 10 * MINUTE, maxSilenceMs: 3 * MINUTE };

  it('holds each state until the next sample and merges runs of one state', () => {
    const segments = stateSegments([sample(0), sample(1), down(2), down(3), sample(4)], { ...range, toMs: T0 + 5 * MINUTE });
    expect(segments.map((s) => [s.state, (s.from - T0) / MINUTE, (s.to - T0) / MINUTE])).toEqual([
      ['no-data', -5, 0],
      ['Connected', 0, 2],
      ['Idle', 2, 4],
      ['Connected', 4, 5],
    ]);
  });

  it('ends a state at a failed poll or after a silence, leaving no data', () => {
    const segments = stateSegments([sample(0), sample(6)], { ...range, failedPollTimes: [T0 + 1 * MINUTE] });
    expect(segments.map((s) => [s.state, (s.from - T0) / MINUTE, (s.to - T0) / MINUTE])).toEqual([
      ['no-data', -5, 0],
      ['Connected', 0, 1],
      ['no-data', 1, 6],
      ['Connected', 6, 9],
      ['no-data', 9, 10],
    ]);
  });

  it('clips to the range and reads out-of-order samples in time order', () => {
    // The sample at -30 min ended 3 min later (silence), long before the range.
    const segments = stateSegments([down(20), sample(-30), down(-4)], range);
    expect(segments.map((s) => [s.state, (s.from - T0) / MINUTE, (s.to - T0) / MINUTE])).toEqual([
      ['no-data', -5, -4],
      ['Idle', -4, -1],
      ['no-data', -1, 10],
    ]);
  });
});

describe('Azure Monitor back-fill in the timeline', () => {
  it('draws 5-minute averages as up, partly up or down, only before local history starts', () => {
    const points = [0, 5, 10, 15].map((m, i) => ({ time: T0 + m * MINUTE, value: [1, 0.5, 0, 1][i] ?? null }));
    const segments = monitorSegments(points, 5 * MINUTE, T0 + 12 * MINUTE);
    expect(segments.map((s) => [s.state, (s.to - s.from) / MINUTE])).toEqual([
      ['monitor-up', 5],
      ['monitor-partial', 5],
      ['monitor-down', 2],
    ]);
  });

  it('fills only the no-data stretches of local history', () => {
    const local = stateSegments([sample(10)], { fromMs: T0, toMs: T0 + 12 * MINUTE, maxSilenceMs: 5 * MINUTE });
    const fill = monitorSegments([{ time: T0, value: 1 }, { time: T0 + 5 * MINUTE, value: 0 }], 5 * MINUTE, T0 + 10 * MINUTE);
    expect(overlayBackfill(local, fill).map((s) => s.state)).toEqual(['monitor-up', 'monitor-down', 'Connected']);
  });
});

describe('peer state summary', () => {
  it('counts flaps, including resets between polls, and says up since from connectedDuration', () => {
    const samples = [sample(0), down(1), sample(2, { connectedSeconds: 30 }), sample(3, { connectedSeconds: 5, messagesSent: 1 }), sample(4, { connectedSeconds: 65 })];
    const summary = summarizePeerStates(samples);
    expect(summary.flaps).toBe(2);
    expect(summary.state).toBe('Connected');
    expect(summary.sinceMs).toBe(T0 + 4 * MINUTE - 65_000);
    expect(summary.reEstablished).toBe(true);
  });

  it('says down since the first sample of the current down run, Idle and Connecting alike', () => {
    const summary = summarizePeerStates([sample(0), down(1), down(2, 'Connecting'), down(3)]);
    expect(summary).toMatchObject({ state: 'Idle', sinceMs: T0 + MINUTE, sinceIsLowerBound: false, flaps: 1 });
  });

  it('marks a state that reaches back to the oldest sample as "or earlier"', () => {
    expect(summarizePeerStates([down(0, 'Stopped'), down(1, 'Stopped')])).toMatchObject({ sinceMs: T0, sinceIsLowerBound: true });
    expect(summarizePeerStates([])).toMatchObject({ state: null, flaps: 0 });
  });
});
