import { API_VERSIONS } from './arm-urls';
import { isObject } from './json';
import { gatewayPath, parseGatewayId } from './resource-id';
import type { ArmTransport } from './transport';

/** The grain asked of Azure Monitor (PT5M), the finest the BGP metrics offer. */
export const PEER_METRICS_GRAIN_MS = 5 * 60_000;

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
export function parsePeerMetrics(body: unknown): MonitorPeerSeries[] {
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

/** Both BGP metrics at a 5-minute grain over [from, to], split by peer address and instance. */
export function peerMetricsPath(gatewayId: string, from: number, to: number): string {
  const params = new URLSearchParams({
    metricnames: 'BgpPeerStatus,BgpRoutesLearned',
    timespan: `${new Date(from).toISOString()}/${new Date(to).toISOString()}`,
    interval: 'PT5M',
    aggregation: 'average,total',
    $filter: "BgpPeerAddress eq '*' and Instance eq '*'",
  });
  return `${gatewayPath(parseGatewayId(gatewayId))}/providers/microsoft.insights/metrics?${params.toString()}`;
}

/**
 * A gateway's BGP history as Azure Monitor keeps it, one series per peer row. A read, not a
 * write: cheap on ARM's budget. Needs monitoring read (Monitoring Reader), else 403.
 */
export async function getPeerMetrics(
  transport: ArmTransport,
  gatewayId: string,
  options: { from: number; to: number; signal?: AbortSignal },
): Promise<MonitorPeerSeries[]> {
  const url = transport.urls.request(peerMetricsPath(gatewayId, options.from, options.to), API_VERSIONS.metrics);
  const { body } = await transport.send({ method: 'GET', url, signal: options.signal });
  return parsePeerMetrics(body);
}
