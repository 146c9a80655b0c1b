import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestArm, type TestArm } from '../testing/arm-test-server';

const API = 'api-version=2023-09-01';
let arm: TestArm;

afterEach(async () => {
  await arm.close();
});

describe('ARM protocol basics', () => {
  beforeEach(async () => {
    arm = await startTestArm();
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
});

describe('throttling budget', () => {
  it('answers 429 with Retry-After when the subscription write budget is spent', async () => {
    arm = await startTestArm({ rateLimits: { reads: { capacity: 100, refillPerSecond: 1 }, writes: { capacity: 2, refillPerSecond: 1 } } });
    const gateway = arm.gatewayOf('vpnSingle');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await arm.startPeerStatus(gateway.id)).response.status);
    expect(statuses).toEqual([202, 202, 429]);
    const throttled = await arm.startPeerStatus(gateway.id);
    expect(throttled.response.headers.get('retry-after')).toBe('1');
    expect(throttled.response.headers.get('x-ms-ratelimit-remaining-subscription-writes')).toBe('0');
    arm.advance(1000);
    expect((await arm.startPeerStatus(gateway.id)).response.status).toBe(202);
  });
});
