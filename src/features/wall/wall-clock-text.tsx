import { useNow } from '../../components/use-now';
import { STALE_AFTER_INTERVALS } from '../../bgp/peer-freshness';
import { dataAgeSeconds } from './data-age';
import { formatClock, formatDuration, formatDurationShort, formatTimeZone } from '../../lib/format';
import { PALETTES, type WallTheme } from './wall-theme';

/*
 * The only parts of the wall that re-render every second: the time, and every "N s ago". Tiles,
 * bands and the layout pass them a timestamp and never read the clock themselves, so a wall of
 * hundreds of tiles redraws a few words per tick.
 */

export function WallClock({ className }: { className: string }) {
  const nowMs = useNow();
  return (
    <p data-testid="wall-clock" className={className}>
      {formatClock(nowMs)} <span className="text-[0.75em] font-semibold">{formatTimeZone(nowMs)}</span>
    </p>
  );
}

/** The summary band's "oldest data N old", loud once it is older than the stale limit. */
export function OldestData({ oldestUpdatedAt, intervalMs, theme }: { oldestUpdatedAt: number | null; intervalMs: number; theme: WallTheme }) {
  const nowMs = useNow();
  const palette = PALETTES[theme];
  const oldest = oldestUpdatedAt === null ? null : dataAgeSeconds(oldestUpdatedAt, nowMs);
  const oldestIsStale = oldest !== null && oldest * 1000 > STALE_AFTER_INTERVALS * intervalMs;
  return (
    <p data-testid="wall-oldest" className={`shrink-0 ${oldestIsStale ? `rounded-[0.2rem] px-[0.4rem] font-bold ${palette.stale}` : palette.muted}`}>
      oldest data {oldest === null ? '—' : `${formatDuration(oldest)} old`}
    </p>
  );
}

/** " (oldest data from 14:02:37)" in the frozen banner; nothing before any data. */
export function FrozenSince({ oldestUpdatedAt }: { oldestUpdatedAt: number | null }) {
  const nowMs = useNow();
  const oldest = oldestUpdatedAt === null ? null : dataAgeSeconds(oldestUpdatedAt, nowMs);
  return oldest === null ? null : ` (oldest data from ${formatClock(nowMs - oldest * 1000)})`;
}

/** A tile's "updated N s ago". */
export function UpdatedAgo({ dataUpdatedAt }: { dataUpdatedAt: number }) {
  const age = dataAgeSeconds(dataUpdatedAt, useNow());
  return <p data-testid="wall-updated">{age === null ? 'no answer yet' : `updated ${formatDuration(age)} ago`}</p>;
}

/** How long a peer has been down: ARM gives no duration for it, so it is how long ago this screen saw it go. */
export function DownFor({ sinceMs }: { sinceMs: number }) {
  const nowMs = useNow();
  const duration = formatDurationShort(Math.max(0, (nowMs - sinceMs) / 1000));
  return duration && <span className="shrink-0 tabular-nums">for {duration}</span>;
}

/** How long ago an alert was raised. */
export function AlertAge({ sinceMs }: { sinceMs: number }) {
  const nowMs = useNow();
  return <span className="tabular-nums">{formatDuration(Math.max(0, (nowMs - sinceMs) / 1000))} ago</span>;
}
