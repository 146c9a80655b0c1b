import { formatDuration } from '../../lib/format';
import { useNow } from '../../components/use-now';
import type { ErrorSummary } from '../../bgp/error-summary';
import { peerFreshness } from '../../bgp/peer-freshness';

interface RefreshStatusProps {
  dataUpdatedAt: number;
  /** The failure of the most recent refresh, or null when it succeeded. */
  failure: ErrorSummary | null;
  isFetching: boolean;
  intervalMs: number;
}

function useFreshness({ dataUpdatedAt, failure, intervalMs }: Pick<RefreshStatusProps, 'dataUpdatedAt' | 'failure' | 'intervalMs'>) {
  const nowMs = useNow();
  return peerFreshness({ dataUpdatedAt, lastRefreshFailed: failure !== null, nowMs, intervalMs });
}

/**
 * "updated N s ago", ticking, on one line that never wraps: it belongs in the panel's header, and
 * the STALE box (below) gets a row of its own instead of pushing the age out of the header.
 */
export function RefreshStatus({ dataUpdatedAt, failure, isFetching, intervalMs }: RefreshStatusProps) {
  const { ageSeconds, stale } = useFreshness({ dataUpdatedAt, failure, intervalMs });
  if (ageSeconds === null) return null;
  return (
    <p data-testid="panel-age" className={`shrink-0 whitespace-nowrap ${stale ? 'font-semibold text-amber-200' : 'text-slate-400'}`}>
      updated{' '}
      <time dateTime={new Date(dataUpdatedAt).toISOString()} title={new Date(dataUpdatedAt).toLocaleString()}>
        {formatDuration(ageSeconds)} ago
      </time>
      {isFetching && <span className="ml-2 font-normal text-slate-400">refreshing…</span>}
    </p>
  );
}

/** The loud STALE marker saying why the peers may be out of date, across the panel under its header. */
export function StaleMarker({ dataUpdatedAt, failure, isFetching, intervalMs }: RefreshStatusProps) {
  const { ageSeconds, stale, reason } = useFreshness({ dataUpdatedAt, failure, intervalMs });
  if (ageSeconds === null || !stale) return null;
  return (
    <p data-testid="stale-marker" className="rounded border-2 border-amber-300 bg-amber-400 px-2 py-0.5 font-bold break-words text-slate-950">
      STALE{' '}
      <span className="font-normal">
        {reason === 'refresh-failed' && failure
          ? `— last refresh failed: ${failure.headline}. ${failure.code}: ${failure.message}`
          : `— no successful refresh for ${formatDuration(ageSeconds)}${isFetching ? ' (one is still running)' : ''}`}
        {' '}The peers below are the last ones read, dimmed.
      </span>
    </p>
  );
}

/** Whether the panel's peers are stale now: ticks with the clock, like the marker. */
export function useStalePeers(dataUpdatedAt: number, failure: ErrorSummary | null, intervalMs: number): boolean {
  const { ageSeconds, stale } = useFreshness({ dataUpdatedAt, failure, intervalMs });
  return ageSeconds !== null && stale;
}
