import { sendJson } from '../http-io';
import type { FleetPeer, Gateway } from '../simulation/fleet';
import { peerStateAt, routesReceivedAt, type ForcedState } from '../simulation/peer-life';
import type { ArmHandler } from './arm-request';
import { sendCloudError } from './cloud-error';
import { resolveGateway } from './gateways';

/**
 * Azure Monitor metrics for a gateway, computed from the same pure peer life as the live
 * getBgpPeerStatus answer, so back-filled history and live polls agree by construction.
 * Supports BgpPeerStatus (Average: 1 = connected), BgpRoutesLearned and BgpRoutesAdvertised
 * (Total), split by BgpPeerAddress / Instance when `$filter` names them.
 *
 * Time axis. The app stamps each poll with the browser's (real) clock, and the value it got
 * is the simulation at `clock.at(real)`. With a speed other than 1, simulated and real time
 * drift apart, so a back-fill asked for "the last 24 h" in real time must be answered on the
 * real axis too: given a {@link MetricsClock}, `timespan` and every `timeStamp` are real time
 * and each point is sampled at the simulated instants those real instants map to. Then the
 * back-fill and the local samples line up at any speed (at speed 60, a 5-minute bucket holds
 * 5 simulated hours). Given a bare number (simulated now), the answer is on the simulated axis,
 * which is the same thing at speed 1.
 */
const METRICS: Record<string, { localized: string; unit: string; aggregation: 'average' | 'total' }> = {
  bgppeerstatus: { localized: 'BGP Peer Status', unit: 'Count', aggregation: 'average' },
  bgprouteslearned: { localized: 'BGP Routes Learned', unit: 'Count', aggregation: 'total' },
  bgproutesadvertised: { localized: 'BGP Routes Advertised', unit: 'Count', aggregation: 'total' },
};
const CANONICAL: Record<string, string> = {
  bgppeerstatus: 'BgpPeerStatus',
  bgprouteslearned: 'BgpRoutesLearned',
  bgproutesadvertised: 'BgpRoutesAdvertised',
};
const MAX_POINTS = 2_000;
const SAMPLES_PER_POINT = 5;

/** Maps the caller's real time to simulated time (see above). */
export interface MetricsClock {
  /** Real time now, ms since the epoch. */
  realNowMs: number;
  /** Simulated time at a real instant. */
  simAt(realMs: number): number;
}

/** `GET {gatewayId}/providers/microsoft.insights/metrics`. */
export const answerMetrics: ArmHandler = ({ res, route, url }, { simulation, clock, control, realNow }) => {
  const gateway = resolveGateway(route, res, simulation);
  if (!gateway) return;
  const answer = metricsResponse(gateway, url, { realNowMs: realNow(), simAt: clock.at }, control.forced.lookup);
  if (!answer.ok) return sendCloudError(res, 400, answer.code, answer.message);
  return sendJson(res, 200, answer.body);
};

type MetricsAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; code: string; message: string };

export function metricsResponse(
  gateway: Gateway,
  url: URL,
  time: number | MetricsClock,
  forced: (peer: FleetPeer) => ForcedState | undefined,
): MetricsAnswer {
  const nowMs = typeof time === 'number' ? time : time.realNowMs;
  const simAt = typeof time === 'number' ? (t: number) => t : (t: number) => time.simAt(t);
  const param = (name: string) => [...url.searchParams].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  const names = (param('metricnames') ?? 'BgpPeerStatus').split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.find((n) => !METRICS[n.toLowerCase()]);
  if (unknown) return { ok: false, code: 'BadRequest', message: `Failed to find metric configuration for provider: Microsoft.Network, resource Type: virtualNetworkGateways, metric: ${unknown}` };

  const intervalMs = parseDuration(param('interval') ?? 'PT5M');
  if (!intervalMs || intervalMs < 60_000) return { ok: false, code: 'BadRequest', message: 'interval must be an ISO 8601 duration of at least PT1M, e.g. PT5M.' };
  const span = parseTimespan(param('timespan'), nowMs);
  if (!span) return { ok: false, code: 'BadRequest', message: "timespan must be 'start/end' or 'start/duration' in ISO 8601." };
  const from = Math.floor(span.from / intervalMs) * intervalMs;
  const points = Math.ceil((span.to - from) / intervalMs);
  if (points > MAX_POINTS) return { ok: false, code: 'BadRequest', message: `The requested timespan and interval give ${points} points; at most ${MAX_POINTS} are allowed.` };

  const filter = param('$filter') ?? '';
  const byPeer = /bgppeeraddress/i.test(filter);
  const byInstance = /instance/i.test(filter);
  const wantedPeers = [...filter.matchAll(/bgppeeraddress\s+eq\s+'([^']*)'/gi)].map((m) => (m[1] ?? '').toLowerCase()).filter((v) => v !== '*');
  const instanceOf = (peer: FleetPeer) => `IN_${Math.max(0, gateway.instances.findIndex((i) => i.bgpAddress === peer.localAddress || i.bgpAddressV6 === peer.localAddress))}`;

  const groups = new Map<string, { peer?: string; instance?: string; rows: FleetPeer[] }>();
  for (const peer of gateway.peers) {
    if (wantedPeers.length > 0 && !wantedPeers.includes(peer.neighbor.toLowerCase())) continue;
    const peerKey = byPeer ? peer.neighbor : undefined;
    const instanceKey = byInstance ? instanceOf(peer) : undefined;
    const key = `${peerKey ?? ''}|${instanceKey ?? ''}`;
    const group = groups.get(key) ?? { ...(peerKey ? { peer: peerKey } : {}), ...(instanceKey ? { instance: instanceKey } : {}), rows: [] };
    group.rows.push(peer);
    groups.set(key, group);
  }

  const value = names.map((name) => {
    const lower = name.toLowerCase();
    const metric = METRICS[lower];
    if (!metric) throw new Error('unreachable');
    const timeseries = [...groups.values()].map((group) => {
      const data: Record<string, unknown>[] = [];
      for (let p = 0; p < points; p++) {
        const start = from + p * intervalMs;
        const timeStamp = new Date(start).toISOString().replace('.000Z', 'Z');
        if (start > nowMs) break;
        const samples: number[] = [];
        for (let s = 0; s < SAMPLES_PER_POINT; s++) {
          const t = start + Math.floor((s * intervalMs) / SAMPLES_PER_POINT);
          if (t > nowMs) break;
          samples.push(sampleAt(lower, group.rows, gateway, simAt(t), forced));
        }
        const mean = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
        data.push(metric.aggregation === 'average' ? { timeStamp, average: mean } : { timeStamp, total: Math.round(mean) });
      }
      return {
        metadatavalues: [
          ...(group.peer !== undefined ? [{ name: { value: 'bgppeeraddress', localizedValue: 'bgppeeraddress' }, value: group.peer }] : []),
          ...(group.instance !== undefined ? [{ name: { value: 'instance', localizedValue: 'instance' }, value: group.instance }] : []),
        ],
        data,
      };
    });
    return {
      id: `${gateway.id}/providers/Microsoft.Insights/metrics/${CANONICAL[lower]}`,
      type: 'Microsoft.Insights/metrics',
      name: { value: CANONICAL[lower], localizedValue: metric.localized },
      displayDescription: `${metric.localized} (emulated)`,
      unit: metric.unit,
      timeseries,
      errorCode: 'Success',
    };
  });

  return {
    ok: true,
    body: {
    cost: points * groups.size,
    timespan: `${new Date(span.from).toISOString()}/${new Date(span.to).toISOString()}`,
    interval: param('interval') ?? 'PT5M',
    value,
    namespace: 'Microsoft.Network/virtualNetworkGateways',
    resourceregion: gateway.location,
    },
  };
}

function sampleAt(metric: string, rows: FleetPeer[], gateway: Gateway, t: number, forced: (peer: FleetPeer) => ForcedState | undefined): number {
  let sum = 0;
  for (const row of rows) {
    // A forced state is an overlay from the moment it was forced, not a rewrite of the past.
    const forcedRow = forced(row);
    const overlay = forcedRow && t >= forcedRow.sinceMs ? forcedRow : undefined;
    const connected = peerStateAt(row.life, t, overlay).state === 'Connected';
    if (metric === 'bgppeerstatus') sum += connected ? 1 : 0;
    else if (metric === 'bgprouteslearned') sum += connected ? (overlay?.routesReceived ?? routesReceivedAt(row.life, t)) : 0;
    else sum += connected ? gateway.addressSpace.filter((p) => p.includes(':') === row.neighbor.includes(':')).length : 0;
  }
  // Peer status is a fraction of rows up; route counts add up.
  return metric === 'bgppeerstatus' ? sum / Math.max(1, rows.length) : sum;
}

export function parseDuration(text: string): number | undefined {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(text.trim());
  if (!match || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase().endsWith('T')) return undefined;
  const [, d, h, m, s] = match;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
}

function parseTimespan(text: string | undefined, nowMs: number): { from: number; to: number } | undefined {
  if (!text) return { from: nowMs - 3_600_000, to: nowMs };
  const [a, b] = text.split('/');
  if (a === undefined || b === undefined) return undefined;
  const from = Date.parse(a);
  if (Number.isNaN(from)) return undefined;
  const duration = parseDuration(b);
  const to = duration !== undefined ? from + duration : Date.parse(b);
  if (Number.isNaN(to) || to <= from) return undefined;
  return { from, to };
}
