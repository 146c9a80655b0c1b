import { afterEach, describe, expect, it } from 'vitest';
import { EMULATOR_TENANT_ID } from '../emulator-constants';
import { createSimClock } from '../simulation/sim-clock';
import { buildFleet, type FleetPeer, type Gateway } from '../simulation/fleet';
import { peerStateAt, type ForcedState } from '../simulation/peer-life';
import { startTestArm, type TestArm } from '../testing/arm-test-server';
import { metricsResponse, parseDuration } from './metrics';

const fleet = buildFleet(7, 'small', EMULATOR_TENANT_ID);
const REAL_START = Date.UTC(2025, 0, 15, 12, 0, 0);
const noForced = () => undefined;

function gatewayOf(predicate: (g: Gateway) => boolean): Gateway {
  const gateway = fleet.gateways.find(predicate);
  if (!gateway) throw new Error('no such gateway in the fleet');
  return gateway;
}

function metricsUrl(gateway: Gateway, query: Record<string, string>): URL {
  const url = new URL(`http://localhost${gateway.id}/providers/microsoft.insights/metrics`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url;
}

interface Series {
  metadatavalues: { name: { value: string }; value: string }[];
  data: { timeStamp: string; average?: number; total?: number }[];
}
function seriesOf(answer: ReturnType<typeof metricsResponse>, metric: string): Series[] {
  if (!answer.ok) throw new Error(answer.message);
  const value = answer.body.value as { name: { value: string }; timeseries: Series[] }[];
  return value.find((v) => v.name.value === metric)?.timeseries ?? [];
}
const dimension = (series: Series, name: string) => series.metadatavalues.find((m) => m.name.value === name)?.value;

describe('Azure Monitor metrics of the emulator', () => {
  it('on the real time axis, samples each bucket at the simulated instants its real instants map to', () => {
    // At speed 60 a real hour is 60 simulated hours: an answer on the simulated axis would show
    // another stretch of the peers' lives than the app's polls saw.
    let real = REAL_START;
    const clock = createSimClock({ speed: 60, realNow: () => real });
    real += 30 * 60_000;
    const gateway = gatewayOf((g) => g.peers.some((p) => p.life.temperament === 'flappy'));
    const flappy = gateway.peers.find((p) => p.life.temperament === 'flappy')!;
    const from = new Date(real - 2 * 3_600_000).toISOString();
    const answer = metricsResponse(
      gateway,
      metricsUrl(gateway, { metricnames: 'BgpPeerStatus', timespan: `${from}/PT2H`, interval: 'PT5M', $filter: `BgpPeerAddress eq '${flappy.neighbor}'` }),
      { realNowMs: real, simAt: clock.at },
      noForced,
    );
    const series = seriesOf(answer, 'BgpPeerStatus')[0]!;
    expect(series.data).toHaveLength(24);
    const rows = gateway.peers.filter((p) => p.neighbor === flappy.neighbor);
    for (const point of series.data) {
      const start = Date.parse(point.timeStamp);
      const upFractions = [0, 1, 2, 3, 4].map((s) => {
        const t = clock.at(start + s * 60_000);
        return rows.filter((row) => peerStateAt(row.life, t).state === 'Connected').length / rows.length;
      });
      expect(point.average).toBeCloseTo(upFractions.reduce((a, b) => a + b, 0) / 5, 10);
    }
  });

  it('answers no bucket after the real now, even though the simulated clock runs ahead', () => {
    let real = REAL_START;
    const clock = createSimClock({ speed: 60, realNow: () => real });
    real += 10 * 60_000;
    const gateway = fleet.gateways[0]!;
    const answer = metricsResponse(
      gateway,
      metricsUrl(gateway, { metricnames: 'BgpRoutesLearned', timespan: `${new Date(real - 86_400_000).toISOString()}/P1D`, interval: 'PT5M' }),
      { realNowMs: real, simAt: clock.at },
      noForced,
    );
    const points = seriesOf(answer, 'BgpRoutesLearned')[0]!.data;
    expect(points).toHaveLength(288);
    expect(Date.parse(points.at(-1)!.timeStamp)).toBeLessThanOrEqual(real);
  });

  it('splits by peer address and instance, with one instance per local address of an active-active gateway', () => {
    const gateway = gatewayOf((g) => g.activeActive);
    const now = REAL_START;
    const answer = metricsResponse(
      gateway,
      metricsUrl(gateway, { metricnames: 'BgpPeerStatus,BgpRoutesLearned', timespan: `${new Date(now - 3_600_000).toISOString()}/PT1H`, $filter: "BgpPeerAddress eq '*' and Instance eq '*'" }),
      now,
      noForced,
    );
    const status = seriesOf(answer, 'BgpPeerStatus');
    expect(status).toHaveLength(gateway.peers.length);
    const instances = new Set(status.map((s) => dimension(s, 'instance')));
    expect(instances).toEqual(new Set(['IN_0', 'IN_1']));
    expect(seriesOf(answer, 'BgpRoutesLearned').every((s) => s.data.every((d) => typeof d.total === 'number'))).toBe(true);
  });

  it('shows a forced state only from the moment it was forced, not over the whole past', () => {
    const gateway = gatewayOf((g) => g.peers.some((p) => p.life.temperament === 'steady'));
    const peer = gateway.peers.find((p) => p.life.temperament === 'steady')!;
    const now = REAL_START;
    const forcedAt = now - 30 * 60_000;
    const forced = (row: FleetPeer): ForcedState | undefined => (row === peer ? { state: 'Idle', sinceMs: forcedAt } : undefined);
    const answer = metricsResponse(
      gateway,
      metricsUrl(gateway, {
        metricnames: 'BgpPeerStatus',
        timespan: `${new Date(now - 2 * 3_600_000).toISOString()}/PT2H`,
        $filter: `BgpPeerAddress eq '${peer.neighbor}' and Instance eq '*'`,
      }),
      now,
      forced,
    );
    const series = seriesOf(answer, 'BgpPeerStatus').find((s) => dimension(s, 'instance') === 'IN_0')!;
    const after = series.data.filter((d) => Date.parse(d.timeStamp) >= forcedAt);
    const before = series.data.filter((d) => Date.parse(d.timeStamp) + 5 * 60_000 <= forcedAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((d) => d.average === 0)).toBe(true);
    // A steady peer is up nearly all the time; before the force its history is its own.
    expect(before.some((d) => (d.average ?? 0) > 0)).toBe(true);
  });

  it('refuses an unknown metric and an interval under a minute, as Azure Monitor does', () => {
    const gateway = fleet.gateways[0]!;
    const unknown = metricsResponse(gateway, metricsUrl(gateway, { metricnames: 'TunnelBandwidth' }), REAL_START, noForced);
    expect(unknown).toMatchObject({ ok: false, code: 'BadRequest' });
    const tooFine = metricsResponse(gateway, metricsUrl(gateway, { interval: 'PT30S' }), REAL_START, noForced);
    expect(tooFine).toMatchObject({ ok: false, code: 'BadRequest' });
    expect(parseDuration('PT5M')).toBe(300_000);
    expect(parseDuration('P1DT1H')).toBe(90_000_000);
  });
});

describe('metrics over HTTP', () => {
  let arm: TestArm;

  afterEach(async () => {
    await arm.close();
  });

  it('gives BgpPeerStatus per peer address that agrees with the live peer state', async () => {
    arm = await startTestArm();
    const gateway = arm.gatewayOf('vpnSingle');
    const now = arm.clock.now();
    const from = new Date(now - 3_600_000).toISOString();
    const to = new Date(now).toISOString();
    const response = await arm.call(
      `${gateway.id}/providers/microsoft.insights/metrics?api-version=2023-10-01&metricnames=BgpPeerStatus&timespan=${from}/${to}&interval=PT5M&$filter=${encodeURIComponent("BgpPeerAddress eq '*'")}`,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { value: { name: { value: string }; timeseries: { metadatavalues: { value: string }[]; data: { average: number }[] }[] }[] };
    expect(body.value[0]?.name.value).toBe('BgpPeerStatus');
    const series = body.value[0]?.timeseries ?? [];
    expect(series.map((s) => s.metadatavalues[0]?.value).sort()).toEqual(gateway.peers.map((p) => p.neighbor).sort());
    const stopped = gateway.peers.find((p) => p.life.temperament === 'adminStopped');
    if (stopped) {
      const stoppedSeries = series.find((s) => s.metadatavalues[0]?.value === stopped.neighbor);
      expect(stoppedSeries?.data.every((d) => d.average === 0)).toBe(true);
    }
  });
});
