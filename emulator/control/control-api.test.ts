import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestArm, type TestArm } from '../testing/arm-test-server';

const API = 'api-version=2023-09-01';
let arm: TestArm;
let gatewayA: string;
let gatewayB: string;

beforeEach(async () => {
  arm = await startTestArm({ lroSeconds: 2 });
  const [a, b] = arm.simulation.fleet.gateways;
  if (!a || !b) throw new Error('fleet too small');
  gatewayA = a.id;
  gatewayB = b.id;
});

afterEach(async () => {
  await arm.close();
});

const control = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${arm.url}/_emulator${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}) });

async function addFault(fault: Record<string, unknown>): Promise<string> {
  const response = await control('/faults', 'POST', fault);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const post = (gatewayId: string, action = 'getBgpPeerStatus') => arm.call(`${gatewayId}/${action}?${API}`, { method: 'POST' });
const getGateway = (gatewayId: string) => arm.call(`${gatewayId}?${API}`);

/** Runs a getBgpPeerStatus to completion and returns the Location answer. */
async function peerStatus(gatewayId: string): Promise<Response> {
  const started = await post(gatewayId);
  expect(started.status).toBe(202);
  arm.advance(2000);
  return arm.call(started.headers.get('location') ?? '');
}

async function errorCode(response: Response): Promise<string | undefined> {
  return ((await response.json()) as { error?: { code?: string } }).error?.code;
}

describe('request faults', () => {
  it('throttle: 429 TooManyRequests with Retry-After, for count requests on that gateway only', async () => {
    await addFault({ gatewayId: gatewayA, kind: 'throttle', count: 2, retryAfterSeconds: 7 });
    const first = await post(gatewayA);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(await errorCode(first)).toBe('TooManyRequests');
    expect((await post(gatewayB)).status).toBe(202);
    expect((await post(gatewayA)).status).toBe(429);
    expect((await post(gatewayA)).status).toBe(202);
  });

  it('http500 and http503 answer CloudErrors until cleared', async () => {
    const id500 = await addFault({ gatewayId: gatewayA, operation: 'getGateway', kind: 'http500' });
    await addFault({ gatewayId: gatewayB, operation: 'getGateway', kind: 'http503', retryAfterSeconds: 3 });
    const a = await getGateway(gatewayA);
    expect([a.status, await errorCode(a)]).toEqual([500, 'InternalServerError']);
    const b = await getGateway(gatewayB);
    expect([b.status, await errorCode(b)]).toEqual([503, 'ServiceUnavailable']);
    expect(b.headers.get('retry-after')).toBe('3');
    expect((await getGateway(gatewayA)).status).toBe(500);
    expect((await control(`/faults/${id500}`, 'DELETE')).status).toBe(204);
    expect((await getGateway(gatewayA)).status).toBe(200);
    expect((await control('/faults', 'DELETE')).status).toBe(204);
    expect((await getGateway(gatewayB)).status).toBe(200);
  });

  it('malformedJson answers 200 with a body that does not parse', async () => {
    await addFault({ operation: 'lroResult', kind: 'malformedJson', count: 1 });
    const response = await peerStatus(gatewayA);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('dropConnection destroys the socket', async () => {
    await addFault({ gatewayId: gatewayA, kind: 'dropConnection', count: 1 });
    await expect(post(gatewayA)).rejects.toThrow();
    expect((await post(gatewayA)).status).toBe(202);
  });

  it('slow delays the answer, then answers normally', async () => {
    await addFault({ gatewayId: gatewayA, operation: 'getGateway', kind: 'slow', delayMs: 300, count: 1 });
    const started = performance.now();
    const response = await getGateway(gatewayA);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(response.status).toBe(200);
  });

  it('unauthorized, forbidden and notFound answer 401, 403 and 404 with ARM codes', async () => {
    await addFault({ gatewayId: gatewayA, kind: 'unauthorized', count: 1 });
    await addFault({ gatewayId: gatewayA, kind: 'forbidden', count: 1 });
    await addFault({ gatewayId: gatewayA, kind: 'notFound', count: 1 });
    const unauthorized = await post(gatewayA);
    expect([unauthorized.status, await errorCode(unauthorized)]).toEqual([401, 'InvalidAuthenticationToken']);
    expect(unauthorized.headers.get('www-authenticate')).toContain('Bearer');
    const forbidden = await post(gatewayA);
    expect(forbidden.status).toBe(403);
    const body = (await forbidden.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('AuthorizationFailed');
    expect(body.error.message).toContain('getBgpPeerStatus/action');
    const notFound = await post(gatewayA);
    expect([notFound.status, await errorCode(notFound)]).toEqual([404, 'ResourceNotFound']);
    expect((await post(gatewayA)).status).toBe(202);
  });

  it('a fault on the status URL fails reading the status, not the operation', async () => {
    await addFault({ gatewayId: gatewayA, operation: 'lroStatus', kind: 'http500', count: 1 });
    const started = await post(gatewayA);
    arm.advance(2000);
    const status = started.headers.get('azure-asyncoperation') ?? '';
    expect((await arm.call(status)).status).toBe(500);
    expect(await (await arm.call(status)).json()).toMatchObject({ status: 'Succeeded' });
  });
});

describe('operation faults', () => {
  it('lroFailed ends the operation Failed with a CloudError, and Location answers the error', async () => {
    await addFault({ gatewayId: gatewayA, kind: 'lroFailed', count: 1, code: 'GatewayBusy', message: 'try later' });
    const started = await post(gatewayA);
    const status = started.headers.get('azure-asyncoperation') ?? '';
    expect(await (await arm.call(status)).json()).toMatchObject({ status: 'InProgress' });
    arm.advance(2000);
    expect(await (await arm.call(status)).json()).toMatchObject({ status: 'Failed', error: { code: 'GatewayBusy', message: 'try later' } });
    const result = await arm.call(started.headers.get('location') ?? '');
    expect(result.status).toBe(500);
    expect(await errorCode(result)).toBe('GatewayBusy');
    expect((await peerStatus(gatewayA)).status).toBe(200);
  });

  it('lroNeverFinishes keeps the operation InProgress', async () => {
    await addFault({ gatewayId: gatewayA, kind: 'lroNeverFinishes', count: 1 });
    const started = await post(gatewayA);
    arm.advance(9 * 60_000);
    expect(await (await arm.call(started.headers.get('azure-asyncoperation') ?? '')).json()).toMatchObject({ status: 'InProgress' });
    expect((await arm.call(started.headers.get('location') ?? '')).status).toBe(202);
  });

  it('unknownState sends a state value outside the documented enum', async () => {
    await addFault({ gatewayId: gatewayA, kind: 'unknownState', count: 1 });
    const rows = ((await (await peerStatus(gatewayA)).json()) as { value: { state: string }[] }).value;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.state === 'Flapping')).toBe(true);
  });

  it('missingFields drops fields from every peer', async () => {
    await addFault({ gatewayId: gatewayA, kind: 'missingFields', fields: ['asn', 'connectedDuration'], count: 1 });
    const rows = ((await (await peerStatus(gatewayA)).json()) as { value: Record<string, unknown>[] }).value;
    expect(rows.every((row) => !('asn' in row) && !('connectedDuration' in row) && 'neighbor' in row)).toBe(true);
    const next = ((await (await peerStatus(gatewayA)).json()) as { value: Record<string, unknown>[] }).value;
    expect(next.every((row) => 'asn' in row)).toBe(true);
  });

  it('hostileValues serves markup, a very long string, and counters and ASNs no parser should trust', async () => {
    await addFault({ gatewayId: gatewayA, kind: 'hostileValues', count: 1 });
    const rows = ((await (await peerStatus(gatewayA)).json()) as { value: Record<string, unknown>[] }).value;
    expect(rows.length).toBeGreaterThan(1);
    const [first, second] = rows;
    expect(typeof first?.neighbor).toBe('string');
    expect(String(second?.neighbor)).toContain('<img');
    expect(String(second?.localAddress)).toHaveLength(5000);
    expect(rows.every((row) => typeof row.routesReceived === 'number' && row.routesReceived < 0)).toBe(true);
    expect(rows.some((row) => typeof row.asn === 'string')).toBe(true);
  });

  it('foreignPollingUrl answers 202 with polling headers on another origin, and needs that URL', async () => {
    const foreign = 'http://127.0.0.1:9/collect?op=1';
    await addFault({ gatewayId: gatewayA, operation: 'getBgpPeerStatus', kind: 'foreignPollingUrl', pollingUrl: foreign, count: 1 });
    const started = await post(gatewayA);
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(foreign);
    expect(started.headers.get('azure-asyncoperation')).toBe(foreign);
    expect(new URL((await post(gatewayA)).headers.get('location') ?? '').origin).toBe(new URL(arm.url).origin);
    expect((await control('/faults', 'POST', { kind: 'foreignPollingUrl' })).status).toBe(400);
  });

  it('rejects a fault of an unknown kind', async () => {
    const response = await control('/faults', 'POST', { kind: 'meteorStrike' });
    expect(response.status).toBe(400);
  });
});

describe('forced states, counts, fleet, clock', () => {
  it('forces a peer down and back up, restarting its session', async () => {
    const gateway = arm.simulation.fleet.gateways.find((g) => g.kind === 'vpnActiveActive');
    const peer = gateway?.peers.find((p) => p.life.temperament === 'steady');
    if (!gateway || !peer) throw new Error('no steady peer');
    const force = (state: string | null, localAddress?: string) =>
      control('/peers/state', 'POST', { gatewayId: gateway.id, neighbor: peer.neighbor, state, ...(localAddress ? { localAddress } : {}) });

    expect((await force('Idle', peer.localAddress)).status).toBe(200);
    let rows = ((await (await peerStatus(gateway.id)).json()) as { value: { neighbor: string; localAddress: string; state: string; connectedDuration: string | null }[] }).value;
    const forcedRow = rows.find((r) => r.neighbor === peer.neighbor && r.localAddress === peer.localAddress);
    const otherInstance = rows.find((r) => r.neighbor === peer.neighbor && r.localAddress !== peer.localAddress);
    expect(forcedRow).toMatchObject({ state: 'Idle', connectedDuration: null });
    expect(otherInstance?.state).not.toBe('Idle');

    await force('Connected');
    arm.advance(5000);
    rows = ((await (await peerStatus(gateway.id)).json()) as { value: { neighbor: string; localAddress: string; state: string; connectedDuration: string | null }[] }).value;
    for (const row of rows.filter((r) => r.neighbor === peer.neighbor)) {
      expect(row.state).toBe('Connected');
      // Forced at t, operation completed 2 s later, then read 5 s after forcing.
      expect(row.connectedDuration).toMatch(/^00:00:0\d\.\d{7}$/);
    }

    // Released, the session it was forced into carries on: no old counters come back.
    await force('clear');
    arm.advance(60_000);
    type LiveRow = { neighbor: string; state: string; connectedDuration: string | null; messagesSent: number };
    const live = (await (await control(`/peers?gatewayId=${encodeURIComponent(gateway.id)}`)).json()) as { value: LiveRow[] };
    for (const row of live.value.filter((r) => r.neighbor === peer.neighbor)) {
      expect(row).toMatchObject({ state: 'Connected' });
      expect(row.connectedDuration).toMatch(/^00:01:0\d\.\d{7}$/);
      expect(row.messagesSent).toBeLessThan(10);
    }
    expect((await force('Sideways')).status).toBe(400);
  });

  it('a peer forced down and released comes back in a new session: counters and connectedDuration from zero', async () => {
    const gateway = arm.simulation.fleet.gateways.find((g) => g.peers.some((p) => p.life.temperament === 'steady'));
    const peer = gateway?.peers.find((p) => p.life.temperament === 'steady');
    if (!gateway || !peer) throw new Error('no steady peer');
    type LiveRow = { neighbor: string; localAddress: string; state: string; connectedDuration: string | null; messagesSent: number; messagesReceived: number };
    const live = async () =>
      ((await (await control(`/peers?gatewayId=${encodeURIComponent(gateway.id)}`)).json()) as { value: LiveRow[] }).value.find(
        (r) => r.neighbor === peer.neighbor && r.localAddress === peer.localAddress,
      );
    const body = { gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress };
    const before = await live();
    if (before?.state !== 'Connected') throw new Error('the steady peer should start Connected');
    expect(before.messagesSent).toBeGreaterThan(100);

    await control('/peers/state', 'POST', { ...body, state: 'Idle' });
    arm.advance(30_000);
    expect(await live()).toMatchObject({ state: 'Idle', messagesSent: 0, connectedDuration: null });
    await control('/peers/state', 'POST', { ...body, state: null });
    arm.advance(90_000);
    const after = await live();
    expect(after?.state).toBe('Connected');
    expect(after?.connectedDuration).toMatch(/^00:01:3\d\.\d{7}$/);
    expect(after?.messagesSent).toBeLessThan(10);
    expect(after?.messagesReceived).toBeLessThan(before.messagesReceived);

    // The same after releasing every forced state at once.
    await control('/peers/state', 'POST', { ...body, state: 'Stopped' });
    arm.advance(10_000);
    expect((await control('/peers/state', 'DELETE')).status).toBe(204);
    arm.advance(5_000);
    expect((await live())?.connectedDuration).toMatch(/^00:00:0\d\.\d{7}$/);
  });

  it('forces a Connected peer\'s route count; learned routes follow it, the state does not change, clear brings it back', async () => {
    const gateway = arm.simulation.fleet.gateways.find((g) => g.kind === 'vpnActiveActive');
    const peer = gateway?.peers.find((p) => p.life.temperament === 'steady');
    if (!gateway || !peer) throw new Error('no steady peer');
    type Row = { neighbor: string; localAddress: string; state: string; routesReceived: number };
    const rowsNow = async () => ((await (await control(`/peers?gatewayId=${encodeURIComponent(gateway.id)}`)).json()) as { value: Row[] }).value;
    const before = (await rowsNow()).find((r) => r.neighbor === peer.neighbor && r.localAddress === peer.localAddress);
    expect(before?.state).toBe('Connected');
    expect(before?.routesReceived).toBeGreaterThan(3);
    const learnedFrom = () =>
      arm.simulation.learnedRoutesAt(gateway.id, arm.clock.now(), arm.control.forced.lookup).filter((r) => r.sourcePeer === peer.neighbor && r.localAddress === peer.localAddress).length;

    const forced = await control('/peers/routes', 'POST', { gatewayId: gateway.id, neighbor: peer.neighbor, localAddress: peer.localAddress, routesReceived: 0 });
    expect(forced.status).toBe(200);
    const after = (await rowsNow()).filter((r) => r.neighbor === peer.neighbor);
    expect(after.find((r) => r.localAddress === peer.localAddress)).toMatchObject({ state: 'Connected', routesReceived: 0 });
    expect(after.find((r) => r.localAddress !== peer.localAddress)?.routesReceived).toBeGreaterThan(0);
    expect(learnedFrom()).toBe(0);

    await control('/peers/routes', 'POST', { gatewayId: gateway.id, neighbor: peer.neighbor, routesReceived: 3 });
    expect((await rowsNow()).filter((r) => r.neighbor === peer.neighbor).map((r) => r.routesReceived)).toEqual([3, 3]);
    expect(learnedFrom()).toBe(3);

    expect((await control('/peers/routes', 'POST', { gatewayId: gateway.id, neighbor: peer.neighbor, routesReceived: -1 })).status).toBe(400);
    expect((await control('/peers/routes', 'DELETE')).status).toBe(204);
    expect(await rowsNow()).toEqual(arm.simulation.peerStatusAt(gateway.id, arm.clock.now()));
  });

  it('counts requests per operation and per gateway, and resets', async () => {
    await control('/requests', 'DELETE');
    await post(gatewayA);
    await post(gatewayA);
    await getGateway(gatewayB);
    const counts = (await (await control('/requests')).json()) as {
      total: number;
      byOperation: Record<string, number>;
      byGateway: Record<string, { total: number; byOperation: Record<string, number> }>;
    };
    expect(counts.total).toBe(3);
    expect(counts.byOperation).toEqual({ getBgpPeerStatus: 2, getGateway: 1 });
    expect(counts.byGateway[gatewayA]).toEqual({ total: 2, byOperation: { getBgpPeerStatus: 2 } });
    await control('/requests', 'DELETE');
    expect(((await (await control('/requests')).json()) as { total: number }).total).toBe(0);
  });

  it('lists the fleet with peers and hands out demo tokens without auth', async () => {
    const fleet = (await (await control('/fleet')).json()) as { gateways: { id: string; peers: unknown[] }[] };
    expect(fleet.gateways.map((g) => g.id)).toEqual(arm.simulation.fleet.gateways.map((g) => g.id));
    expect(fleet.gateways[0]?.peers.length).toBeGreaterThan(0);
    const token = await fetch(`${arm.url}/_emulator/demo-token`, { method: 'POST', headers: { Origin: 'http://localhost:5173' } });
    expect(token.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(await token.json()).toMatchObject({ accessToken: 'good' });
  });

  it('changes the simulated clock speed', async () => {
    const response = await control('/clock', 'POST', { speed: 60 });
    expect(await response.json()).toMatchObject({ speed: 60 });
    const before = arm.clock.now();
    arm.advance(1000);
    expect(arm.clock.now() - before).toBe(60_000);
    expect((await control('/clock', 'POST', { speed: -1 })).status).toBe(400);
  });
});
