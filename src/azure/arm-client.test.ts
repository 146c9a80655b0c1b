import { describe, expect, it, vi } from 'vitest';
import { ArmError, isArmError } from './arm-error';
import { createArmClient } from './arm-client';
import { ENDPOINT, GATEWAY_ID, empty, fakeArm, json, raw, rejectionOf } from '../testing/fake-arm';

const SUB = '00000000-1111-2222-3333-444444444444';
const GATEWAY_PATH = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/gw-1`;

describe('requests', () => {
  it('joins a path to the endpoint and adds the api-version', async () => {
    const arm = fakeArm([json(200, { ok: true })]);
    await expect(arm.client.get('/subscriptions/x')).resolves.toEqual({ ok: true });
    expect(arm.calls[0]?.url).toBe(`${ENDPOINT}/subscriptions/x?api-version=2023-09-01`);
  });

  it('keeps an api-version already in the URL and honours a per-call or client api-version', async () => {
    const arm = fakeArm([json(200, {}), json(200, {}), json(200, {})]);
    await arm.client.get('/a?api-version=2020-01-01');
    await arm.client.get('/b', { apiVersion: '2021-01-01' });
    await arm.client.get(`${ENDPOINT}/c?x=1`);
    expect(arm.calls.map((c) => c.url)).toEqual([
      `${ENDPOINT}/a?api-version=2020-01-01`,
      `${ENDPOINT}/b?api-version=2021-01-01`,
      `${ENDPOINT}/c?x=1&api-version=2023-09-01`,
    ]);
    const other = fakeArm([json(200, {})], { apiVersion: '2024-05-01' });
    await other.client.get('/d');
    expect(other.calls[0]?.url).toBe(`${ENDPOINT}/d?api-version=2024-05-01`);
  });

  it('keeps an endpoint path prefix and drops its trailing slash', async () => {
    const arm = fakeArm([json(200, {})], { endpoint: 'http://localhost:8710/arm/' });
    expect(arm.client.endpoint).toBe('http://localhost:8710/arm');
    await arm.client.get('/subscriptions');
    expect(arm.calls[0]?.url).toBe('http://localhost:8710/arm/subscriptions?api-version=2023-09-01');
  });

  it.each(['https://evil.example.com/subscriptions', '//evil.example.com/subscriptions', 'subscriptions', 'http://arm.example.test/x'])(
    'refuses %s without asking for a token or calling it',
    async (url) => {
      const arm = fakeArm([]);
      await expect(arm.client.get(url)).rejects.toMatchObject({ code: 'ForeignUrl' });
      expect(arm.calls).toHaveLength(0);
      expect(arm.tokens).toBe(0);
    },
  );

  it('sends the bearer token and Accept, and Content-Type only with a body', async () => {
    const arm = fakeArm([json(200, {}), json(200, { data: [] })]);
    await arm.client.get('/a');
    await arm.client.post('/b', { query: 'q' });
    expect(arm.calls[0]?.headers).toEqual({ authorization: 'Bearer token-1', accept: 'application/json' });
    expect(arm.calls[1]).toMatchObject({
      method: 'POST',
      body: { query: 'q' },
      headers: { authorization: 'Bearer token-2', accept: 'application/json', 'content-type': 'application/json' },
    });
  });

  it('returns undefined for an empty 2xx body and rejects a non-JSON one as InvalidResponse', async () => {
    const arm = fakeArm([empty(200), raw(200, 'not json', { 'x-ms-request-id': 'req-9' })]);
    await expect(arm.client.get('/a')).resolves.toBeUndefined();
    await expect(arm.client.get('/a')).rejects.toMatchObject({ code: 'InvalidResponse', status: 200, requestId: 'req-9' });
  });

  it('refuses to follow a redirect', async () => {
    const arm = fakeArm([empty(302, { Location: 'https://evil.example.com/' })]);
    await expect(arm.client.get('/a')).rejects.toMatchObject({ code: 'UnexpectedRedirect' });
    expect(arm.calls).toHaveLength(1);
  });

  it('rejects an endpoint that is not an absolute URL', () => {
    expect(() => createArmClient({ endpoint: 'management.azure.com', getToken: async () => 't' })).toThrow(
      /not an absolute URL/,
    );
  });
});

describe('errors', () => {
  it('turns a CloudError into an ArmError with status, code, message, target, details and request id', async () => {
    const arm = fakeArm([
      json(
        403,
        {
          error: {
            code: 'AuthorizationFailed',
            message: 'The client does not have authorization.',
            target: 'gw-1',
            details: [{ code: 'Scope', message: 'missing role', target: 'rg-net' }, 'junk', { code: 'Bare' }],
          },
        },
        { 'x-ms-request-id': 'req-1' },
      ),
    ]);
    const error = await rejectionOf(arm.client.get('/a'));
    expect(isArmError(error)).toBe(true);
    expect(error).toMatchObject({
      status: 403,
      code: 'AuthorizationFailed',
      message: 'The client does not have authorization.',
      target: 'gw-1',
      details: [
        { code: 'Scope', message: 'missing role', target: 'rg-net' },
        { code: 'Bare', message: '' },
      ],
      requestId: 'req-1',
    });
  });

  it('falls back to the correlation id when there is no request id', async () => {
    const arm = fakeArm([json(404, { error: { code: 'ResourceNotFound', message: 'no' } }, { 'x-ms-correlation-request-id': 'corr-1' })]);
    await expect(arm.client.get('/a')).rejects.toMatchObject({ requestId: 'corr-1' });
  });

  it('accepts an unwrapped error body', async () => {
    const arm = fakeArm([json(400, { code: 'InvalidParameter', message: 'bad peer' })]);
    await expect(arm.client.get('/a')).rejects.toMatchObject({ code: 'InvalidParameter', message: 'bad peer' });
  });

  it('falls back to HttpError<status> and the status text for a body that is not a CloudError', async () => {
    const arm = fakeArm([
      new Response('<html>teapot</html>', { status: 418, statusText: "I'm a teapot" }),
      raw(400, ''),
      json(409, { error: 'conflict' }),
    ]);
    await expect(arm.client.get('/a')).rejects.toMatchObject({ status: 418, code: 'HttpError418', message: "I'm a teapot" });
    await expect(arm.client.get('/a')).rejects.toMatchObject({ status: 400, code: 'HttpError400', message: 'ARM answered HTTP 400.' });
    await expect(arm.client.get('/a')).rejects.toMatchObject({ status: 409, code: 'HttpError409' });
  });

  it('wraps a getToken failure as TokenUnavailable, keeping the original as cause', async () => {
    const original = new Error('interaction_required: sign in again');
    const arm = fakeArm([], {
      getToken: async () => {
        throw original;
      },
    });
    const error = await rejectionOf(arm.client.get('/a'));
    expect(error).toMatchObject({ code: 'TokenUnavailable', cause: original });
    expect((error as Error).message).toContain('interaction_required: sign in again');
    expect(arm.calls).toHaveLength(0);
  });

  it('rethrows an AbortError from getToken as is', async () => {
    const abort = new DOMException('stop', 'AbortError');
    const arm = fakeArm([], {
      getToken: async () => {
        throw abort;
      },
    });
    await expect(arm.client.get('/a')).rejects.toBe(abort);
  });
});

describe('retries', () => {
  const busy = () => json(503, { error: { code: 'ServiceUnavailable', message: 'busy' } });

  it.each([429, 500, 502, 503, 504])('retries HTTP %i and succeeds on a later attempt', async (status) => {
    const arm = fakeArm([json(status, { error: { code: `E${status}`, message: 'x' } }), json(200, { ok: 1 })]);
    await expect(arm.client.get('/a')).resolves.toEqual({ ok: 1 });
    expect(arm.calls).toHaveLength(2);
  });

  it('backs off exponentially with jitter when there is no Retry-After', async () => {
    // random() is 0.5 in the fake: half the exponential step plus half of the other half.
    const arm = fakeArm([busy(), busy(), busy(), json(200, {})], { retry: { maxAttempts: 4 } });
    await arm.client.get('/a');
    expect(arm.sleeps).toEqual([750, 1500, 3000]);
  });

  it('keeps jittered backoff within [half, full] of the exponential step', async () => {
    const low = fakeArm([busy(), json(200, {})], { random: () => 0 });
    const high = fakeArm([busy(), json(200, {})], { random: () => 0.999 });
    await low.client.get('/a');
    await high.client.get('/a');
    expect(low.sleeps[0]).toBe(500);
    expect(high.sleeps[0]).toBeGreaterThan(990);
    expect(high.sleeps[0]).toBeLessThan(1000);
  });

  it('waits a longer Retry-After instead of the backoff, but never more than the cap', async () => {
    const arm = fakeArm(
      [
        json(429, { error: { code: 'TooManyRequests', message: 'x' } }, { 'Retry-After': '20' }),
        json(429, { error: { code: 'TooManyRequests', message: 'x' } }, { 'Retry-After': '100' }),
        json(200, {}),
      ],
      { retry: { maxDelayMs: 30_000 } },
    );
    await arm.client.get('/a');
    expect(arm.sleeps).toEqual([20_000, 30_000]);
  });

  it('caps the exponential backoff', async () => {
    const arm = fakeArm([busy(), busy(), busy(), busy(), json(200, {})], {
      retry: { maxAttempts: 5, baseDelayMs: 10_000, maxDelayMs: 15_000 },
      random: () => 0.999999,
    });
    await arm.client.get('/a');
    expect(Math.max(...arm.sleeps)).toBeLessThanOrEqual(15_000);
  });

  it('stops after maxAttempts and throws the last error with its Retry-After', async () => {
    const arm = fakeArm([
      busy(),
      busy(),
      json(429, { error: { code: 'TooManyRequests', message: 'last' } }, { 'Retry-After': '9' }),
    ]);
    await expect(arm.client.get('/a')).rejects.toMatchObject({
      status: 429,
      code: 'TooManyRequests',
      message: 'last',
      retryAfterMs: 9_000,
    });
    expect(arm.calls).toHaveLength(3);
  });

  it('turns repeated network failures into a NetworkError with a human message', async () => {
    const cause = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    const arm = fakeArm([cause, cause, cause]);
    const error = await rejectionOf(arm.client.post('/a', {}));
    expect(error).toBeInstanceOf(ArmError);
    expect(error).toMatchObject({ code: 'NetworkError', cause });
    expect((error as Error).message).toMatch(/Could not reach ARM at https:\/\/arm\.example\.test \(fetch failed: ECONNREFUSED\)/);
    expect(arm.calls).toHaveLength(3);
  });

  it('treats a connection dropped while reading the body as a network failure', async () => {
    const broken = new Response(
      new ReadableStream({
        start(controller) {
          controller.error(new TypeError('terminated'));
        },
      }),
      { status: 200 },
    );
    const arm = fakeArm([broken, json(200, { ok: 1 })]);
    await expect(arm.client.get('/a')).resolves.toEqual({ ok: 1 });
  });

  it.each([400, 401, 403, 404, 409])('does not retry HTTP %i (a 401 without a token code included)', async (status) => {
    const arm = fakeArm([json(status, { error: { code: 'X', message: 'x' } })]);
    await expect(arm.client.get('/a')).rejects.toMatchObject({ status });
    expect(arm.calls).toHaveLength(1);
  });

  it.each(['ExpiredAuthenticationToken', 'InvalidAuthenticationToken'])(
    'a 401 %s is tried once more at once with a force-refreshed token',
    async (code) => {
      const asked: (boolean | undefined)[] = [];
      let issued = 0;
      const arm = fakeArm([json(401, { error: { code, message: 'refused' } }), json(200, { ok: 1 })], {
        getToken: async (_signal, options) => {
          asked.push(options?.forceRefresh);
          return `token-${++issued}`;
        },
      });
      await expect(arm.client.get('/a')).resolves.toEqual({ ok: 1 });
      expect(asked).toEqual([undefined, true]);
      expect(arm.calls[1]?.headers.authorization).toBe('Bearer token-2');
      expect(arm.sleeps).toEqual([]);
    },
  );

  it('a token refused again after a forced refresh is an error, not a loop', async () => {
    const refused = () => json(401, { error: { code: 'ExpiredAuthenticationToken', message: 'refused' } });
    const arm = fakeArm([refused(), refused()]);
    await expect(arm.client.get('/a')).rejects.toMatchObject({ status: 401, code: 'ExpiredAuthenticationToken' });
    expect(arm.calls).toHaveLength(2);
  });

  it('stops retrying when aborted during the backoff', async () => {
    const controller = new AbortController();
    const arm = fakeArm([busy(), busy()], {
      sleep: async (_ms, signal) => {
        controller.abort();
        signal?.throwIfAborted();
      },
    });
    const error = await rejectionOf(arm.client.get('/a', { signal: controller.signal }));
    expect((error as DOMException).name).toBe('AbortError');
    expect(arm.calls).toHaveLength(1);
  });
});

describe('getBgpPeerStatus', () => {
  const peers = {
    value: [
      { neighbor: '10.1.0.4', localAddress: '10.0.0.4', asn: 65001, state: 'Connected', connectedDuration: '02:07:41', routesReceived: 3, messagesSent: 10, messagesReceived: 11 },
    ],
  };

  it('posts to the gateway operation and returns the validated peers', async () => {
    const arm = fakeArm([
      empty(202, { Location: `${ENDPOINT}/operations/1`, 'Retry-After': '10' }),
      json(200, peers),
    ]);
    const result = await arm.client.getBgpPeerStatus(GATEWAY_ID);
    expect(arm.calls[0]).toMatchObject({
      method: 'POST',
      url: `${ENDPOINT}${GATEWAY_PATH}/getBgpPeerStatus?api-version=2023-09-01`,
    });
    expect(result).toEqual([
      expect.objectContaining({ neighbor: '10.1.0.4', state: 'Connected', connectedSeconds: 7661, problems: [] }),
    ]);
  });

  it('encodes the peer query parameter', async () => {
    const arm = fakeArm([json(200, { value: [] })]);
    await arm.client.getBgpPeerStatus(GATEWAY_ID, { peer: 'fd00::1&x=y' });
    expect(arm.calls[0]?.url).toBe(
      `${ENDPOINT}${GATEWAY_PATH}/getBgpPeerStatus?peer=fd00%3A%3A1%26x%3Dy&api-version=2023-09-01`,
    );
  });

  it('uses the canonical gateway ID whatever casing it was given in', async () => {
    const arm = fakeArm([json(200, { value: [] })]);
    await arm.client.getBgpPeerStatus(`  ${GATEWAY_ID.replace('Microsoft.Network', 'MICROSOFT.NETWORK')}  `);
    expect(arm.calls[0]?.url).toContain('/providers/Microsoft.Network/virtualNetworkGateways/gw-1/getBgpPeerStatus');
  });

  it('rejects an invalid gateway ID before any request', async () => {
    const arm = fakeArm([]);
    await expect(arm.client.getBgpPeerStatus('/subscriptions/x/resourceGroups/rg')).rejects.toMatchObject({
      code: 'InvalidResourceId',
    });
    expect(arm.calls).toHaveLength(0);
  });

  it('rejects an operation that ends without a result', async () => {
    const arm = fakeArm([empty(202, { Location: `${ENDPOINT}/operations/1` }), empty(204)]);
    const error = await rejectionOf(arm.client.getBgpPeerStatus(GATEWAY_ID));
    expect(error).toMatchObject({ code: 'InvalidResponse' });
    expect((error as Error).message).toMatch(/no result/);
  });

  it('rejects a result that is not a peer list', async () => {
    const arm = fakeArm([json(200, { peers: [] })]);
    await expect(arm.client.getBgpPeerStatus(GATEWAY_ID)).rejects.toMatchObject({ code: 'InvalidResponse' });
  });
});

describe('getGateway', () => {
  it('gets the gateway and validates it', async () => {
    const arm = fakeArm([
      json(200, { id: GATEWAY_ID, name: 'gw-1', location: 'westeurope', properties: { gatewayType: 'Vpn', enableBgp: true } }),
    ]);
    await expect(arm.client.getGateway(GATEWAY_ID)).resolves.toMatchObject({
      id: GATEWAY_ID,
      location: 'westeurope',
      gatewayType: 'Vpn',
      enableBgp: true,
    });
    expect(arm.calls[0]).toMatchObject({ method: 'GET', url: `${ENDPOINT}${GATEWAY_PATH}?api-version=2023-09-01` });
  });
});

describe('listSubscriptions', () => {
  it('follows nextLink and keeps only entries with a subscription ID', async () => {
    const arm = fakeArm([
      json(200, {
        value: [{ subscriptionId: 's1', displayName: 'Prod', tenantId: 't1', state: 'Enabled' }, { displayName: 'broken' }],
        nextLink: `${ENDPOINT}/subscriptions?api-version=2022-12-01&$skiptoken=abc`,
      }),
      json(200, { value: [{ subscriptionId: 's2' }] }),
    ]);
    await expect(arm.client.listSubscriptions()).resolves.toEqual([
      { subscriptionId: 's1', displayName: 'Prod', tenantId: 't1', state: 'Enabled' },
      { subscriptionId: 's2', displayName: 's2', tenantId: null, state: null },
    ]);
    expect(arm.calls.map((c) => c.url)).toEqual([
      `${ENDPOINT}/subscriptions?api-version=2022-12-01`,
      `${ENDPOINT}/subscriptions?api-version=2022-12-01&$skiptoken=abc`,
    ]);
  });

  it('refuses a nextLink on another origin', async () => {
    const arm = fakeArm([json(200, { value: [], nextLink: 'https://evil.example.com/subscriptions' })]);
    await expect(arm.client.listSubscriptions()).rejects.toMatchObject({ code: 'ForeignPollingUrl' });
    expect(arm.calls).toHaveLength(1);
  });

  it('stops when a nextLink repeats', async () => {
    const self = `${ENDPOINT}/subscriptions?api-version=2022-12-01`;
    const arm = fakeArm([json(200, { value: [{ subscriptionId: 's1' }], nextLink: self })]);
    await expect(arm.client.listSubscriptions()).resolves.toHaveLength(1);
  });

  it('rejects a list without a value array', async () => {
    const arm = fakeArm([json(200, { subscriptions: [] })]);
    await expect(arm.client.listSubscriptions()).rejects.toMatchObject({ code: 'InvalidResponse' });
  });
});

describe('discoverGateways', () => {
  const row = (name: string) => ({
    id: GATEWAY_ID.replace('gw-1', name),
    name,
    location: 'westeurope',
    resourceGroup: 'rg-net',
    subscriptionId: SUB,
    properties: { gatewayType: 'Vpn' },
  });

  it('queries Resource Graph for the subscriptions and follows $skipToken', async () => {
    const arm = fakeArm([
      json(200, { totalRecords: 3, count: 2, data: [row('gw-a'), row('gw-b')], $skipToken: 'page2' }),
      json(200, { totalRecords: 3, count: 1, data: [row('gw-c')] }),
    ]);
    const gateways = await arm.client.discoverGateways({ subscriptionIds: [SUB] });
    expect(gateways.map((g) => g.name)).toEqual(['gw-a', 'gw-b', 'gw-c']);
    expect(arm.calls[0]).toMatchObject({
      method: 'POST',
      url: `${ENDPOINT}/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01`,
      body: {
        subscriptions: [SUB],
        query:
          "Resources | where type =~ 'microsoft.network/virtualnetworkgateways' | project id, name, location, resourceGroup, subscriptionId, properties | order by id asc",
        options: { $top: 1000, resultFormat: 'objectArray' },
      },
    });
    expect(arm.calls[1]?.body).toMatchObject({ options: { $top: 1000, resultFormat: 'objectArray', $skipToken: 'page2' } });
  });

  it('asks ARM for the subscriptions when none are given', async () => {
    const arm = fakeArm([
      json(200, { value: [{ subscriptionId: SUB }] }),
      json(200, { data: [row('gw-a')] }),
    ]);
    await expect(arm.client.discoverGateways()).resolves.toHaveLength(1);
    expect(arm.calls[1]?.body).toMatchObject({ subscriptions: [SUB] });
  });

  it('skips rows without a usable gateway ID and keeps the others', async () => {
    const arm = fakeArm([json(200, { data: [row('gw-a'), { id: '/bad' }, null, row('gw-b')] })]);
    const gateways = await arm.client.discoverGateways({ subscriptionIds: [SUB] });
    expect(gateways.map((g) => g.name)).toEqual(['gw-a', 'gw-b']);
  });

  it('makes no query when there are no subscriptions', async () => {
    const arm = fakeArm([json(200, { value: [] })]);
    await expect(arm.client.discoverGateways()).resolves.toEqual([]);
    expect(arm.calls).toHaveLength(1);
  });

  it('rejects an answer without a data array', async () => {
    const arm = fakeArm([json(200, { rows: [] })]);
    await expect(arm.client.discoverGateways({ subscriptionIds: [SUB] })).rejects.toMatchObject({ code: 'InvalidResponse' });
  });
});

describe('default sleep', () => {
  it('waits with a timer and rejects with the AbortError when aborted mid-wait', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      let calls = 0;
      const client = createArmClient({
        endpoint: ENDPOINT,
        getToken: async () => 't',
        fetch: (async () => {
          calls++;
          return json(503, { error: { code: 'ServiceUnavailable', message: 'busy' } });
        }) as typeof fetch,
      });
      const pending = rejectionOf(client.get('/a', { signal: controller.signal }));
      await vi.advanceTimersByTimeAsync(100);
      expect(calls).toBe(1);
      controller.abort();
      const error = await pending;
      expect((error as DOMException).name).toBe('AbortError');
      expect(calls).toBe(1);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('request time limit', () => {
  const hang = (_call: unknown, signal?: AbortSignal) =>
    new Promise<Response>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));

  it('abandons a request that does not answer in time and retries it like a network error', async () => {
    const arm = fakeArm([hang, json(200, { ok: true })], { requestTimeoutMs: 30 });
    await expect(arm.client.get('/subscriptions')).resolves.toEqual({ ok: true });
    expect(arm.calls).toHaveLength(2);
    expect(arm.sleeps).toHaveLength(1);
  });

  it('gives up with RequestTimedOut, naming the limit, after the last attempt', async () => {
    const arm = fakeArm([hang, hang, hang], { requestTimeoutMs: 30 });
    const error = await rejectionOf(arm.client.get('/subscriptions'));
    expect(error).toMatchObject({ code: 'RequestTimedOut', message: expect.stringContaining('30 ms') });
    expect(arm.calls).toHaveLength(3);
  });

  it('abandons at the limit even a request whose body never ends and ignores the abort', async () => {
    const deaf = () => new Response(new ReadableStream({ start() {} }), { status: 200 });
    const arm = fakeArm([deaf, json(200, { ok: true })], { requestTimeoutMs: 30 });
    await expect(arm.client.get('/subscriptions')).resolves.toEqual({ ok: true });
    expect(arm.calls).toHaveLength(2);
  });
});
