import type { BgpPeerState } from '../../../azure/bgp-peer-status';
import type { PeerSample } from './peer-sample';
import { isSessionReset, orderSamples } from './peer-series';

/** Local states, "no data" (before history, failed polls, silences), and Azure Monitor's 5-minute view. */
export type TimelineState = BgpPeerState | 'no-data' | 'monitor-up' | 'monitor-partial' | 'monitor-down';

export interface TimelineSegment {
  from: number;
  to: number;
  state: TimelineState;
}

export interface TimelineOptions {
  fromMs: number;
  toMs: number;
  failedPollTimes?: readonly number[];
  /** A sample's state is not stretched further than this past it. */
  maxSilenceMs: number;
}

/**
 * A peer's states over [fromMs, toMs] as contiguous segments (Grafana's state timeline): each
 * sample's state holds until the next sample, a failed poll, or `maxSilenceMs`, whichever comes
 * first; the rest is "no data". Adjacent segments of one state are merged.
 */
export function stateSegments(samples: readonly PeerSample[], options: TimelineOptions): TimelineSegment[] {
  const { fromMs, toMs, maxSilenceMs } = options;
  const ordered = orderSamples(samples);
  const failed = [...(options.failedPollTimes ?? [])].sort((a, b) => a - b);
  const raw: TimelineSegment[] = [];
  let cursor = fromMs;
  const push = (from: number, to: number, state: TimelineState) => {
    const start = Math.max(from, fromMs);
    const end = Math.min(to, toMs);
    if (end <= start) return;
    // Runs of one state are extended in place: a day of polls is a handful of segments, not 5,760.
    const last = raw.at(-1);
    if (last && last.state === state && last.to >= start) last.to = Math.max(last.to, end);
    else raw.push({ from: start, to: end, state });
  };
  let failedIndex = 0;
  for (let i = 0; i < ordered.length; i++) {
    const sample = ordered[i];
    if (!sample) continue;
    const nextTime = ordered[i + 1]?.time ?? toMs;
    while (failedIndex < failed.length && (failed[failedIndex] ?? Infinity) <= sample.time) failedIndex++;
    const failedAfter = failed[failedIndex];
    const end = Math.min(nextTime, failedAfter !== undefined && failedAfter < nextTime ? failedAfter : Infinity, sample.time + maxSilenceMs);
    if (sample.time > cursor) push(cursor, sample.time, 'no-data');
    push(sample.time, end, sample.state);
    cursor = Math.max(cursor, end);
  }
  if (cursor < toMs) push(cursor, toMs, 'no-data');
  return mergeSegments(raw);
}

export function mergeSegments(segments: readonly TimelineSegment[]): TimelineSegment[] {
  const merged: TimelineSegment[] = [];
  for (const segment of segments) {
    const last = merged.at(-1);
    if (last && last.state === segment.state && last.to >= segment.from) last.to = Math.max(last.to, segment.to);
    else merged.push({ ...segment });
  }
  return merged;
}

/**
 * Azure Monitor's BgpPeerStatus (5-minute averages, 1 = connected) as timeline segments, only
 * for the time before local history starts (`untilMs`): local polls are finer and win.
 */
export function monitorSegments(
  points: readonly { time: number; value: number | null }[],
  intervalMs: number,
  untilMs: number,
): TimelineSegment[] {
  const segments: TimelineSegment[] = [];
  for (const point of points) {
    if (point.value === null || point.time >= untilMs) continue;
    const state: TimelineState = point.value >= 0.999 ? 'monitor-up' : point.value <= 0.001 ? 'monitor-down' : 'monitor-partial';
    segments.push({ from: point.time, to: Math.min(point.time + intervalMs, untilMs), state });
  }
  return mergeSegments(segments);
}

/** Local segments win; back-fill shows only where local history has no data. */
export function overlayBackfill(local: readonly TimelineSegment[], backfill: readonly TimelineSegment[]): TimelineSegment[] {
  const out: TimelineSegment[] = [];
  for (const segment of local) {
    if (segment.state !== 'no-data') {
      out.push(segment);
      continue;
    }
    let cursor = segment.from;
    for (const fill of backfill) {
      const from = Math.max(fill.from, cursor);
      const to = Math.min(fill.to, segment.to);
      if (to <= from) continue;
      if (from > cursor) out.push({ from: cursor, to: from, state: 'no-data' });
      out.push({ from, to, state: fill.state });
      cursor = to;
    }
    if (cursor < segment.to) out.push({ from: cursor, to: segment.to, state: 'no-data' });
  }
  return mergeSegments(out);
}

export interface PeerStateSummary {
  state: BgpPeerState | null;
  /** When the current state began: from connectedDuration when up, else the first sample of the run. */
  sinceMs: number | null;
  /** True when the run reaches back to the oldest sample kept: it began then or earlier. */
  sinceIsLowerBound: boolean;
  /** Sessions lost in the samples: Connected → any other state, or a reset between polls. */
  flaps: number;
  /** Connected for less than 5 minutes: a flap may have happened between polls. */
  reEstablished: boolean;
}

export function summarizePeerStates(samples: readonly PeerSample[], reEstablishedUnderSeconds = 300): PeerStateSummary {
  const ordered = orderSamples(samples);
  const latest = ordered.at(-1);
  if (!latest) return { state: null, sinceMs: null, sinceIsLowerBound: false, flaps: 0, reEstablished: false };
  let flaps = 0;
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1];
    const current = ordered[i];
    if (!previous || !current || previous.state !== 'Connected') continue;
    if (current.state !== 'Connected' || isSessionReset(previous, current)) flaps++;
  }
  const up = latest.state === 'Connected';
  if (up && latest.connectedSeconds !== null) {
    return {
      state: latest.state,
      sinceMs: latest.time - latest.connectedSeconds * 1000,
      sinceIsLowerBound: false,
      flaps,
      reEstablished: latest.connectedSeconds < reEstablishedUnderSeconds,
    };
  }
  // "Down since" counts every non-Connected state as down: Idle and Connecting alternate while a
  // session tries to come back.
  let start = ordered.length - 1;
  while (start > 0) {
    const before = ordered[start - 1];
    if (!before || (before.state === 'Connected') !== up) break;
    start--;
  }
  return { state: latest.state, sinceMs: ordered[start]?.time ?? null, sinceIsLowerBound: start === 0, flaps, reEstablished: false };
}
