import { derivePeerSeries, downsampleKeepingExtremes, pointsInRange, sumSeries, type SeriesPoint } from './peer-series';
import { monitorSegments, overlayBackfill, stateSegments, summarizePeerStates, type PeerStateSummary, type TimelineSegment } from './state-timeline';
import { BACKFILL_INTERVAL_MS, type MonitorPeerSeries } from './azure-monitor-backfill';
import type { PeerSample, PollOutcome } from './peer-sample';

/**
 * Points per chart line: min and max of each slice of time are kept, so 480 points draw a spike
 * wherever it is on a chart 1,400 px wide (one slice per 6 px); twice as many doubled the time
 * to draw a day of a 16-peer gateway for no visible gain.
 */
export const CHART_MAX_POINTS = 480;

/** One row of the charts: local values (null = none), Azure Monitor's routes before local history. */
export interface ChartRow {
  time: number;
  sentPerMinute: number | null;
  receivedPerMinute: number | null;
  routesReceived: number | null;
  /** Azure Monitor BgpRoutesLearned (5-minute average), only before the first local sample. */
  monitorRoutes: number | null;
  reset: boolean;
}

export interface PeerTimeline {
  peerKey: string;
  segments: TimelineSegment[];
  summary: PeerStateSummary;
}

/** One peer row's routes received, for the small chart each peer gets. */
export interface PeerRoutesSeries {
  peerKey: string;
  rows: ChartRow[];
}

export interface HistoryView {
  peerKeys: string[];
  /** Routes received per peer row, local samples only, downsampled. */
  peerRoutes: PeerRoutesSeries[];
  /** The highest message rate drawn (sent or received); null when there is none. */
  maxRate: number | null;
  rows: ChartRow[];
  resetTimes: number[];
  /** The first local sample of the gateway (any peer), or null when there is none yet. */
  firstLocalTime: number | null;
  localPointCount: number;
  monitorPointCount: number;
  timelines: PeerTimeline[];
}

export interface HistoryViewInput {
  samples: readonly PeerSample[];
  polls: readonly PollOutcome[];
  /** Azure Monitor series matched to peer rows; null when there is no back-fill. */
  backfill: ReadonlyMap<string, MonitorPeerSeries> | null;
  fromMs: number;
  toMs: number;
  /** `gateway` for the totals of every peer row, or one peer key. */
  selection: 'gateway' | string;
  /** Points per chart after downsampling. */
  maxPoints: number;
  pollIntervalMs: number;
}

/** A sample's state and values are not carried across a silence longer than this. */
export function maxSilenceFor(pollIntervalMs: number): number {
  // A long-running poll can take a minute or two on top of the interval.
  return 3 * pollIntervalMs + 120_000;
}

/**
 * Everything the gateway page draws, from raw samples: per-peer series (rates, resets, gaps),
 * the selection's totals downsampled for the charts, Azure Monitor's route counts before local
 * history starts, and a state timeline per peer row. Pure, so it is unit-tested and benchmarked.
 */
export function buildHistoryView(input: HistoryViewInput): HistoryView {
  const { samples, polls, backfill, fromMs, toMs, selection, maxPoints, pollIntervalMs } = input;
  const maxSilenceMs = maxSilenceFor(pollIntervalMs);
  const failedPollTimes = polls.filter((p) => !p.ok).map((p) => p.time);

  const byPeer = new Map<string, PeerSample[]>();
  let firstLocalTime: number | null = null;
  for (const sample of samples) {
    let list = byPeer.get(sample.peerKey);
    if (!list) byPeer.set(sample.peerKey, (list = []));
    list.push(sample);
    if (firstLocalTime === null || sample.time < firstLocalTime) firstLocalTime = sample.time;
  }
  const peerKeys = [...new Set([...byPeer.keys(), ...(backfill?.keys() ?? [])])].sort();

  const chosen = selection === 'gateway' ? [...byPeer.keys()] : byPeer.has(selection) ? [selection] : [];
  const series = chosen.map((key) => pointsInRange(derivePeerSeries(byPeer.get(key) ?? [], { failedPollTimes, maxSilenceMs }), fromMs, toMs));
  const local: SeriesPoint[] = series.length === 1 ? (series[0] ?? []) : sumSeries(series);
  const drawn = downsampleKeepingExtremes(local, maxPoints);

  const monitorUntil = firstLocalTime ?? toMs;
  const monitorRows = new Map<number, number>();
  const monitorKeys = selection === 'gateway' ? [...(backfill?.keys() ?? [])] : [selection];
  for (const key of monitorKeys) {
    for (const point of backfill?.get(key)?.routes ?? []) {
      if (point.value === null || point.time < fromMs || point.time >= monitorUntil) continue;
      monitorRows.set(point.time, (monitorRows.get(point.time) ?? 0) + point.value);
    }
  }

  const rows: ChartRow[] = [
    ...[...monitorRows].map(([time, value]) => ({
      time,
      sentPerMinute: null,
      receivedPerMinute: null,
      routesReceived: null,
      monitorRoutes: value,
      reset: false,
    })),
    ...drawn.map((p) => ({
      time: p.time,
      sentPerMinute: p.sentPerMinute,
      receivedPerMinute: p.receivedPerMinute,
      routesReceived: p.routesReceived,
      monitorRoutes: null,
      reset: p.reset,
    })),
  ].sort((a, b) => a.time - b.time);

  const perPeerPoints = Math.max(50, Math.floor(maxPoints / 4));
  const peerRoutes = [...byPeer.keys()].sort().map((peerKey) => ({
    peerKey,
    rows: downsampleKeepingExtremes(
      pointsInRange(derivePeerSeries(byPeer.get(peerKey) ?? [], { failedPollTimes, maxSilenceMs }), fromMs, toMs),
      perPeerPoints,
      ['routesReceived'],
    ).map((p) => ({ time: p.time, sentPerMinute: null, receivedPerMinute: null, routesReceived: p.routesReceived, monitorRoutes: null, reset: p.reset })),
  }));
  let maxRate: number | null = null;
  for (const p of drawn) {
    for (const value of [p.sentPerMinute, p.receivedPerMinute]) if (value !== null && (maxRate === null || value > maxRate)) maxRate = value;
  }

  const timelines = peerKeys.map((peerKey) => {
    const peerSamples = byPeer.get(peerKey) ?? [];
    const local = stateSegments(peerSamples, { fromMs, toMs, failedPollTimes, maxSilenceMs });
    const status = backfill?.get(peerKey)?.status ?? [];
    const segments = status.length > 0 ? overlayBackfill(local, monitorSegments(status, BACKFILL_INTERVAL_MS, monitorUntil)) : local;
    return { peerKey, segments, summary: summarizePeerStates(pointsInRange(peerSamples, fromMs, toMs)) };
  });

  return {
    peerKeys,
    peerRoutes,
    maxRate,
    rows,
    resetTimes: drawn.filter((p) => p.reset).map((p) => p.time),
    firstLocalTime,
    localPointCount: drawn.filter((p) => !p.gap).length,
    monitorPointCount: monitorRows.size,
    timelines,
  };
}
