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

/** "updated N s ago", ticking, and a loud STALE marker saying why the peers may be out of date. */
export function RefreshStatus({ dataUpdatedAt, failure, isFetching, intervalMs }: RefreshStatusProps) {
  const nowMs = useNow();
  const { ageSeconds, stale, reason } = peerFreshness({
    dataUpdatedAt,
    lastRefreshFailed: failure !== null,
    nowMs,
    intervalMs,
  });
  if (ageSeconds === null) return null;

  return (
    <div className="flex flex-col items-end gap-1 text-right">
      <p className={stale ? 'text-slate-300' : 'text-slate-400'}>
        updated{' '}
        <time dateTime={new Date(dataUpdatedAt).toISOString()} title={new Date(dataUpdatedAt).toLocaleString()}>
          {formatDuration(ageSeconds)} ago
        </time>
        {isFetching && <span className="ml-2 text-slate-400">refreshing…</span>}
      </p>
      {stale && (
        <p
          data-testid="stale-marker"
          className="max-w-4xl rounded border-2 border-amber-300 bg-amber-400 px-2 py-0.5 text-left font-bold text-slate-950"
        >
          STALE{' '}
          <span className="font-normal">
            {reason === 'refresh-failed' && failure
              ? `— last refresh failed: ${failure.headline}. ${failure.code}: ${failure.message}`
              : `— no successful refresh for ${formatDuration(ageSeconds)}${isFetching ? ' (one is still running)' : ''}`}
          </span>
        </p>
      )}
    </div>
  );
}
