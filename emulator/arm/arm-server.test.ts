import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestArm, type TestArm } from './arm-test-server';

const API = 'api-version=2023-09-01';
let arm: TestArm;

afterEach(async () => {
  await arm.close();
});

function gatewayOf(kind: string) {
  const gateway = arm.simulation.fleet.gateways.find((g) => g.kind === kind);
  if (!gateway) throw new Error(`no ${kind} gateway`);
  return gateway;
}

/** Starts getBgpPeerStatus and returns the polling URLs. */
async function startPeerStatus(gatewayId: string, query = ''): Promise<{ location: string; asyncOperation: string; response: Response }> {
  const response = await arm.call(`${gatewayId}/getBgpPeerStatus?${API}${query}`, { method: 'POST' });
  return { location: response.headers.get('location') ?? '', asyncOperation: response.headers.get('azure-asyncoperation') ?? '', response };
}

describe('ARM authentication and protocol basics', () => {
  beforeEach(async () => {
    arm = await startTestArm();
  });

  it('answers 401 AuthenticationFailed with WWW-Authenticate when there is no token', async () => {
    const response = await fetch(`${arm.url}/subscriptions?api-version=2022-12-01`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri="https:\/\/localhost:1\//);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('AuthenticationFailed');
  });

  it('answers 401 InvalidAuthenticationToken or ExpiredAuthenticationToken for bad tokens', async () => {
    const bad = await arm.call('/subscriptions?api-version=2022-12-01', { headers: { Authorization: 'Bearer nonsense' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    const expired = await arm.call('/subscriptions?api-version=2022-12-01', { headers: { Authorization: 'Bearer expired' } });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { code: 'ExpiredAuthenticationToken' } });
  });

  it('requires api-version', async () => {
    const response = await arm.call('/subscriptions');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'MissingApiVersionParameter' } });
  });

  it('answers CORS preflights and exposes the polling and throttling headers', async () => {
    const preflight = await fetch(`${arm.url}/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworkGateways/z/getBgpPeerStatus?${API}`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');

    const answer = await arm.call('/subscriptions?api-version=2022-12-01', { headers: { Origin: 'http://localhost:5173' } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const exposed = answer.headers.get('access-control-expose-headers') ?? '';
    for (const header of ['Location', 'Azure-AsyncOperation', 'Retry-After', 'x-ms-request-id', 'x-ms-ratelimit-remaining-subscription-writes', 'x-ms-ratelimit-remaining-subscription-reads']) {
      expect(exposed).toContain(header);
    }
    expect(answer.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(answer.headers.get('x-ms-ratelimit-remaining-subscription-reads'))).toBeGreaterThan(0);
  });

  it('lists subscriptions and tenants', async () => {
    const subscriptions = (await (await arm.call('/subscriptions?api-version=2022-12-01')).json()) as { value: { subscriptionId: string; state: string }[] };
    expect(subscriptions.value.map((s) => s.subscriptionId)).toEqual(arm.simulation.fleet.subscriptions.map((s) => s.subscriptionId));
    expect(subscriptions.value.every((s) => s.state === 'Enabled')).toBe(true);
    const tenants = (await (await arm.call('/tenants?api-version=2022-12-01')).json()) as { value: { tenantId: string }[] };
    expect(tenants.value[0]?.tenantId).toBe(arm.simulation.fleet.tenantId);
  });

  it('gets a gateway with any path casing and answers ARM 404 codes', async () => {
    const gateway = gatewayOf('vpnActiveActive');
    const response = await arm.call(`${gateway.id.toLowerCase()}?${API}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string; properties: { activeActive: boolean; gatewayType: string; bgpSettings: { asn: number; bgpPeeringAddresses: unknown[] } } };
    expect(body.id).toBe(gateway.id);
    expect(body.properties).toMatchObject({ activeActive: true, gatewayType: 'Vpn', bgpSettings: { asn: gateway.asn } });
    expect(body.properties.bgpSettings.bgpPeeringAddresses).toHaveLength(2);

    const missing = async (path: string) => ((await (await arm.call(`${path}?${API}`)).json()) as { error: { code: string } }).error.code;
    const sub = gateway.subscriptionId;
    expect(await missing(gateway.id.replace(gateway.name, 'nope'))).toBe('ResourceNotFound');
    expect(await missing(`/subscriptions/${sub}/resourceGroups/rg-nope/providers/Microsoft.Network/virtualNetworkGateways/x`)).toBe('ResourceGroupNotFound');
    expect(await missing('/subscriptions/00000000-0000-0000-0000-00000000dead/resourceGroups/r/providers/Microsoft.Network/virtualNetworkGateways/x')).toBe('SubscriptionNotFound');
  });
});

describe('getBgpPeerStatus long-running operation', () => {
  beforeEach(async () => {
    arm = await startTestArm({ lroSeconds: 4 });
  });

  it('answers 202 with polling headers, reports InProgress, then Succeeded, then the peers at completion time', async () => {
    const gateway = gatewayOf('vpnActiveActive');
    const { response, location, asyncOperation } = await startPeerStatus(gateway.id);
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    expect(response.headers.get('retry-after')).toBe('2');
    expect(location).toMatch(new RegExp(`^${arm.url}/subscriptions/${gateway.subscriptionId}/providers/Microsoft.Network/locations/${gateway.location}/operationResults/[0-9a-f-]+\\?api-version=2023-09-01$`));
    expect(asyncOperation).toMatch(/\/operations\/[0-9a-f-]+\?api-version=2023-09-01$/);
    expect(response.headers.get('x-ms-ratelimit-remaining-subscription-writes')).toBeTruthy();

    expect(await (await arm.call(asyncOperation)).json()).toMatchObject({ status: 'InProgress' });
    const pending = await arm.call(location);
    expect(pending.status).toBe(202);
    expect(pending.headers.get('location')).toBe(location);

    const completesAt = arm.realNow() + 4000;
    arm.advance(4000);
    expect(await (await arm.call(asyncOperation)).json()).toMatchObject({ status: 'Succeeded' });
    const done = await arm.call(location);
    expect(done.status).toBe(200);
    const body = (await done.json()) as { value: unknown[] };
    expect(body.value).toEqual(arm.simulation.peerStatusAt(gateway.id, arm.clock.at(completesAt)));
    expect(body.value).toHaveLength(gateway.peers.length);
  });

  it('filters by peer and answers an unknown peer with an empty list', async () => {
    const gateway = gatewayOf('vpnActiveActive');
    const neighbor = gateway.peers[0]?.neighbor ?? '';
    const one = await startPeerStatus(gateway.id, `&peer=${neighbor}`);
    const none = await startPeerStatus(gateway.id, '&peer=192.0.2.99');
    arm.advance(4000);
    const rows = ((await (await arm.call(one.location)).json()) as { value: { neighbor: string }[] }).value;
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.neighbor === neighbor)).toBe(true);
    expect(await (await arm.call(none.location)).json()).toEqual({ value: [] });
  });

  it('serves learned routes, and advertised routes only with a peer', async () => {
    const gateway = gatewayOf('expressRoute');
    const missingPeer = await arm.call(`${gateway.id}/getAdvertisedRoutes?${API}`, { method: 'POST' });
    expect(missingPeer.status).toBe(400);
    const learned = await arm.call(`${gateway.id}/getLearnedRoutes?${API}`, { method: 'POST' });
    expect(learned.status).toBe(202);
    arm.advance(4000);
    const routes = ((await (await arm.call(learned.headers.get('location') ?? '')).json()) as { value: { origin: string }[] }).value;
    expect(routes.some((r) => r.origin === 'Network')).toBe(true);
  });

  it('forgets operations after ten minutes', async () => {
    const { location } = await startPeerStatus(gatewayOf('vpnSingle').id);
    arm.advance(11 * 60_000);
    const gone = await arm.call(location);
    expect(gone.status).toBe(404);
  });
});

describe('Resource Graph and gateway lists', () => {
  beforeEach(async () => {
    arm = await startTestArm({ fleet: 'noc' });
  });

  const query = "Resources | where type =~ 'microsoft.network/virtualnetworkgateways' | project id, name, type, location, resourceGroup, subscriptionId, properties";

  it('pages gateways sorted by id with $top and $skipToken', async () => {
    const ids: string[] = [];
    let skipToken: string | undefined;
    let pages = 0;
    do {
      const response = await arm.call('/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query, options: { $top: 7, resultFormat: 'objectArray', ...(skipToken ? { $skipToken: skipToken } : {}) } }),
      });
      const body = (await response.json()) as { totalRecords: number; count: number; data: { id: string; type: string }[]; $skipToken?: string };
      expect(body.totalRecords).toBe(30);
      expect(body.count).toBe(body.data.length);
      ids.push(...body.data.map((row) => row.id));
      skipToken = body.$skipToken;
      pages += 1;
    } while (skipToken && pages < 10);
    expect(pages).toBe(5);
    expect(ids).toEqual(arm.simulation.fleet.gateways.map((g) => g.id).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
  });

  it('limits rows to the given subscriptions and returns nothing for other resource types', async () => {
    const sub = arm.simulation.fleet.subscriptions[0]?.subscriptionId ?? '';
    const post = (body: unknown) =>
      arm.call('/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ data: { subscriptionId: string }[] }>);
    const mine = await post({ subscriptions: [sub], query, options: { $top: 1000 } });
    expect(mine.data.length).toBe(arm.simulation.fleet.gateways.filter((g) => g.subscriptionId === sub).length);
    expect(mine.data.every((row) => row.subscriptionId === sub)).toBe(true);
    expect((await post({ query: "Resources | where type =~ 'microsoft.compute/virtualmachines'" })).data).toEqual([]);
  });

  it('pages the per-resource-group gateway list with nextLink', async () => {
    const group = arm.simulation.fleet.resourceGroups.reduce((best, g) => {
      const count = (rg: typeof g) => arm.simulation.fleet.gateways.filter((x) => x.resourceGroup === rg.name && x.subscriptionId === rg.subscriptionId).length;
      return count(g) > count(best) ? g : best;
    });
    const expected = arm.simulation.fleet.gateways.filter((g) => g.resourceGroup === group.name && g.subscriptionId === group.subscriptionId).map((g) => g.id);
    expect(expected.length).toBeGreaterThan(5);
    let next: string | undefined = `/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}/providers/Microsoft.Network/virtualNetworkGateways?${API}`;
    const seen: string[] = [];
    while (next) {
      const body = (await (await arm.call(next)).json()) as { value: { id: string }[]; nextLink?: string };
      seen.push(...body.value.map((g) => g.id));
      next = body.nextLink;
    }
    expect(seen).toEqual(expected);
  });
});

describe('throttling budget', () => {
  it('answers 429 with Retry-After when the subscription write budget is spent', async () => {
    arm = await startTestArm({ rateLimits: { reads: { capacity: 100, refillPerSecond: 1 }, writes: { capacity: 2, refillPerSecond: 1 } } });
    const gateway = gatewayOf('vpnSingle');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await startPeerStatus(gateway.id)).response.status);
    expect(statuses).toEqual([202, 202, 429]);
    const throttled = await startPeerStatus(gateway.id);
    expect(throttled.response.headers.get('retry-after')).toBe('1');
    expect(throttled.response.headers.get('x-ms-ratelimit-remaining-subscription-writes')).toBe('0');
    arm.advance(1000);
    expect((await startPeerStatus(gateway.id)).response.status).toBe(202);
  });
});

describe('metrics', () => {
  it('gives BgpPeerStatus per peer address that agrees with the live peer state', async () => {
    arm = await startTestArm();
    const gateway = gatewayOf('vpnSingle');
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
