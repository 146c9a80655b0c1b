import { queryOptions, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ArmClient } from '../azure/arm-client';
import { isArmError } from '../azure/arm-error';
import { useArmClient } from './arm-client-context';
import { bgpKeys } from './query-keys';
import { useThisTabPolls } from './shared-polling/poll-role';

/**
 * How long to wait before the next poll. ARM's Retry-After on a 429 is a promise we keep:
 * polling sooner spends the subscription's write budget and prolongs the throttling.
 */
export function nextPollDelayMs(lastError: unknown, intervalMs: number): number {
  if (isArmError(lastError) && lastError.retryAfterMs !== undefined) {
    return Math.max(intervalMs, lastError.retryAfterMs);
  }
  return intervalMs;
}

const MIN_OPERATION_TIMEOUT_MS = 30_000;
const MAX_OPERATION_TIMEOUT_MS = 10 * 60_000;

/**
 * How long one getBgpPeerStatus operation may run before it is abandoned: two polling
 * intervals, at least 30 s (Azure usually answers in 10–60 s), at most 10 minutes. A NOC wants
 * "this gateway's operation is stuck" on screen while it still matters, not after ARM's own
 * 10-minute horizon; meanwhile the panel is already marked stale after 2.5 intervals.
 */
export function peerOperationTimeoutMs(intervalMs: number): number {
  return Math.min(MAX_OPERATION_TIMEOUT_MS, Math.max(MIN_OPERATION_TIMEOUT_MS, 2 * intervalMs));
}

/**
 * A gateway's BGP peers, polled every `intervalMs` even when the page is not focused (wall
 * screens never are). React Query shares one in-flight fetch per key, and interval refetches
 * never cancel it, so at most one getBgpPeerStatus operation runs per gateway.
 */
export function peersQueryOptions(client: ArmClient, gatewayId: string, intervalMs: number) {
  return queryOptions({
    queryKey: bgpKeys.peers(gatewayId),
    queryFn: ({ signal, client: queryClient, queryKey }) => {
      client.scheduler?.pollStarted(gatewayId);
      // A gateway with nothing on screen yet is waited for; later refreshes travel at the least cost.
      const urgent = queryClient.getQueryData(queryKey) === undefined;
      return client.getBgpPeerStatus(gatewayId, { signal, timeoutMs: peerOperationTimeoutMs(intervalMs), urgent });
    },
    // The client's scheduler puts every gateway on one jittered fleet clock (a tick's requests go
    // together), later while the subscription is throttled or low on writes.
    refetchInterval: (query) => {
      const { dataUpdatedAt, errorUpdatedAt, error } = query.state;
      const at = Math.max(dataUpdatedAt, errorUpdatedAt);
      const last = at > 0 ? { at, error: errorUpdatedAt > dataUpdatedAt ? error : undefined } : {};
      return client.scheduler?.pollDelayMs(gatewayId, intervalMs, last) ?? nextPollDelayMs(error, intervalMs);
    },
    refetchIntervalInBackground: true,
    // getBgpPeerStatus counts as a write against ARM's budget: poll on the interval only, not
    // on every focus change. Fresh for one interval so a remounted panel does not poll early.
    refetchOnWindowFocus: false,
    staleTime: intervalMs,
    // The ARM client already retries transient failures with backoff.
    retry: false,
  });
}

/**
 * Polls one gateway's BGP peers. Panels of the same gateway share one cache entry and one
 * in-flight operation; after a failed refresh `data` still holds the last good peers. In a tab
 * that does not lead the browser's polling, it shows what the leading tab polled.
 */
export function useGatewayPeers(gatewayId: string, intervalMs: number) {
  const client = useArmClient();
  const polls = useThisTabPolls();
  return useQuery({ ...peersQueryOptions(client, gatewayId, intervalMs), enabled: polls });
}

/**
 * The peers of several gateways, in the order given. With `poll: false` it only reads what other
 * components already poll (a summary must not start operations of its own).
 */
export function useGatewaysPeers(gatewayIds: readonly string[], intervalMs: number, { poll = true } = {}) {
  const client = useArmClient();
  const thisTabPolls = useThisTabPolls();
  return useQueries({
    queries: gatewayIds.map((id) => ({ ...peersQueryOptions(client, id, intervalMs), enabled: poll && thisTabPolls })),
  });
}

/**
 * Starts the first poll of each given gateway the cache has never seen, in the tab that polls
 * (a follower shows the leader's). Stable while its inputs are: fit for a cache subscription.
 * Called during a render too (TanStack Query's prefetch-in-render, as `usePrefetchQuery` does),
 * its operations are on the wire while the page that shows them is being drawn.
 */
export function usePeersPrefetch(intervalMs: number): (gateways: readonly { id: string }[]) => void {
  const client = useArmClient();
  const queryClient = useQueryClient();
  const thisTabPolls = useThisTabPolls();
  return useCallback(
    (gateways) => {
      if (!thisTabPolls) return;
      // A lookup per gateway; a prefetch only for a gateway the cache has never seen.
      for (const { id } of gateways) {
        const options = peersQueryOptions(client, id, intervalMs);
        if (queryClient.getQueryState(options.queryKey) === undefined) void queryClient.prefetchQuery(options);
      }
    },
    [client, queryClient, thisTabPolls, intervalMs],
  );
}

/**
 * One neighbor's rows (one per gateway instance) through getBgpPeerStatus's `peer` parameter, for
 * the peer page. Its own cache entry, never mixed into the whole-gateway poll that history records.
 * It runs in the tab that shows it, whichever tab leads: other tabs do not share one-peer polls.
 */
export function peerQueryOptions(client: ArmClient, gatewayId: string, neighbor: string, intervalMs: number) {
  return queryOptions({
    queryKey: bgpKeys.peer(gatewayId, neighbor),
    queryFn: ({ signal }) =>
      client.getBgpPeerStatus(gatewayId, { peer: neighbor, signal, timeoutMs: peerOperationTimeoutMs(intervalMs) }),
    refetchInterval: (query) => {
      const { errorUpdatedAt, dataUpdatedAt, error } = query.state;
      return nextPollDelayMs(errorUpdatedAt > dataUpdatedAt ? error : undefined, intervalMs);
    },
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: false,
    staleTime: intervalMs,
    retry: false,
  });
}

/** Polls one neighbor of a gateway every `intervalMs`; after a failed refresh `data` keeps the last rows. */
export function usePeerStatus(gatewayId: string, neighbor: string, intervalMs: number) {
  const client = useArmClient();
  return useQuery(peerQueryOptions(client, gatewayId, neighbor, intervalMs));
}
