import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armResource, claimsOf, guestTenantId, identityClient, scriptClient, startTestIdentity, tenantId } from '../testing/identity-test-client';
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

  it("issues a guest tenant's token from that tenant's own issuer, which ARM's verifier accepts as that tenant", async () => {
    const demo = await identity.issueDemoToken(guestTenantId);
    expect(demo.tenantId).toBe(guestTenantId);
    expect(claimsOf(demo.accessToken).iss).toBe(`${identity.authorityFor(guestTenantId)}/v2.0`);
    expect(claimsOf(demo.accessToken).iss).not.toBe(identity.issuer);
    await expect(identity.verifyAccessToken(demo.accessToken)).resolves.toMatchObject({ oid: demoUser.oid, tid: guestTenantId });
  });

  it("serves each tenant's own authority: discovery names its issuer, and its tokens carry that tenant", async () => {
    const client = identityClient(() => identity);
    const answer = await client.call(`${identity.authorityFor(guestTenantId)}/v2.0/.well-known/openid-configuration`);
    expect(answer.status).toBe(200);
    const discovery = JSON.parse(answer.text) as { issuer: string; token_endpoint: string };
    expect(discovery.issuer).toBe(`${identity.authorityFor(guestTenantId)}/v2.0`);
    const token = await client.postForm(discovery.token_endpoint, {
      grant_type: 'client_credentials',
      client_id: scriptClient.clientId,
      client_secret: scriptClient.clientSecret,
      scope: `${armResource}/.default`,
    });
    expect(token.status).toBe(200);
    const { access_token: accessToken } = JSON.parse(token.text) as { access_token: string };
    await expect(identity.verifyAccessToken(accessToken)).resolves.toMatchObject({ tid: guestTenantId });
    expect((await client.call(`${identity.authorityFor('00000000-0000-4000-8000-0000000000ff')}/v2.0/.well-known/openid-configuration`)).status).toBe(404);
  });
});
