import { isArmError } from '../../../azure/arm-error';
import { PEER_METRICS_GRAIN_MS, type MonitorPeerSeries } from '../../../azure/metrics';
import { compareIpAddresses } from '../../../bgp/ip-address';
import { splitPeerRowKey } from '../../../bgp/peer-identity';

export const BACKFILL_INTERVAL_MS = PEER_METRICS_GRAIN_MS;

export type { MonitorPeerSeries, MonitorPoint } from '../../../azure/metrics';

/**
 * Which peer row each Azure Monitor series belongs to. Instances are numbered by local address
 * order within the neighbor's address family, as the peer table labels them ("Instance 0").
 * A series without an instance is matched only when the neighbor has a single row.
 */
export function backfillByPeerKey(series: readonly MonitorPeerSeries[], peerKeys: readonly string[]): Map<string, MonitorPeerSeries> {
  const rowsByNeighbor = new Map<string, string[]>();
  for (const peerKey of peerKeys) {
    const { neighbor } = splitPeerRowKey(peerKey);
    rowsByNeighbor.set(neighbor, [...(rowsByNeighbor.get(neighbor) ?? []), peerKey]);
  }
  for (const rows of rowsByNeighbor.values()) rows.sort((a, b) => compareIpAddresses(splitPeerRowKey(a).localAddress, splitPeerRowKey(b).localAddress));
  const matched = new Map<string, MonitorPeerSeries>();
  for (const entry of series) {
    const rows = rowsByNeighbor.get(entry.neighbor) ?? [];
    const peerKey = entry.instance !== null ? rows[entry.instance] : rows.length === 1 ? rows[0] : undefined;
    if (peerKey) matched.set(peerKey, entry);
  }
  return matched;
}

/** A user without monitoring read (Monitoring Reader) gets 403: the back-fill is simply hidden. */
export function isMetricsForbidden(error: unknown): boolean {
  return isArmError(error) && (error.status === 403 || error.code === 'AuthorizationFailed');
}
