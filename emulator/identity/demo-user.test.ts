import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIdentity, tenantId } from '../testing/identity-test-client';
import { demoUser } from './demo-user.ts';
import type { IdentityServer } from './identity-types.ts';

let identity: IdentityServer;

beforeAll(async () => {
  identity = await startTestIdentity();
});

afterAll(async () => {
  await identity.close();
});

describe('issueDemoToken', () => {
  it('issues a token for the demo user that verifies like a signed-in user token', async () => {
    const before = Date.now();
    const demo = await identity.issueDemoToken();
    expect(demo.username).toBe(demoUser.username);
    expect(demo.name).toBe(demoUser.name);
    expect(demo.expiresOn).toBeGreaterThanOrEqual(before + 299_000);
    expect(demo.expiresOn).toBeLessThanOrEqual(Date.now() + 300_000);
    await expect(identity.verifyAccessToken(demo.accessToken)).resolves.toMatchObject({
      oid: demoUser.oid,
      tid: tenantId,
      scp: 'user_impersonation',
      preferredUsername: demoUser.username,
    });
  });
});
