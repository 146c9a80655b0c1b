import { afterEach, describe, expect, it } from 'vitest';
import { startTestArm, type TestArm } from '../testing/arm-test-server';
import { BATCH_API, sendBatch, type BatchBody, type InnerResponse } from '../testing/batch-client';

const NETWORK_API = 'api-version=2023-09-01';
let arm: TestArm;

afterEach(async () => {
  await arm.close();
});

async function sync(requests: Parameters<typeof sendBatch>[1], headers: Record<string, string> = {}): Promise<{ response: Response; responses: InnerResponse[] }> {
  const response = await sendBatch(arm, requests, headers);
  expect(response.status).toBe(200);
  const body = (await response.json()) as BatchBody;
  return { response, responses: body.responses ?? [] };
}

const byName = (responses: InnerResponse[], name: string): InnerResponse => {
  const found = responses.find((r) => r.name === name);
  if (!found) throw new Error(`no inner response ${name}`);
  return found;
};

describe('a synchronous batch (up to 20 requests)', () => {
  it('answers mixed operations with each inner status, headers as JSON and content; then polls the operations it started', async () => {
    arm = await startTestArm();
    const gateway = arm.gatewayOf('vpnSingle');
    const subscriptionId = arm.simulation.fleet.subscriptions[0]?.subscriptionId ?? '';
    const { response, responses } = await sync([
      { httpMethod: 'GET', name: 'sub', url: `/subscriptions/${subscriptionId}?api-version=2022-12-01` },
      { httpMethod: 'GET', name: 'gw', url: `${arm.url}${gateway.id}?${NETWORK_API}`, requestHeaderDetails: { commandName: 'Dashboard.getGateway' } },
      { httpMethod: 'POST', name: 'peers', url: `${gateway.id}/getBgpPeerStatus?${NETWORK_API}` },
      {
        httpMethod: 'POST',
        name: 'graph',
        url: '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01',
        content: { query: "Resources | where type =~ 'microsoft.network/virtualnetworkgateways' | project id", options: { $top: 2, resultFormat: 'objectArray' } },
      },
    ]);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(responses.map((r) => r.name)).toEqual(['sub', 'gw', 'peers', 'graph']);

    expect(byName(responses, 'sub')).toMatchObject({ httpStatusCode: 200, content: { subscriptionId } });
    const gw = byName(responses, 'gw');
    expect(gw).toMatchObject({ httpStatusCode: 200, content: { id: gateway.id, name: gateway.name } });
    expect(gw.contentLength).toBe(Buffer.byteLength(JSON.stringify(gw.content)));
    expect(Number(gw.headers['x-ms-ratelimit-remaining-subscription-reads'])).toBeGreaterThan(0);
    expect(byName(responses, 'graph')).toMatchObject({ httpStatusCode: 200, content: { count: 2 } });

    const peers = byName(responses, 'peers');
    expect(peers.httpStatusCode).toBe(202);
    expect(peers.contentLength).toBe(0);
    expect(peers).not.toHaveProperty('content');
    expect(peers.headers).toMatchObject({ 'Retry-After': '1' });
    expect(peers.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(peers.headers['x-ms-ratelimit-remaining-subscription-writes'])).toBeGreaterThan(0);
    const location = peers.headers.Location ?? '';
    const asyncOperation = peers.headers['Azure-AsyncOperation'] ?? '';
    expect(location).toContain(`${arm.url}/subscriptions/${gateway.subscriptionId}/providers/Microsoft.Network/locations/`);
    expect(asyncOperation).toContain('/operations/');

    const running = await sync([
      { httpMethod: 'GET', name: 'status', url: asyncOperation },
      { httpMethod: 'GET', name: 'result', url: location },
    ]);
    expect(byName(running.responses, 'status')).toMatchObject({ httpStatusCode: 200, content: { status: 'InProgress' } });
    expect(byName(running.responses, 'result')).toMatchObject({ httpStatusCode: 202, headers: { Location: location } });

    arm.advance(2_000);
    const done = await sync([
      { httpMethod: 'GET', name: 'status', url: asyncOperation },
      { httpMethod: 'GET', name: 'result', url: location },
    ]);
    expect(byName(done.responses, 'status')).toMatchObject({ httpStatusCode: 200, content: { status: 'Succeeded' } });
    const result = byName(done.responses, 'result');
    expect(result.httpStatusCode).toBe(200);
    expect((result.content as { value: unknown[] }).value).toHaveLength(gateway.peers.length);
  });

  it('answers unknown paths and wrong methods inside the batch as ARM would answer them alone', async () => {
    arm = await startTestArm();
    const gateway = arm.gatewayOf('vpnSingle');
    const { responses } = await sync([
      { httpMethod: 'GET', name: 'nowhere', url: `/subscriptions/x/nowhere?${NETWORK_API}` },
      { httpMethod: 'get', name: 'wrong-method', url: `${gateway.id}/getBgpPeerStatus?${NETWORK_API}` },
      { httpMethod: 'GET', name: 'no-version', url: gateway.id },
      { httpMethod: 'GET', name: 'nested', url: `/batch?${BATCH_API}` },
    ]);
    expect(byName(responses, 'nowhere')).toMatchObject({ httpStatusCode: 404, content: { error: { code: 'NotFound' } } });
    expect(byName(responses, 'wrong-method')).toMatchObject({ httpStatusCode: 405, content: { error: { code: 'MethodNotAllowed' } } });
    expect(byName(responses, 'no-version')).toMatchObject({ httpStatusCode: 400, content: { error: { code: 'MissingApiVersionParameter' } } });
    expect(byName(responses, 'nested').httpStatusCode).toBe(404);
  });

  it('uses the outer bearer token for each inner request: a bad one makes inner 401s, the batch still 200', async () => {
    arm = await startTestArm();
    const gateway = arm.gatewayOf('vpnSingle');
    const requests = [
      { httpMethod: 'GET', name: 'gw', url: `${gateway.id}?${NETWORK_API}` },
      { httpMethod: 'POST', name: 'peers', url: `${gateway.id}/getBgpPeerStatus?${NETWORK_API}` },
    ];
    const bad = await sync(requests, { Authorization: 'Bearer forged' });
    for (const inner of bad.responses) {
      expect(inner).toMatchObject({ httpStatusCode: 401, content: { error: { code: 'InvalidAuthenticationToken' } } });
      expect(inner.headers['WWW-Authenticate']).toContain('error="invalid_token"');
    }
    const expired = await sync(requests, { Authorization: 'Bearer expired' });
    expect(expired.responses.map((r) => (r.content as { error: { code: string } }).error.code)).toEqual(['ExpiredAuthenticationToken', 'ExpiredAuthenticationToken']);
    const good = await sync(requests);
    expect(good.responses.map((r) => r.httpStatusCode)).toEqual([200, 202]);
  });

  it('spends the write budget for each inner write: an inner 429 carries its Retry-After, the batch is 200', async () => {
    arm = await startTestArm({ rateLimits: { reads: { capacity: 100, refillPerSecond: 1 }, writes: { capacity: 2, refillPerSecond: 1 } } });
    const gateway = arm.gatewayOf('vpnSingle');
    const post = (name: string) => ({ httpMethod: 'POST', name, url: `${gateway.id}/getBgpPeerStatus?${NETWORK_API}` });
    const { responses } = await sync([post('a'), post('b'), post('c')]);
    expect(responses.map((r) => r.httpStatusCode).sort()).toEqual([202, 202, 429]);
    const throttled = responses.find((r) => r.httpStatusCode === 429);
    expect(throttled).toMatchObject({ headers: { 'Retry-After': '1', 'x-ms-ratelimit-remaining-subscription-writes': '0' }, content: { error: { code: 'TooManyRequests' } } });
    // The same budget as direct calls: the batch spent it.
    const direct = await arm.call(`${gateway.id}/getBgpPeerStatus?${NETWORK_API}`, { method: 'POST' });
    expect(direct.status).toBe(429);
  });

  it('applies faults to inner requests: slow delays the batch, dropConnection is an inner 502, the others answer as alone', async () => {
    arm = await startTestArm();
    const [slowGateway, droppedGateway, failingGateway, malformedGateway] = arm.simulation.fleet.gateways;
    if (!slowGateway || !droppedGateway || !failingGateway || !malformedGateway) throw new Error('the small fleet has four gateways');
    arm.control.faults.add({ kind: 'slow', gatewayId: slowGateway.id, delayMs: 300, count: 1 });
    arm.control.faults.add({ kind: 'dropConnection', gatewayId: droppedGateway.id, count: 1 });
    arm.control.faults.add({ kind: 'http503', gatewayId: failingGateway.id, retryAfterSeconds: 7, count: 1 });
    arm.control.faults.add({ kind: 'malformedJson', gatewayId: malformedGateway.id, count: 1 });
    const get = (name: string, id: string) => ({ httpMethod: 'GET', name, url: `${id}?${NETWORK_API}` });
    const started = Date.now();
    const { responses } = await sync([get('slow', slowGateway.id), get('dropped', droppedGateway.id), get('failing', failingGateway.id), get('malformed', malformedGateway.id)]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(byName(responses, 'slow')).toMatchObject({ httpStatusCode: 200, content: { id: slowGateway.id } });
    const dropped = byName(responses, 'dropped');
    expect(dropped).toMatchObject({ httpStatusCode: 502, content: { error: { code: 'BadGateway' } } });
    expect(dropped.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(byName(responses, 'failing')).toMatchObject({ httpStatusCode: 503, headers: { 'Retry-After': '7' }, content: { error: { code: 'ServiceUnavailable' } } });
    const malformed = byName(responses, 'malformed');
    expect(malformed.httpStatusCode).toBe(200);
    expect(typeof malformed.content).toBe('string');
    // Each fault was used up by its inner request.
    expect(arm.control.faults.list()).toEqual([]);
  });
});

describe('--cors-expose', () => {
  it('none: a direct 202 exposes no headers to the browser, while a batch still carries them as JSON', async () => {
    arm = await startTestArm({ corsExpose: 'none' });
    const gateway = arm.gatewayOf('vpnSingle');
    const origin = { Origin: 'http://localhost:5173' };
    const direct = await arm.call(`${gateway.id}/getBgpPeerStatus?${NETWORK_API}`, { method: 'POST', headers: origin });
    expect(direct.status).toBe(202);
    expect(direct.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(direct.headers.has('access-control-expose-headers')).toBe(false);
    expect(direct.headers.get('location')).toBeTruthy();

    const { response, responses } = await sync([{ httpMethod: 'POST', name: 'peers', url: `${gateway.id}/getBgpPeerStatus?${NETWORK_API}` }], origin);
    expect(response.headers.has('access-control-expose-headers')).toBe(false);
    expect(byName(responses, 'peers').headers).toHaveProperty('Location');
    expect(byName(responses, 'peers').headers).toHaveProperty('Azure-AsyncOperation');
  });

  it('all (the default) exposes the polling headers', async () => {
    arm = await startTestArm();
    const direct = await arm.call(`${arm.gatewayOf('vpnSingle').id}/getBgpPeerStatus?${NETWORK_API}`, { method: 'POST', headers: { Origin: 'http://localhost:5173' } });
    expect(direct.headers.get('access-control-expose-headers')).toContain('Azure-AsyncOperation');
  });
});
