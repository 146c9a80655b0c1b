import { queryOptions } from '@tanstack/react-query';
import type { ArmClient } from '../../../azure/arm-client';
import { isArmError } from '../../../azure/arm-error';
import { compareIpAddresses } from '../../../bgp/ip-address';
import { splitPeerRowKey } from '../../../bgp/peer-identity';

export const METRICS_API_VERSION = '2023-10-01';
export const BACKFILL_INTERVAL_MS = 5 * 60_000;
export const BACKFILL_SPAN_MS = 24 * 3_600_000;
/** Azure Monitor keeps the last buckets open for a few minutes; refreshing now and then picks them up. */
const BACKFILL_REFRESH_MS = 15 * 60_000;

export interface MonitorPoint {
  time: number;
  value: number | null;
}

/** One peer row's Azure Monitor history: BgpPeerStatus (average, 1 = up) and BgpRoutesLearned. */
export interface MonitorPeerSeries {
  neighbor: string;
  /** From the Instance dimension ("IN_0", "GatewayTenantWorker_IN_1"); null when not split. */
  instance: number | null;
  status: MonitorPoint[];
  routes: MonitorPoint[];
}

export const historyKeys = {
  all: ['history'] as const,
  backfill: (gatewayId: string) => [...historyKeys.all, gatewayId, 'azure-monitor'] as const,
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readPoints(data: unknown, field: 'average' | 'total'): MonitorPoint[] {
  if (!Array.isArray(data)) return [];
  const points: MonitorPoint[] = [];
  for (const entry of data) {
    if (!isObject(entry) || typeof entry.timeStamp !== 'string') continue;
    const time = Date.parse(entry.timeStamp);
    if (Number.isNaN(time)) continue;
    const value = entry[field];
    // Azure Monitor leaves the aggregation out for buckets with no data: a gap, not a zero.
    points.push({ time, value: typeof value === 'number' && Number.isFinite(value) ? value : null });
  }
  return points.sort((a, b) => a.time - b.time);
}

/**
 * Reads a metrics answer (`{value: [{name, timeseries: [{metadatavalues, data}]}]}`) into one
 * series per (peer address, instance). Entries it cannot read are left out, never fatal.
 */
export function parseMetricsBackfill(body: unknown): MonitorPeerSeries[] {
  const bySeries = new Map<string, MonitorPeerSeries>();
  const metrics = isObject(body) && Array.isArray(body.value) ? body.value : [];
  for (const metric of metrics) {
    if (!isObject(metric) || !isObject(metric.name) || typeof metric.name.value !== 'string') continue;
    const name = metric.name.value.toLowerCase();
    if (name !== 'bgppeerstatus' && name !== 'bgprouteslearned') continue;
    for (const series of Array.isArray(metric.timeseries) ? metric.timeseries : []) {
      if (!isObject(series)) continue;
      const dimensions = new Map<string, string>();
      for (const m of Array.isArray(series.metadatavalues) ? series.metadatavalues : []) {
        if (isObject(m) && isObject(m.name) && typeof m.name.value === 'string' && typeof m.value === 'string') {
          dimensions.set(m.name.value.toLowerCase(), m.value);
        }
      }
      const neighbor = dimensions.get('bgppeeraddress');
      if (!neighbor) continue;
      const instanceMatch = /IN_(\d+)$/i.exec(dimensions.get('instance') ?? '');
      const instance = instanceMatch ? Number(instanceMatch[1]) : null;
      const key = `${neighbor}|${instance ?? ''}`;
      const entry = bySeries.get(key) ?? { neighbor, instance, status: [], routes: [] };
      if (name === 'bgppeerstatus') entry.status = readPoints(series.data, 'average');
      else entry.routes = readPoints(series.data, 'total');
      bySeries.set(key, entry);
    }
  }
  return [...bySeries.values()];
}

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

export function metricsBackfillPath(gatewayId: string, nowMs: number): string {
  const params = new URLSearchParams({
    metricnames: 'BgpPeerStatus,BgpRoutesLearned',
    timespan: `${new Date(nowMs - BACKFILL_SPAN_MS).toISOString()}/${new Date(nowMs).toISOString()}`,
    interval: 'PT5M',
    aggregation: 'average,total',
    $filter: "BgpPeerAddress eq '*' and Instance eq '*'",
  });
  return `${gatewayId}/providers/microsoft.insights/metrics?${params.toString()}`;
}

/**
 * The last 24 h of Azure Monitor's BGP metrics for a gateway, fetched when its page opens, to
 * fill the time before local history starts. A read, not a write: cheap on ARM's budget.
 */
export function metricsBackfillQueryOptions(client: ArmClient, gatewayId: string) {
  return queryOptions({
    queryKey: historyKeys.backfill(gatewayId),
    queryFn: async ({ signal }) => parseMetricsBackfill(await client.get(metricsBackfillPath(gatewayId, Date.now()), { signal, apiVersion: METRICS_API_VERSION })),
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
