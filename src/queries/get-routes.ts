import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ArmClient } from '../azure/arm-client';
import { useArmClient } from './arm-client-context';
import { bgpKeys } from './query-keys';

/**
 * Route tables are read when asked for, never polled: each read is a long-running POST that ARM
 * counts as a write, and thousands of routes change little in minutes. Kept an hour; the page
 * shows their age and a refresh button.
 */
const ROUTES_STALE_MS = 60 * 60_000;
/** Azure takes up to a few minutes to gather a large table. */
const ROUTES_OPERATION_TIMEOUT_MS = 5 * 60_000;

const routesPolicy = {
  staleTime: ROUTES_STALE_MS,
  gcTime: ROUTES_STALE_MS,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
  // The ARM client already retries transient failures with backoff.
  retry: false,
} as const;

/** Every route the gateway learned, from all its peers (filter by `sourcePeer` on screen). */
export function learnedRoutesQueryOptions(client: ArmClient, gatewayId: string) {
  return queryOptions({
    queryKey: bgpKeys.learnedRoutes(gatewayId),
    queryFn: ({ signal }) => client.getLearnedRoutes(gatewayId, { signal, timeoutMs: ROUTES_OPERATION_TIMEOUT_MS }),
    ...routesPolicy,
  });
}

/** The routes the gateway advertises to one neighbor. */
export function advertisedRoutesQueryOptions(client: ArmClient, gatewayId: string, neighbor: string) {
  return queryOptions({
    queryKey: bgpKeys.advertisedRoutes(gatewayId, neighbor),
    queryFn: ({ signal }) =>
      client.getAdvertisedRoutes(gatewayId, neighbor, { signal, timeoutMs: ROUTES_OPERATION_TIMEOUT_MS }),
    ...routesPolicy,
  });
}

/** The gateway's learned routes, fetched on first use and cached for an hour (one table for every peer page). */
export function useLearnedRoutes(gatewayId: string) {
  const client = useArmClient();
  return useQuery(learnedRoutesQueryOptions(client, gatewayId));
}

/** The routes advertised to one neighbor, fetched on first use and cached for an hour. */
export function useAdvertisedRoutes(gatewayId: string, neighbor: string) {
  const client = useArmClient();
  return useQuery(advertisedRoutesQueryOptions(client, gatewayId, neighbor));
}
