import { STALE_AFTER_INTERVALS } from '../../bgp/peer-freshness';

/** Whole seconds since data was fetched, counted as peerFreshness counts them; null before any. */
export function dataAgeSeconds(dataUpdatedAt: number, nowMs: number): number | null {
  return dataUpdatedAt > 0 ? Math.max(0, Math.floor((nowMs - dataUpdatedAt) / 1000)) : null;
}

/** The first moment at which peerFreshness calls data fetched at `dataUpdatedAt` too old. */
export function staleFromMs(dataUpdatedAt: number, intervalMs: number): number {
  // Stale once the whole-second age times 1000 exceeds the limit.
  return dataUpdatedAt + (Math.floor((STALE_AFTER_INTERVALS * intervalMs) / 1000) + 1) * 1000;
}

/**
 * The latest moment, up to `nowMs`, at which some gateway's data turned too old (0 if none has).
 * Statuses worked out at this time are the same as at `nowMs` — time only counts through that
 * threshold — and it moves only when another gateway crosses it, so the wall's layout and tiles
 * follow staleness without re-rendering every second.
 */
export function staleCheckTime(dataUpdatedAts: readonly number[], intervalMs: number, nowMs: number): number {
  let latest = 0;
  for (const dataUpdatedAt of dataUpdatedAts) {
    if (dataUpdatedAt <= 0) continue;
    const staleFrom = staleFromMs(dataUpdatedAt, intervalMs);
    if (staleFrom <= nowMs && staleFrom > latest) latest = staleFrom;
  }
  return latest;
}
