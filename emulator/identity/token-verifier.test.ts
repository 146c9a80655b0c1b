import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { claimsOf, identityClient, startTestIdentity } from '../testing/identity-test-client';
import { createDemoTokenIssuer, demoUser } from './demo-user.ts';
import { createSigningKeys, SIGNING_ALG } from './keys-and-certificate.ts';
import { createTokenVerifier } from './token-verifier.ts';
import type { IdentityServer } from './identity-types.ts';

let identity: IdentityServer;
const { scriptToken, rejectionOf } = identityClient(() => identity);

beforeAll(async () => {
  identity = await startTestIdentity();
});

afterAll(async () => {
  await identity.close();
});

describe('verifyAccessToken', () => {
  it('refuses an expired token with ExpiredAuthenticationToken', async () => {
    const token = await scriptToken();
    const exp = Number(claimsOf(token).exp);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime((exp + 1) * 1000);
      const error = await rejectionOf(token);
      expect(error.code).toBe('ExpiredAuthenticationToken');
      expect(error.message).toMatch(/^The access token expiry UTC time '.+' is earlier than current UTC time '.+'\.$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a token it accepted before once that token has expired', async () => {
    const token = await scriptToken();
    const exp = Number(claimsOf(token).exp);
    await expect(identity.verifyAccessToken(token)).resolves.toMatchObject({ exp });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(exp * 1000);
      expect((await rejectionOf(token)).code).toBe('ExpiredAuthenticationToken');
    } finally {
      vi.useRealTimers();
    }
  });

  it('still accepts the same token one second before it expires', async () => {
    const token = await scriptToken();
    const exp = Number(claimsOf(token).exp);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime((exp - 1) * 1000);
      await expect(identity.verifyAccessToken(token)).resolves.toMatchObject({ exp });
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [header, , signature] = (await scriptToken()).split('.');
    const payload = Buffer.from(JSON.stringify({ ...claimsOf(await scriptToken()), oid: demoUser.oid })).toString('base64url');
    const error = await rejectionOf(`${header}.${payload}.${signature}`);
    expect(error.code).toBe('InvalidAuthenticationToken');
    expect(error.message).toContain('signature');
  });

  it('refuses a token signed by another key under the same kid', async () => {
    const genuine = await scriptToken();
    const { kid } = JSON.parse(Buffer.from(genuine.split('.')[0] ?? '', 'base64url').toString()) as { kid: string };
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...claimsOf(genuine) }).setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' }).sign(privateKey);
    const error = await rejectionOf(forged);
    expect(error.code).toBe('InvalidAuthenticationToken');
  });

  it('refuses a token from another emulator instance even with the same audience', async () => {
    const other = await startTestIdentity();
    try {
      const { accessToken } = await other.issueDemoToken();
      expect((await rejectionOf(accessToken)).code).toBe('InvalidAuthenticationToken');
    } finally {
      await other.close();
    }
  });

  it('refuses something that is not a JWT', async () => {
    const error = await rejectionOf('not-a-token');
    expect(error.code).toBe('InvalidAuthenticationToken');
    expect(error.message).toBe('The access token is invalid.');
  });
});

describe('verifyAccessToken across tenants', () => {
  it("accepts each tenant's token from its own issuer, and refuses one whose tid is not its issuer's tenant", async () => {
    const keys = await createSigningKeys();
    const issuers = new Map([
      ['home-tenant', 'https://localhost:1/home-tenant/v2.0'],
      ['guest-tenant', 'https://localhost:1/guest-tenant/v2.0'],
    ]);
    const verify = createTokenVerifier({ publicJwk: keys.publicJwk, issuers, audience: 'http://localhost:8710', algorithm: SIGNING_ALG });
    const settings = { keys, armResource: 'http://localhost:8710', tenantId: 'home-tenant', spaClientId: 'spa', tokenLifetimeSeconds: 300 };

    const honest = createDemoTokenIssuer({ ...settings, issuerFor: (tenantId) => issuers.get(tenantId) ?? '' });
    await expect(verify((await honest('guest-tenant')).accessToken)).resolves.toMatchObject({ tid: 'guest-tenant' });
    await expect(verify((await honest()).accessToken)).resolves.toMatchObject({ tid: 'home-tenant' });

    // Signed by the home authority but claiming the guest tenant: ARM must not take its word.
    const forged = createDemoTokenIssuer({ ...settings, issuerFor: () => issuers.get('home-tenant') ?? '' });
    await expect(verify((await forged('guest-tenant')).accessToken)).rejects.toMatchObject({ code: 'InvalidAuthenticationToken' });
    // An issuer of no known tenant is refused as ARM refuses a wrong issuer.
    const stranger = createDemoTokenIssuer({ ...settings, issuerFor: () => 'https://localhost:1/stranger/v2.0' });
    await expect(verify((await stranger('stranger')).accessToken)).rejects.toMatchObject({ code: 'InvalidAuthenticationToken' });
  });
});
