import { derivePeerSeries, downsampleKeepingExtremes, orderSamples, pointsInRange, sumSeries, type SeriesPoint } from './peer-series';
import { monitorSegments, overlayBackfill, stateSegments, summarizePeerStates, type PeerStateSummary, type TimelineSegment } from './state-timeline';
import { BACKFILL_INTERVAL_MS, type MonitorPeerSeries } from './azure-monitor-backfill';
import type { PeerSample, PollOutcome } from './peer-sample';

/**
 * Points the message-rate chart draws at most: the range is cut into 100 slices (one per 14 px of
 * a chart 1,400 px wide) and each slice keeps the minimum and maximum of each of its two lines,
 * so a spike or a dip is drawn wherever it is. The routes chart, one line, keeps half as many
 * points for the same slices. More points cost drawing time for no visible gain.
 */
export const CHART_MAX_POINTS = 400;

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
  /** The message-rate chart's rows: local rates only, downsampled on sent and received. */
  rateRows: ChartRow[];
  /** The routes chart's rows: Azure Monitor's routes before local history, then local routes, downsampled on routes. */
  routeRows: ChartRow[];
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
  /** Points of the message-rate chart after downsampling (the routes chart keeps half). */
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
  // Each peer row's samples ordered once, and its series derived once: the selection's totals and
  // the per-peer route charts both read it (a day of a 16-peer gateway is 92,000 samples).
  const ordered = new Map<string, readonly PeerSample[]>();
  for (const [key, list] of byPeer) ordered.set(key, orderSamples(list));
  const derived = new Map<string, readonly SeriesPoint[]>();
  for (const [key, list] of ordered) derived.set(key, pointsInRange(derivePeerSeries(list, { failedPollTimes, maxSilenceMs }), fromMs, toMs));
  const peerKeys = [...new Set([...byPeer.keys(), ...(backfill?.keys() ?? [])])].sort();

  const chosen = selection === 'gateway' ? [...byPeer.keys()] : byPeer.has(selection) ? [selection] : [];
  const series = chosen.map((key) => derived.get(key) ?? []);
  const local: readonly SeriesPoint[] = series.length === 1 ? (series[0] ?? []) : sumSeries(series);
  // Each chart keeps the extremes of its own lines: one row set for both kept half of each
  // chart's points for lines the other chart draws.
  const drawn = downsampleKeepingExtremes(local, maxPoints, ['sentPerMinute', 'receivedPerMinute']);
  const drawnRoutes = downsampleKeepingExtremes(local, Math.max(2, Math.floor(maxPoints / 2)), ['routesReceived']);

  const monitorUntil = firstLocalTime ?? toMs;
  const monitorRows = new Map<number, number>();
  const monitorKeys = selection === 'gateway' ? [...(backfill?.keys() ?? [])] : [selection];
  for (const key of monitorKeys) {
    for (const point of backfill?.get(key)?.routes ?? []) {
      if (point.value === null || point.time < fromMs || point.time >= monitorUntil) continue;
      monitorRows.set(point.time, (monitorRows.get(point.time) ?? 0) + point.value);
    }
  }

  // A per-peer route chart's rows carry its one line only.
  const toRow = (p: SeriesPoint, lines: 'all' | 'routes' = 'all'): ChartRow => ({
    time: p.time,
    sentPerMinute: lines === 'all' ? p.sentPerMinute : null,
    receivedPerMinute: lines === 'all' ? p.receivedPerMinute : null,
    routesReceived: p.routesReceived,
    monitorRoutes: null,
    reset: p.reset,
  });
  const rateRows = drawn.map((p) => toRow(p));
  const routeRows: ChartRow[] = [
    ...[...monitorRows].map(([time, value]) => ({
      time,
      sentPerMinute: null,
      receivedPerMinute: null,
      routesReceived: null,
      monitorRoutes: value,
      reset: false,
    })),
    ...drawnRoutes.map((p) => toRow(p)),
  ].sort((a, b) => a.time - b.time);

  const perPeerPoints = Math.max(50, Math.floor(maxPoints / 4));
  const peerRoutes = [...byPeer.keys()].sort().map((peerKey) => ({
    peerKey,
    rows: downsampleKeepingExtremes(derived.get(peerKey) ?? [], perPeerPoints, ['routesReceived']).map((p) => toRow(p, 'routes')),
  }));
  let maxRate: number | null = null;
  for (const p of drawn) {
    for (const value of [p.sentPerMinute, p.receivedPerMinute]) if (value !== null && (maxRate === null || value > maxRate)) maxRate = value;
  }

  const timelines = peerKeys.map((peerKey) => {
    const peerSamples = ordered.get(peerKey) ?? [];
    const local = stateSegments(peerSamples, { fromMs, toMs, failedPollTimes, maxSilenceMs });
    const status = backfill?.get(peerKey)?.status ?? [];
    const segments = status.length > 0 ? overlayBackfill(local, monitorSegments(status, BACKFILL_INTERVAL_MS, monitorUntil)) : local;
    return { peerKey, segments, summary: summarizePeerStates(pointsInRange(peerSamples, fromMs, toMs)) };
  });

  return {
    peerKeys,
    peerRoutes,
    maxRate,
    rateRows,
    routeRows,
    // Downsampling keeps every reset point: these are all the resets in the range.
    resetTimes: drawn.filter((p) => p.reset).map((p) => p.time),
    firstLocalTime,
    localPointCount: drawn.filter((p) => !p.gap).length,
    monitorPointCount: monitorRows.size,
    timelines,
  };
}
