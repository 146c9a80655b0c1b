import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { bgpKeys } from '../../queries/query-keys';

const WAKE_CHECK_MS = 5_000;
/** A check that fires this much later than planned means the machine slept (or the tab was frozen). */
export const WAKE_GAP_MS = 30_000;

export function sleptBetween(lastCheckMs: number, nowMs: number, checkEveryMs = WAKE_CHECK_MS): boolean {
  return nowMs - lastCheckMs > checkEveryMs + WAKE_GAP_MS;
}

/**
 * What React Query does not do for an unfocused wall screen, and this adds:
 * - tab visible again: background tabs have their timers throttled to once a minute or less,
 *   so polls due meanwhile run at once (refetchOnWindowFocus is off for the ARM write budget);
 * - wake from sleep: the interval timers fire late, and a poll started before the sleep may sit
 *   on a dead connection or time out on the jumped clock, so every poll restarts.
 * Network recovery needs nothing here: React Query pauses fetches while offline and resumes them
 * (and refetches stale queries, refetchOnReconnect) on the browser's `online` event.
 */
export function useResumePolling(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const refetchStale = (cancelRefetch: boolean) =>
      void queryClient.refetchQueries({ queryKey: bgpKeys.all, type: 'active', stale: true }, { cancelRefetch });

    const onVisibility = () => {
      if (document.visibilityState === 'visible') refetchStale(false);
    };
    let lastCheck = Date.now();
    const wakeTimer = setInterval(() => {
      const now = Date.now();
      if (sleptBetween(lastCheck, now)) refetchStale(true);
      lastCheck = now;
    }, WAKE_CHECK_MS);

    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      clearInterval(wakeTimer);
    };
  }, [queryClient]);
}

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** The browser's idea of the network; false means nothing will refresh until it comes back. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}
