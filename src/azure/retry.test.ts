import { describe, expect, it } from 'vitest';
import { ArmError } from './arm-error';
import { fakeArm, json, rejectionOf } from '../testing/fake-arm';
import { parseRetryAfter } from './retry';

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

describe('parseRetryAfter', () => {
  const now = Date.UTC(2024, 0, 1);

  it('reads seconds and HTTP-dates, and null for anything else', () => {
    expect(parseRetryAfter('10', now)).toBe(10_000);
    expect(parseRetryAfter(' 100 ', now)).toBe(100_000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('later', now)).toBeNull();
  });
});
