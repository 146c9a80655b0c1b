import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestArm, type TestArm } from '../testing/arm-test-server';

let arm: TestArm;

afterEach(async () => {
  await arm.close();
});

describe('ARM authentication', () => {
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
});
