import { afterEach, describe, expect, it } from 'vitest';
import { startTestArm, type TestArm } from '../testing/arm-test-server';
import { BATCH_API, pollUntil, readBatch, sendBatch, type InnerRequestInput } from '../testing/batch-client';

let arm: TestArm;

afterEach(async () => {
  await arm.close();
});

function subscriptionGets(count: number): InnerRequestInput[] {
  const subscriptionId = arm.simulation.fleet.subscriptions[0]?.subscriptionId ?? '';
  return Array.from({ length: count }, (_, i) => ({ httpMethod: 'GET', name: `sub-${i}`, url: `/subscriptions/${subscriptionId}?api-version=2022-12-01` }));
}

async function startAsync(requests: InnerRequestInput[]): Promise<string> {
  const response = await sendBatch(arm, requests);
  expect(response.status).toBe(202);
  expect(response.headers.get('retry-after')).toBe('1');
  expect(response.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  const location = response.headers.get('location') ?? '';
  expect(location).toMatch(new RegExp(`^${arm.url}/batch/operations/[0-9a-f-]{36}\\?${BATCH_API}$`));
  return location;
}

describe('an asynchronous batch (more than 20 requests)', () => {
  it('answers 202 with Location; polling gives the responses finished so far, then 200 with all', async () => {
    arm = await startTestArm();
    const gateway = arm.gatewayOf('vpnSingle');
    arm.control.faults.add({ kind: 'slow', gatewayId: gateway.id, delayMs: 600, count: 1 });
    const requests = [...subscriptionGets(24), { httpMethod: 'GET', name: 'slow-gateway', url: `${gateway.id}?api-version=2023-09-01` }];
    const location = await startAsync(requests);

    const partial = await pollUntil(() => readBatch(arm, location), ({ body }) => (body.responses?.length ?? 0) >= 24);
    expect(partial.status).toBe(202);
    expect(partial.response.headers.get('retry-after')).toBe('1');
    expect(partial.response.headers.get('location')).toBe(location);
    expect(partial.body.responses?.map((r) => r.name)).toEqual(requests.slice(0, 24).map((r) => r.name));

    const done = await pollUntil(() => readBatch(arm, location), ({ status }) => status === 200);
    expect(done.body.responses?.map((r) => r.name)).toEqual(requests.map((r) => r.name));
    expect(done.body.responses?.at(-1)).toMatchObject({ name: 'slow-gateway', httpStatusCode: 200, content: { id: gateway.id } });
    expect(done.response.headers.has('location')).toBe(false);
  });

  it('pages past 100 responses: `value` in pages of 100 with nextLink', async () => {
    arm = await startTestArm();
    const location = await startAsync(subscriptionGets(250));
    const first = await pollUntil(() => readBatch(arm, location), ({ status }) => status === 200);
    expect(first.body).not.toHaveProperty('responses');
    expect(first.body.value?.map((r) => r.name)).toEqual(subscriptionGets(100).map((r) => r.name));
    const names = [...(first.body.value ?? []).map((r) => r.name)];
    let nextLink = first.body.nextLink;
    let pages = 1;
    while (nextLink && pages < 10) {
      expect(nextLink.startsWith(`${arm.url}/batch/operations/`)).toBe(true);
      const page = await readBatch(arm, nextLink);
      expect(page.status).toBe(200);
      names.push(...(page.body.value ?? []).map((r) => r.name));
      nextLink = page.body.nextLink;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(names).toEqual(subscriptionGets(250).map((r) => r.name));
  });

  it('reads results only with a valid token of the principal that sent the batch', async () => {
    arm = await startTestArm();
    const location = await startAsync(subscriptionGets(21));
    const refused = await readBatch(arm, location, { Authorization: 'Bearer forged' });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    const unknown = await readBatch(arm, `/batch/operations/00000000-0000-0000-0000-000000000000?${BATCH_API}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'BatchOperationNotFound' } });
    const noVersion = await readBatch(arm, location.replace(`?${BATCH_API}`, ''));
    expect(noVersion.body).toMatchObject({ error: { code: 'MissingApiVersionParameter' } });
    arm.advance(11 * 60_000);
    expect((await readBatch(arm, location)).status).toBe(404);
  });
});

describe('a batch ARM refuses as a whole', () => {
  it.each([
    ['more than 500 requests', () => ({ requests: subscriptionGets(501) }), /at most 500 requests; this one has 501/],
    ['a body that is not {requests: [...]}', () => ({ request: [] }), /'requests' array/],
    ['a request without name', () => ({ requests: [{ httpMethod: 'GET', url: '/subscriptions?api-version=2022-12-01' }] }), /requests\[0\] has no 'name'/],
    ['a request without url', () => ({ requests: [{ httpMethod: 'GET', name: 'a' }] }), /requests\[0\] \('a'\) has no 'url'/],
    ['a request without httpMethod', () => ({ requests: [{ name: 'a', url: '/subscriptions?api-version=2022-12-01' }] }), /requests\[0\] \('a'\) has no valid 'httpMethod'/],
    ['duplicate names', () => ({ requests: [...subscriptionGets(2), { ...subscriptionGets(1)[0] }] }), /requests\[2\] and requests\[0\] share the name 'sub-0'/],
    ['a URL on another origin', () => ({ requests: [{ httpMethod: 'GET', name: 'a', url: 'https://management.azure.com/subscriptions?api-version=2022-12-01' }] }), /names 'https:\/\/management.azure.com', which is not this ARM endpoint/],
    ['more than 20 requests with content', () => ({ requests: subscriptionGets(21).map((r) => ({ ...r, httpMethod: 'POST', content: {} })) }), /At most 20 requests of a batch may carry 'content'; this one has 21/],
  ])('refuses %s with 400 InvalidBatchRequest naming it', async (_title, body, message) => {
    arm = await startTestArm();
    const response = await arm.call(`/batch?${BATCH_API}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body()) });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const error = ((await response.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('InvalidBatchRequest');
    expect(error.message).toMatch(message);
  });

  it('refuses a body that is not JSON, a missing or malformed api-version, and other methods', async () => {
    arm = await startTestArm();
    const post = (query: string, body: string) => arm.call(`/batch${query}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const codeOf = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;
    const notJson = await post(`?${BATCH_API}`, '{"requests": [');
    expect([notJson.status, await codeOf(notJson)]).toEqual([400, 'InvalidBatchRequest']);
    const missing = await post('', '{"requests": []}');
    expect([missing.status, await codeOf(missing)]).toEqual([400, 'MissingApiVersionParameter']);
    const invalid = await post('?api-version=june', '{"requests": []}');
    expect([invalid.status, await codeOf(invalid)]).toEqual([400, 'InvalidApiVersionParameter']);
    const get = await arm.call(`/batch?${BATCH_API}`);
    expect([get.status, await codeOf(get)]).toEqual([405, 'MethodNotAllowed']);
  });
});

describe('request counts', () => {
  it('count batch calls, polls and preflights apart, and each inner request as if sent alone', async () => {
    arm = await startTestArm();
    const [a, b] = arm.simulation.fleet.gateways;
    if (!a || !b) throw new Error('two gateways');
    const preflight = await fetch(`${arm.url}/batch?${BATCH_API}`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.headers.get('access-control-max-age')).toBe('3600');
    const sync = await sendBatch(arm, [
      { httpMethod: 'POST', name: 'a1', url: `${a.id}/getBgpPeerStatus?api-version=2023-09-01` },
      { httpMethod: 'POST', name: 'a2', url: `${a.id}/getBgpPeerStatus?api-version=2023-09-01` },
      { httpMethod: 'GET', name: 'b', url: `${b.id}?api-version=2023-09-01` },
    ]);
    expect(sync.status).toBe(200);
    const location = await startAsync(subscriptionGets(21));
    await pollUntil(() => readBatch(arm, location), ({ status }) => status === 200);
    await arm.call(`${b.id}?api-version=2023-09-01`);

    const counts = (await (await fetch(`${arm.url}/_emulator/requests`)).json()) as Record<string, unknown> & { batch: { polls: number } };
    expect(counts).toMatchObject({
      total: 3 + 21 + 1,
      byOperation: { getBgpPeerStatus: 2, getGateway: 2, getSubscription: 21 },
      byGateway: { [a.id]: { total: 2, byOperation: { getBgpPeerStatus: 2 } }, [b.id]: { total: 2, byOperation: { getGateway: 2 } } },
      batch: { calls: 2, innerRequests: 24 },
      preflight: 1,
    });
    expect(counts.batch.polls).toBeGreaterThanOrEqual(1);
    expect(counts.httpRequests).toBe(1 + 2 + counts.batch.polls + 1);
  });
});
