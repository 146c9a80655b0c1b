import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ArmClient } from '../azure/arm-client';
import { useArmClient } from './arm-client-context';
import { bgpKeys } from './query-keys';

export const METRICS_SPAN_MS = 24 * 3_600_000;
/** Azure Monitor keeps the last buckets open for a few minutes; refreshing now and then picks them up. */
const METRICS_REFRESH_MS = 15 * 60_000;

/**
 * The last 24 h of Azure Monitor's BGP metrics for a gateway, fetched when its page opens, to
 * fill the time before local history starts. A read, not a write: cheap on ARM's budget.
 */
export function peerMetricsQueryOptions(client: ArmClient, gatewayId: string) {
  return queryOptions({
    queryKey: bgpKeys.metrics(gatewayId),
    queryFn: ({ signal }) => {
      const now = Date.now();
      return client.getPeerMetrics(gatewayId, { from: now - METRICS_SPAN_MS, to: now, signal });
    },
    staleTime: METRICS_REFRESH_MS,
    refetchInterval: METRICS_REFRESH_MS,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** A gateway's BGP metrics for the last day; cached per gateway and refreshed every 15 minutes. */
export function usePeerMetrics(gatewayId: string) {
  const client = useArmClient();
  return useQuery(peerMetricsQueryOptions(client, gatewayId));
}
