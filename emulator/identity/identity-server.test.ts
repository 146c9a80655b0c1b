import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armResource, claimsOf, guestTenantId, identityClient, redirectUri, scriptClient, spaClientId, startTestIdentity, tenantId, type HttpsAnswer } from '../testing/identity-test-client';
import { demoUser, scriptServicePrincipalId } from './demo-user.ts';
import type { IdentityServer } from './identity-types.ts';

let identity: IdentityServer;
const { call, postForm, discovery, scriptToken, rejectionOf } = identityClient(() => identity);

beforeAll(async () => {
  identity = await startTestIdentity();
});

afterAll(async () => {
  await identity.close();
});

/** Walks the browser's part of authorization code + PKCE by hand, keeping cookies like a browser would. */
async function signInAsDemoUser(): Promise<Record<string, string>> {
  const { authorization_endpoint, token_endpoint } = await discovery();
  const cookies = new Map<string, string>();
  const remember = (answer: HttpsAnswer) => {
    const setCookie = answer.headers['set-cookie'] ?? [];
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      cookies.set(name, value);
    }
  };
  const cookieHeader = () => ({ cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') });
  const absolute = (location: unknown) => new URL(String(location), identity.issuer).href;

  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: spaClientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    response_mode: 'query',
    // Exactly what MSAL sends: no resource, no prompt=consent, offline_access among the scopes.
    scope: `${armResource}/user_impersonation openid profile offline_access`,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: 'state-1',
    nonce: 'nonce-1',
    client_info: '1',
  }).toString();

  const toSignIn = await call(authorize.href);
  expect(toSignIn.status).toBe(303);
  remember(toSignIn);
  const signInPage = await call(absolute(toSignIn.headers.location), { headers: cookieHeader() });
  expect(signInPage.status).toBe(200);
  expect(signInPage.text).toContain('Sign in as Demo Engineer (emulator)');
  const action = /action="([^"]+)"/.exec(signInPage.text)?.[1];
  const submitted = await call(absolute(action), { method: 'POST', headers: cookieHeader() });
  expect(submitted.status).toBe(303);
  remember(submitted);
  const resumed = await call(absolute(submitted.headers.location), { headers: cookieHeader() });
  expect(resumed.status).toBe(303);
  const back = new URL(String(resumed.headers.location));
  expect(back.origin + back.pathname).toBe(redirectUri);
  const code = back.searchParams.get('code');
  expect(code).toBeTruthy();

  const tokens = await postForm(
    token_endpoint,
    {
      client_id: spaClientId,
      grant_type: 'authorization_code',
      code: code ?? '',
      code_verifier: verifier,
      redirect_uri: redirectUri,
      scope: `${armResource}/user_impersonation openid profile offline_access`,
      client_info: '1',
    },
    { origin: 'http://localhost:5199' },
  );
  expect(tokens.status).toBe(200);
  expect(tokens.headers['access-control-allow-origin']).toBe('http://localhost:5199');
  return JSON.parse(tokens.text);
}

describe('identity discovery', () => {
  it('serves the discovery document where MSAL looks for it in AAD mode and in OIDC mode, with an https issuer', async () => {
    const aad = await discovery();
    const oidc = JSON.parse((await call(`${identity.oidcAuthority}/.well-known/openid-configuration`)).text);
    expect(aad.issuer).toBe(identity.issuer);
    expect(oidc.issuer).toBe(identity.issuer);
    expect(identity.issuer.startsWith('https://localhost:')).toBe(true);
    expect(identity.authority).toBe(`https://${identity.knownAuthority}/${tenantId}`);
    const keys = JSON.parse((await call(aad.jwks_uri)).text) as { keys: Array<{ kty: string; d?: string }> };
    expect(keys.keys[0]?.kty).toBe('RSA');
    expect(keys.keys[0]?.d).toBeUndefined();
  });
});

describe('client_credentials for scripts', () => {
  it('issues an ARM token for the script client that the emulator accepts as the service principal', async () => {
    const token = await scriptToken();
    const verified = await identity.verifyAccessToken(token);
    expect(verified).toMatchObject({ oid: scriptServicePrincipalId, tid: tenantId, appid: scriptClient.clientId });
    expect(verified.scp).toBeUndefined();
    expect(claimsOf(token).aud).toBe(armResource);
  });

  it('issues an ARM token even when the script asks for no scope', async () => {
    const token = await scriptToken({ scope: '' });
    await expect(identity.verifyAccessToken(token)).resolves.toMatchObject({ oid: scriptServicePrincipalId });
  });

  it('refuses a wrong client secret', async () => {
    const { token_endpoint } = await discovery();
    const answer = await postForm(token_endpoint, {
      grant_type: 'client_credentials',
      client_id: scriptClient.clientId,
      client_secret: 'not-the-secret',
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text).error).toBe('invalid_client');
  });
});

describe('authorization code + PKCE for the SPA', () => {
  it('signs the demo user in with one click and returns Entra-shaped tokens, client_info and a refresh token', async () => {
    const tokens = await signInAsDemoUser();
    expect(tokens.refresh_token).toBeTruthy();
    expect(JSON.parse(Buffer.from(tokens.client_info ?? '', 'base64url').toString())).toEqual({ uid: demoUser.oid, utid: tenantId });

    const access = claimsOf(tokens.access_token ?? '');
    expect(access).toMatchObject({
      aud: armResource,
      iss: identity.issuer,
      scp: 'user_impersonation',
      tid: tenantId,
      oid: demoUser.oid,
      preferred_username: demoUser.username,
      name: demoUser.name,
    });
    expect(Number(access.exp) - Number(access.iat)).toBe(300);
    await expect(identity.verifyAccessToken(tokens.access_token ?? '')).resolves.toMatchObject({ scp: 'user_impersonation' });

    const id = claimsOf(tokens.id_token ?? '');
    expect(id).toMatchObject({ aud: spaClientId, tid: tenantId, oid: demoUser.oid, preferred_username: demoUser.username, name: demoUser.name, nonce: 'nonce-1' });
  });

  it('renews the access token with the refresh token even though MSAL asks for offline_access again', async () => {
    const tokens = await signInAsDemoUser();
    const { token_endpoint } = await discovery();
    for (let renewal = 0; renewal < 2; renewal++) {
      const renewed = await postForm(token_endpoint, {
        client_id: spaClientId,
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token ?? '',
        scope: `${armResource}/user_impersonation openid profile offline_access`,
        client_info: '1',
      });
      expect(renewed.status).toBe(200);
      const body = JSON.parse(renewed.text) as Record<string, string>;
      expect(body.client_info).toBe(tokens.client_info);
      await expect(identity.verifyAccessToken(body.access_token ?? '')).resolves.toMatchObject({ oid: demoUser.oid });
    }
  });

  it("redeems the home sign-in's refresh token at a guest tenant's authority for that tenant's token, as Entra's multi-tenant refresh tokens are", async () => {
    const tokens = await signInAsDemoUser();
    const guestDiscovery = JSON.parse((await call(`${identity.authorityFor(guestTenantId)}/v2.0/.well-known/openid-configuration`)).text) as { token_endpoint: string };
    const renewed = await postForm(guestDiscovery.token_endpoint, {
      client_id: spaClientId,
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
      scope: `${armResource}/user_impersonation openid profile offline_access`,
      client_info: '1',
    });
    expect(renewed.text).toContain('access_token');
    expect(renewed.status).toBe(200);
    const body = JSON.parse(renewed.text) as Record<string, string>;
    // The same account (client_info names the home tenant), a token of the guest tenant.
    expect(body.client_info).toBe(tokens.client_info);
    await expect(identity.verifyAccessToken(body.access_token ?? '')).resolves.toMatchObject({ oid: demoUser.oid, tid: guestTenantId });
    expect(claimsOf(body.id_token ?? '').tid).toBe(guestTenantId);
  });

  it('answers invalid_scope when a refresh asks for a scope never granted', async () => {
    const tokens = await signInAsDemoUser();
    const { token_endpoint } = await discovery();
    const renewed = await postForm(token_endpoint, {
      client_id: spaClientId,
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token ?? '',
      scope: `${armResource}/user_impersonation openid profile offline_access https://graph.example/Mail.Read`,
    });
    expect(renewed.status).toBe(400);
    expect(JSON.parse(renewed.text).error).toBe('invalid_scope');
  });

  it('refuses an id token as an ARM token because its audience is the SPA', async () => {
    const tokens = await signInAsDemoUser();
    const error = await rejectionOf(tokens.id_token ?? '');
    expect(error.code).toBe('InvalidAuthenticationToken');
    expect(error.message).toContain(`wrong audience or resource '${spaClientId}'`);
  });
});
