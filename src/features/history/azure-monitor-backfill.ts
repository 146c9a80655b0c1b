import { queryOptions } from '@tanstack/react-query';
import type { ArmClient } from '../../azure/arm-client';
import { isArmError } from '../../azure/arm-error';
import { PEER_METRICS_GRAIN_MS, type MonitorPeerSeries } from '../../azure/metrics';
import { compareIpAddresses } from '../peers/ip-address';
import { splitPeerKey } from './peer-sample';

export const BACKFILL_INTERVAL_MS = PEER_METRICS_GRAIN_MS;
export const BACKFILL_SPAN_MS = 24 * 3_600_000;
/** Azure Monitor keeps the last buckets open for a few minutes; refreshing now and then picks them up. */
const BACKFILL_REFRESH_MS = 15 * 60_000;

export type { MonitorPeerSeries, MonitorPoint } from '../../azure/metrics';

export const historyKeys = {
  all: ['history'] as const,
  backfill: (gatewayId: string) => [...historyKeys.all, gatewayId, 'azure-monitor'] as const,
};

/**
 * Which peer row each Azure Monitor series belongs to. Instances are numbered by local address
 * order within the neighbor's address family, as the peer table labels them ("Instance 0").
 * A series without an instance is matched only when the neighbor has a single row.
 */
export function backfillByPeerKey(series: readonly MonitorPeerSeries[], peerKeys: readonly string[]): Map<string, MonitorPeerSeries> {
  const rowsByNeighbor = new Map<string, string[]>();
  for (const peerKey of peerKeys) {
    const { neighbor } = splitPeerKey(peerKey);
    rowsByNeighbor.set(neighbor, [...(rowsByNeighbor.get(neighbor) ?? []), peerKey]);
  }
  for (const rows of rowsByNeighbor.values()) rows.sort((a, b) => compareIpAddresses(splitPeerKey(a).localAddress, splitPeerKey(b).localAddress));
  const matched = new Map<string, MonitorPeerSeries>();
  for (const entry of series) {
    const rows = rowsByNeighbor.get(entry.neighbor) ?? [];
    const peerKey = entry.instance !== null ? rows[entry.instance] : rows.length === 1 ? rows[0] : undefined;
    if (peerKey) matched.set(peerKey, entry);
  }
  return matched;
}

/**
 * The last 24 h of Azure Monitor's BGP metrics for a gateway, fetched when its page opens, to
 * fill the time before local history starts. A read, not a write: cheap on ARM's budget.
 */
export function metricsBackfillQueryOptions(client: ArmClient, gatewayId: string) {
  return queryOptions({
    queryKey: historyKeys.backfill(gatewayId),
    queryFn: ({ signal }) => {
      const now = Date.now();
      return client.getPeerMetrics(gatewayId, { from: now - BACKFILL_SPAN_MS, to: now, signal });
    },
    staleTime: BACKFILL_REFRESH_MS,
    refetchInterval: BACKFILL_REFRESH_MS,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** A user without monitoring read (Monitoring Reader) gets 403: the back-fill is simply hidden. */
export function isMetricsForbidden(error: unknown): boolean {
  return isArmError(error) && (error.status === 403 || error.code === 'AuthorizationFailed');
}
