/** Data older than this many polling intervals is stale even when no refresh has failed. */
export const STALE_AFTER_INTERVALS = 2.5;

export type StaleReason = 'refresh-failed' | 'too-old';

export interface Freshness {
  /** Whole seconds since the last successful refresh; null before the first one. */
  ageSeconds: number | null;
  stale: boolean;
  reason: StaleReason | null;
}

export interface FreshnessInput {
  /** When the last successful refresh finished (ms since epoch); 0 or less when there was none. */
  dataUpdatedAt: number;
  /** True when the most recent refresh failed (React Query keeps `error` until a success). */
  lastRefreshFailed: boolean;
  nowMs: number;
  intervalMs: number;
}

/**
 * Whether the peers on screen can be trusted as current. A wall screen is left alone for days:
 * a failed refresh, or one that never comes back (sleep, hung network), must both show.
 */
export function peerFreshness({ dataUpdatedAt, lastRefreshFailed, nowMs, intervalMs }: FreshnessInput): Freshness {
  const ageSeconds = dataUpdatedAt > 0 ? Math.max(0, Math.floor((nowMs - dataUpdatedAt) / 1000)) : null;
  if (lastRefreshFailed) return { ageSeconds, stale: true, reason: 'refresh-failed' };
  if (ageSeconds !== null && ageSeconds * 1000 > STALE_AFTER_INTERVALS * intervalMs) {
    return { ageSeconds, stale: true, reason: 'too-old' };
  }
  return { ageSeconds, stale: false, reason: null };
}
