import type { PeerSample } from './peer-sample';

/** One point of a peer's (or a gateway's) charts. Null values are drawn as breaks, never as zero. */
export interface SeriesPoint {
  time: number;
  sentPerMinute: number | null;
  receivedPerMinute: number | null;
  routesReceived: number | null;
  /** The session restarted between the previous sample and this one (drawn as a marker). */
  reset: boolean;
  /** No data here: a failed poll or a long silence; the lines break at this point. */
  gap: boolean;
}

export type SeriesValueKey = 'sentPerMinute' | 'receivedPerMinute' | 'routesReceived';
export const SERIES_VALUE_KEYS: readonly SeriesValueKey[] = ['sentPerMinute', 'receivedPerMinute', 'routesReceived'];

export interface SeriesOptions {
  /** Times of polls of this gateway that failed: each one between two samples breaks the lines. */
  failedPollTimes?: readonly number[];
  /** Samples further apart than this (the page was closed, the screen slept) are not joined. */
  maxSilenceMs: number;
}

/**
 * How far a `connectedDuration` may lag behind the time between two samples before it counts as
 * a restart. Sample times are when the long-running operation answered, which can be tens of
 * seconds after the gateway measured (Retry-After of 10–160 s), so the slack is generous.
 */
function durationSlackSeconds(dtSeconds: number): number {
  return Math.max(120, dtSeconds / 2);
}

/**
 * A session reset between two samples of one peer row: a cumulative counter went down (the
 * session restarted and its counters with it, including a counter that wrapped to a lower
 * value), or `connectedDuration` is shorter than it must be if the session had lasted. Missing
 * fields prove nothing either way.
 */
function wentDown(a: number | null, b: number | null): boolean {
  return a !== null && b !== null && b < a;
}

export function isSessionReset(previous: PeerSample, next: PeerSample): boolean {
  if (wentDown(previous.messagesSent, next.messagesSent)) return true;
  if (wentDown(previous.messagesReceived, next.messagesReceived)) return true;
  if (previous.connectedSeconds !== null && next.connectedSeconds !== null) {
    const dtSeconds = Math.max(0, (next.time - previous.time) / 1000);
    if (next.connectedSeconds + durationSlackSeconds(dtSeconds) < previous.connectedSeconds + dtSeconds) return true;
  }
  return false;
}

/**
 * Arrays known to be in strictly increasing time order (samples once ordered, derived series):
 * a day of a 16-peer gateway is 92,000 samples, and checking their order again in each step that
 * reads them cost more than the step itself. Arrays are never changed after they are registered.
 */
const inTimeOrder = new WeakSet<readonly { time: number }[]>();

function markedInTimeOrder<T extends { time: number }>(points: readonly T[]): readonly T[] {
  inTimeOrder.add(points);
  return points;
}

/** Sorted by time, one sample per time (the later-recorded wins): polls can be stored out of order. */
export function orderSamples(samples: readonly PeerSample[]): readonly PeerSample[] {
  if (inTimeOrder.has(samples)) return samples;
  // Nearly always already in order (the store reads by time): then there is nothing to do.
  let ordered = true;
  for (let i = 1; i < samples.length && ordered; i++) ordered = (samples[i]?.time ?? 0) > (samples[i - 1]?.time ?? 0);
  if (ordered) return markedInTimeOrder(samples);
  const byTime = new Map<number, PeerSample>();
  for (const sample of samples) byTime.set(sample.time, sample);
  return markedInTimeOrder([...byTime.values()].sort((a, b) => a.time - b.time));
}

function perMinute(previous: number | null, next: number | null, dtMs: number): number | null {
  if (previous === null || next === null || dtMs <= 0 || next < previous) return null;
  return ((next - previous) * 60_000) / dtMs;
}

function gapPoint(time: number): SeriesPoint {
  return { time, sentPerMinute: null, receivedPerMinute: null, routesReceived: null, reset: false, gap: true };
}

/**
 * Messages per minute from counter deltas, and routes received, for one peer row. A rate is drawn
 * only between two consecutive samples of the same Connected session. A reset is
 * marked and has no rate (never a negative one); a failed poll or a long silence between two
 * samples inserts a gap point, so the chart shows a hole instead of a line across it.
 */
export function derivePeerSeries(samples: readonly PeerSample[], options: SeriesOptions): SeriesPoint[] {
  const ordered = orderSamples(samples);
  const failed = [...(options.failedPollTimes ?? [])].sort((a, b) => a - b);
  let failedIndex = 0;
  const points: SeriesPoint[] = [];
  let previous: PeerSample | undefined;
  for (const sample of ordered) {
    if (!previous) {
      points.push({ time: sample.time, sentPerMinute: null, receivedPerMinute: null, routesReceived: sample.routesReceived, reset: false, gap: false });
      previous = sample;
      continue;
    }
    while (failedIndex < failed.length && (failed[failedIndex] ?? Infinity) <= previous.time) failedIndex++;
    const failedBetween = failedIndex < failed.length && (failed[failedIndex] ?? Infinity) < sample.time;
    const dtMs = sample.time - previous.time;
    const broken = failedBetween || dtMs > options.maxSilenceMs;
    const reset = isSessionReset(previous, sample);
    if (broken) points.push(gapPoint(failedBetween ? (failed[failedIndex] ?? previous.time + 1) : previous.time + 1));
    // A rate only within one Connected session: across a state change the counters belong to
    // two sessions (or to none), and their difference measures nothing.
    const sameSession = previous.state === 'Connected' && sample.state === 'Connected' && !reset;
    const rated = !broken && sameSession;
    points.push({
      time: sample.time,
      sentPerMinute: rated ? perMinute(previous.messagesSent, sample.messagesSent, dtMs) : null,
      receivedPerMinute: rated ? perMinute(previous.messagesReceived, sample.messagesReceived, dtMs) : null,
      routesReceived: sample.routesReceived,
      reset,
      gap: false,
    });
    previous = sample;
  }
  inTimeOrder.add(points);
  return points;
}

/**
 * A gateway's totals: the peers' points summed per poll time (one poll samples every peer at the
 * same time). A value is null only when no peer had one; a reset of any peer marks the total.
 */
function add(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : a + b;
}

function sameTimes(seriesList: readonly (readonly SeriesPoint[])[]): boolean {
  const first = seriesList[0];
  if (!first) return false;
  for (const series of seriesList) {
    if (series.length !== first.length) return false;
    for (let i = 0; i < series.length; i++) if (series[i]?.time !== first[i]?.time) return false;
  }
  return true;
}

export function sumSeries(seriesList: readonly (readonly SeriesPoint[])[]): SeriesPoint[] {
  // The usual case: every peer row was in every poll, so the series line up point for point.
  if (sameTimes(seriesList)) {
    const first = seriesList[0] ?? [];
    return first.map((point, i) => {
      const total: SeriesPoint = { ...point };
      for (let s = 1; s < seriesList.length; s++) {
        const other = seriesList[s]?.[i];
        if (!other) continue;
        total.sentPerMinute = add(total.sentPerMinute, other.sentPerMinute);
        total.receivedPerMinute = add(total.receivedPerMinute, other.receivedPerMinute);
        total.routesReceived = add(total.routesReceived, other.routesReceived);
        total.reset ||= other.reset;
        total.gap &&= other.gap;
      }
      return total;
    });
  }
  const byTime = new Map<number, SeriesPoint>();
  for (const series of seriesList) {
    for (const point of series) {
      const total = byTime.get(point.time);
      if (!total) {
        byTime.set(point.time, {
          time: point.time,
          sentPerMinute: point.sentPerMinute,
          receivedPerMinute: point.receivedPerMinute,
          routesReceived: point.routesReceived,
          reset: point.reset,
          gap: point.gap,
        });
        continue;
      }
      total.sentPerMinute = add(total.sentPerMinute, point.sentPerMinute);
      total.receivedPerMinute = add(total.receivedPerMinute, point.receivedPerMinute);
      total.routesReceived = add(total.routesReceived, point.routesReceived);
      total.reset ||= point.reset;
      total.gap &&= point.gap;
    }
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** The first index whose time passes the test (points in time order, the test false then true). */
function firstIndexWhere(points: readonly { time: number }[], test: (time: number) => boolean): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(points[middle]?.time ?? Infinity)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The points in [fromMs, toMs]; the same array when every point is in it (the usual case: no copy). */
export function pointsInRange<T extends { time: number }>(points: readonly T[], fromMs: number, toMs: number): readonly T[] {
  if (inTimeOrder.has(points)) {
    const start = firstIndexWhere(points, (time) => time >= fromMs);
    const end = firstIndexWhere(points, (time) => time > toMs);
    return start === 0 && end === points.length ? points : markedInTimeOrder(points.slice(start, end));
  }
  const inRange = (p: T) => p.time >= fromMs && p.time <= toMs;
  return points.every(inRange) ? points : points.filter(inRange);
}

/**
 * Min/max-bucket downsampling: the points are cut into buckets and each bucket keeps, for every
 * value key, the point holding its minimum and its maximum, plus every gap and reset point, so a
 * spike or a dip is never averaged away and a hole is never bridged. Returns at most about
 * `maxPoints` points plus the gap and reset points, in time order.
 */
export function downsampleKeepingExtremes(
  points: readonly SeriesPoint[],
  maxPoints: number,
  keys: readonly SeriesValueKey[] = SERIES_VALUE_KEYS,
): SeriesPoint[] {
  if (points.length <= maxPoints) return [...points];
  const perBucket = Math.max(2, 2 * keys.length);
  const buckets = Math.max(1, Math.floor(maxPoints / perBucket));
  const size = points.length / buckets;
  const kept: SeriesPoint[] = [];
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(points.length, Math.floor((b + 1) * size));
    const chosen = new Set<number>();
    for (const key of keys) {
      let minIndex = -1;
      let maxIndex = -1;
      for (let i = start; i < end; i++) {
        const value = points[i]?.[key];
        if (value === null || value === undefined) continue;
        if (minIndex < 0 || value < (points[minIndex]?.[key] ?? Infinity)) minIndex = i;
        if (maxIndex < 0 || value > (points[maxIndex]?.[key] ?? -Infinity)) maxIndex = i;
      }
      if (minIndex >= 0) chosen.add(minIndex);
      if (maxIndex >= 0) chosen.add(maxIndex);
    }
    for (let i = start; i < end; i++) {
      const point = points[i];
      if (point && (point.gap || point.reset)) chosen.add(i);
    }
    // The ends too, so the line spans the whole range it was given.
    if (b === 0) chosen.add(0);
    if (b === buckets - 1) chosen.add(points.length - 1);
    for (const index of [...chosen].sort((x, y) => x - y)) {
      const point = points[index];
      if (point) kept.push(point);
    }
  }
  return kept;
}
