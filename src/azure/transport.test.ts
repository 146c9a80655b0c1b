import { describe, expect, it, vi } from 'vitest';
import { isArmError } from './arm-error';
import { createArmClient } from './arm-client';
import { createArmUrls } from './arm-urls';
import { ENDPOINT, empty, fakeArm, json, raw, rejectionOf } from '../testing/fake-arm';
import { createDirectTransport } from './transport';

describe('requests', () => {
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

  it('can be used without the client: a 2xx answer with its status, headers, parsed body and URL', async () => {
    const urls = createArmUrls(ENDPOINT);
    const transport = createDirectTransport({
      urls,
      getToken: async () => 't',
      fetch: (async () => json(201, { ok: true }, { 'x-ms-request-id': 'req-2' })) as typeof fetch,
      sleep: async () => undefined,
      now: () => 0,
      random: () => 0.5,
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      requestTimeoutMs: 1_000,
    });
    const url = urls.request('/a');
    const answer = await transport.send({ method: 'POST', url, body: {} });
    expect(answer).toMatchObject({ status: 201, body: { ok: true }, url });
    expect(answer.headers.get('x-ms-request-id')).toBe('req-2');
    expect(transport.urls).toBe(urls);
  });

  it('refuses a URL built for another endpoint without asking for a token', async () => {
    let tokens = 0;
    const transport = createDirectTransport({
      urls: createArmUrls(ENDPOINT),
      getToken: async () => `t-${++tokens}`,
      fetch: (async () => json(200, {})) as typeof fetch,
      sleep: async () => undefined,
      now: () => 0,
      random: () => 0.5,
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      requestTimeoutMs: 1_000,
    });
    const elsewhere = createArmUrls('https://evil.example.com').request('/a');
    await expect(transport.send({ method: 'GET', url: elsewhere })).rejects.toMatchObject({ code: 'ForeignUrl' });
    expect(tokens).toBe(0);
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
