import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { claimsOf, identityClient, startTestIdentity } from '../testing/identity-test-client';
import { demoUser } from './demo-user.ts';
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
