import { useMemo, useState } from 'react';
import { useNow } from '../../../components/use-now';
import { summarizeError } from '../../../bgp/error-summary';
import { instanceLabels } from '../../../bgp/peer-instances';
import { useGatewayPeers } from '../../../queries/get-bgp-peer-status';
import { backfillByPeerKey, isMetricsForbidden } from '../model/azure-monitor-backfill';
import { usePeerMetrics } from '../../../queries/get-peer-metrics';
import { EventsList } from './events-list';
import { MessageRateChart, RoutesChart } from './history-charts';
import { HistoryStatusNote, useHistoryStore } from '../store/history-context';
import { formatDayClock, formatDecimal } from '../../../lib/format';
import { buildHistoryView, CHART_MAX_POINTS } from '../model/history-view';
import { robustScale } from '../model/chart-scale';
import { firstPointsInSeconds } from '../model/history-time';
import { peerLabel, peerRowKey } from '../../../bgp/peer-identity';
import { csvFileName, samplesToCsv } from '../model/samples-csv';
import { StateTimelineStrip, TimelineLegend, TimelinePatterns } from './state-timeline-strip';
import { useGatewayHistory } from '../store/use-gateway-history';

export const TIME_RANGES = [
  { id: '15m', label: '15 min', ms: 15 * 60_000 },
  { id: '1h', label: '1 h', ms: 3_600_000 },
  { id: '6h', label: '6 h', ms: 6 * 3_600_000 },
  { id: '24h', label: '24 h', ms: 24 * 3_600_000 },
] as const;
export type RangeId = (typeof TIME_RANGES)[number]['id'];

/** A `range=` URL value, or null when it names no range. */
export function rangeIdFromParam(value: string | null): RangeId | null {
  return TIME_RANGES.find((r) => r.id === value)?.id ?? null;
}

/** Charts move on in steps, not every second: a day of samples is not re-derived each tick. */
const REDRAW_EVERY_MS = 10_000;

interface GatewayHistoryProps {
  gatewayId: string;
  gatewayName: string;
  intervalMs: number;
  retentionMs: number;
  activeActive: boolean;
  /** With both, the range is the caller's (e.g. the page's URL); otherwise the section keeps its own, 1 h first. */
  range?: RangeId | null;
  onRangeChange?: (range: RangeId) => void;
  /** The peer row (`peerRowKey`) to show first instead of the gateway totals, e.g. on a peer's page. */
  initialSelection?: string;
}

/** Charts, state timelines, events and CSV export for one gateway, from local polls and Azure Monitor. */
export function GatewayHistory({ gatewayId, gatewayName, intervalMs, retentionMs, activeActive, range, onRangeChange, initialSelection }: GatewayHistoryProps) {
  const store = useHistoryStore();
  const [ownRangeId, setOwnRangeId] = useState<RangeId>('1h');
  const rangeId = onRangeChange ? (range ?? '1h') : ownRangeId;
  const setRangeId = onRangeChange ?? setOwnRangeId;
  const [selection, setSelection] = useState<string>(initialSelection ?? 'gateway');
  const [zoom, setZoom] = useState<{ fromMs: number; toMs: number } | null>(null);
  const [fullScale, setFullScale] = useState(false);
  const windowMs = Math.min(retentionMs, 24 * 3_600_000);
  const history = useGatewayHistory(store, gatewayId, windowMs);
  const backfill = usePeerMetrics(gatewayId);
  const livePeers = useGatewayPeers(gatewayId, intervalMs).data;

  const now = useNow();
  const toMs = Math.max(Math.floor(now / REDRAW_EVERY_MS) * REDRAW_EVERY_MS, history.updatedAt);
  const rangeMs = TIME_RANGES.find((r) => r.id === rangeId)?.ms ?? 3_600_000;
  const fromMs = zoom?.fromMs ?? toMs - rangeMs;
  const shownToMs = zoom?.toMs ?? toMs;

  const knownPeerKeys = useMemo(() => {
    const keys = new Set(history.samples.map((s) => s.peerKey));
    for (const peer of livePeers ?? []) keys.add(peerRowKey(peer.localAddress, peer.neighbor));
    return [...keys].sort();
  }, [history.samples, livePeers]);
  const matchedBackfill = useMemo(
    () => (backfill.data ? backfillByPeerKey(backfill.data, knownPeerKeys) : null),
    [backfill.data, knownPeerKeys],
  );
  const labels = useMemo(() => instanceLabels(livePeers ?? [], activeActive), [livePeers, activeActive]);

  const view = useMemo(
    () =>
      buildHistoryView({
        samples: history.samples,
        polls: history.polls,
        backfill: matchedBackfill,
        fromMs,
        toMs: shownToMs,
        selection,
        maxPoints: CHART_MAX_POINTS,
        pollIntervalMs: intervalMs,
      }),
    [history.samples, history.polls, matchedBackfill, fromMs, shownToMs, selection, intervalMs],
  );
  const eventsInRange = history.events.filter((e) => e.time >= fromMs && e.time <= shownToMs);
  const rateScale = useMemo(
    () => robustScale(view.rateRows.flatMap((r) => [r.sentPerMinute, r.receivedPerMinute]), { full: fullScale }),
    [view.rateRows, fullScale],
  );
  const routesScale = useMemo(
    () => robustScale(view.routeRows.flatMap((r) => [r.routesReceived, r.monitorRoutes]), { full: true, integers: true }),
    [view.routeRows],
  );
  const selectedSampleTimes = useMemo(
    () => history.samples.filter((s) => selection === 'gateway' || s.peerKey === selection).map((s) => s.time),
    [history.samples, selection],
  );
  const firstPointsIn = firstPointsInSeconds(selectedSampleTimes, now, intervalMs);
  const syncId = `history-${gatewayId}`;
  const chartProps = { resetTimes: view.resetTimes, fromMs, toMs: shownToMs, syncId, onZoom: setZoom };

  const exportCsv = () => {
    const rows = history.samples.filter((s) => s.time >= fromMs && s.time <= shownToMs && (selection === 'gateway' || s.peerKey === selection));
    const blob = new Blob([samplesToCsv(rows)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = csvFileName(gatewayName, fromMs, shownToMs, selection === 'gateway' ? undefined : peerLabel(selection));
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const chartTitle = selection === 'gateway' ? 'all peers of the gateway' : peerLabel(selection);

  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-4" data-testid="gateway-history">
      <TimelinePatterns />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="history-heading" className="text-xl font-bold text-white">
          History
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          <div role="group" aria-label="Time range" className="flex overflow-hidden rounded border border-slate-500">
            {TIME_RANGES.map((range) => (
              <button
                key={range.id}
                type="button"
                aria-pressed={range.id === rangeId && !zoom}
                onClick={() => {
                  setRangeId(range.id);
                  setZoom(null);
                }}
                className={`px-3 py-1 ${range.id === rangeId && !zoom ? 'bg-sky-300 font-bold text-slate-950' : 'text-slate-200 hover:bg-slate-800'}`}
              >
                {range.label}
              </button>
            ))}
          </div>
          <label className="flex items-center gap-2 text-slate-200">
            Show
            <select
              value={selection}
              onChange={(e) => setSelection(e.target.value)}
              className="rounded border border-slate-500 bg-slate-900 px-2 py-1 text-slate-100"
            >
              <option value="gateway">All peers (gateway totals)</option>
              {knownPeerKeys.map((key) => (
                <option key={key} value={key}>
                  {peerLabel(key)}
                </option>
              ))}
            </select>
          </label>
          {zoom && (
            <button
              type="button"
              data-testid="zoom-reset"
              onClick={() => setZoom(null)}
              className="rounded border border-sky-300 px-3 py-1 font-semibold text-sky-200 hover:bg-slate-800"
            >
              Reset zoom ({formatDayClock(zoom.fromMs)} – {formatDayClock(zoom.toMs)})
            </button>
          )}
          <label className="flex items-center gap-2 text-slate-200">
            <input type="checkbox" checked={fullScale} onChange={(e) => setFullScale(e.target.checked)} />
            Full rate scale
          </label>
          <button type="button" onClick={exportCsv} className="rounded border border-slate-400 px-3 py-1 text-slate-100 hover:bg-slate-800">
            Download CSV
          </button>
        </div>
      </div>

      <HistoryStatusNote store={store} />
      <BackfillNote
        loading={backfill.isPending}
        error={backfill.error}
        monitorPoints={view.monitorPointCount}
        firstLocalTime={view.firstLocalTime}
      />
      {!store || history.loading ? (
        <p role="status" className="text-slate-300">
          Reading the stored history…
        </p>
      ) : (
        firstPointsIn !== null ? (
          <p role="status" data-testid="collecting-data" className="text-slate-200">
            Collecting data — first points in about {firstPointsIn} s (a rate needs two polls, one every {Math.round(intervalMs / 1000)} s).
          </p>
        ) : (
          view.localPointCount === 0 &&
          view.monitorPointCount === 0 && <p className="text-slate-300">No samples in this range: zoom out or pick a longer range.</p>
        )
      )}

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <figure
          data-testid="rate-chart"
          data-local-points={view.localPointCount}
          data-reset-count={view.resetTimes.length}
          data-max-rate={view.maxRate ?? ''}
          data-scale-top={rateScale.top}
          data-cut-count={rateScale.cutCount}
          className="rounded-lg border border-slate-700 bg-slate-900 p-3"
        >
          <figcaption className="mb-1 font-semibold text-slate-100">Messages per minute — {chartTitle}</figcaption>
          <MessageRateChart {...chartProps} rows={view.rateRows} scale={rateScale} />
          {rateScale.capped && (
            <p data-testid="rate-cut-note" className="mt-1 text-sm text-yellow-200">
              ▲ {rateScale.cutCount} {rateScale.cutCount === 1 ? 'value' : 'values'} above {formatDecimal(rateScale.top)} /min cut at the top
              (highest {formatDecimal(rateScale.max ?? 0)} /min); tick “Full rate scale” to see them whole.
            </p>
          )}
        </figure>
        <figure
          data-testid="routes-chart"
          data-local-points={view.localPointCount}
          data-monitor-points={view.monitorPointCount}
          data-first-local-time={view.firstLocalTime ?? ''}
          data-first-monitor-time={view.routeRows.find((r) => r.monitorRoutes !== null)?.time ?? ''}
          data-reset-count={view.resetTimes.length}
          className="rounded-lg border border-slate-700 bg-slate-900 p-3"
        >
          <figcaption className="mb-1 font-semibold text-slate-100">Routes received — {chartTitle}</figcaption>
          <RoutesChart {...chartProps} rows={view.routeRows} scale={routesScale} />
        </figure>
      </div>
      {view.peerRoutes.length > 1 && (
        <section aria-labelledby="peer-routes-heading" className="flex flex-col gap-2">
          <h3 id="peer-routes-heading" className="text-lg font-semibold text-white">
            Routes received per peer
          </h3>
          <ul className="grid grid-cols-1 gap-3 md:grid-cols-2 2xl:grid-cols-3">
            {view.peerRoutes.map((series) => {
              const instance = labels.get(series.peerKey.split('|')[0] ?? '');
              return (
                <li key={series.peerKey} data-testid="peer-routes-chart" data-peer-key={series.peerKey} className="rounded-lg border border-slate-700 bg-slate-900 p-2">
                  <p className="font-semibold text-slate-100">
                    {peerLabel(series.peerKey)}
                    {instance ? ` (${instance})` : ''}
                  </p>
                  <RoutesChart
                    {...chartProps}
                    resetTimes={[]}
                    rows={series.rows}
                    scale={robustScale(series.rows.map((r) => r.routesReceived), { full: true, integers: true })}
                    height={140}
                    legend={false}
                  />
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <p className="text-sm text-slate-400">
        Dashed red lines: session resets (a counter went down or the session restarted between polls). Breaks in a line:
        polls that failed, time the page was closed, or a peer not Connected (a rate is drawn only between two polls of one
        Connected session). Drag across a chart to zoom; one crosshair follows the pointer on every chart.
      </p>

      <section aria-labelledby="timeline-heading" className="flex flex-col gap-2">
        <h3 id="timeline-heading" className="text-lg font-semibold text-white">
          State timeline
        </h3>
        <TimelineLegend />
        <ul className="flex flex-col gap-2">
          {view.timelines.map((timeline) => (
            <StateTimelineStrip
              key={timeline.peerKey}
              timeline={timeline}
              fromMs={fromMs}
              toMs={shownToMs}
              instanceLabel={labels.get(timeline.peerKey.split('|')[0] ?? '')}
            />
          ))}
        </ul>
        <p className="flex justify-between font-mono text-xs text-slate-400">
          <span>{formatDayClock(fromMs)}</span>
          <span>{formatDayClock(shownToMs)}</span>
        </p>
      </section>

      <section aria-labelledby="events-heading" className="flex flex-col gap-2">
        <h3 id="events-heading" className="text-lg font-semibold text-white">
          Events
        </h3>
        <EventsList events={eventsInRange} emptyText="Nothing has changed in this range." />
      </section>
    </section>
  );
}

function BackfillNote({ loading, error, monitorPoints, firstLocalTime }: { loading: boolean; error: unknown; monitorPoints: number; firstLocalTime: number | null }) {
  if (loading) return <p className="text-sm text-slate-400">Asking Azure Monitor for the last 24 hours…</p>;
  if (error) {
    const { code, message } = summarizeError(error);
    return (
      <p role="status" data-testid="backfill-note" className="text-sm text-amber-200">
        {isMetricsForbidden(error)
          ? `Azure Monitor history is hidden: this account may not read metrics (${code}). Only what this page collected is shown; a Monitoring Reader role would show the time before it.`
          : `Azure Monitor history is unavailable (${code}: ${message}). Only what this page collected is shown.`}
      </p>
    );
  }
  if (monitorPoints === 0) return null;
  return (
    <p data-testid="backfill-note" className="text-sm text-slate-300">
      <span className="font-semibold text-amber-300">Dashed amber and horizontally hatched:</span> Azure Monitor, 5-minute average
      {firstLocalTime !== null ? `, before the first local sample (${formatDayClock(firstLocalTime)})` : ''}.
    </p>
  );
}
