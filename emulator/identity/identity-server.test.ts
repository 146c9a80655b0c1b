import { request as httpsRequest } from 'node:https';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { demoUser, scriptServicePrincipalId, startIdentity } from './identity-server.ts';
import { TokenRejectedError, type IdentityServer } from './identity-types.ts';

const tenantId = '00000000-0000-4000-8000-00000000e001';
const armResource = 'http://localhost:8710';
const redirectUri = 'http://localhost:5199/';
const spaClientId = 'spa-client-id';
const scriptClient = { clientId: 'script-client-id', clientSecret: 'script-secret' };

interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

let identity: IdentityServer;

beforeAll(async () => {
  identity = await startIdentity({
    port: 0,
    tenantId,
    spaClientId,
    scriptClient,
    armResource,
    tokenLifetimeSeconds: 300,
    redirectUris: [redirectUri],
  });
});

afterAll(async () => {
  await identity.close();
});

/** An https call that trusts only the emulator's own certificate (so its SAN must be right). */
function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: init.method ?? 'GET', headers: init.headers, ca: identity.certificate }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpsAnswer> {
  return call(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

async function discovery(): Promise<{ issuer: string; token_endpoint: string; authorization_endpoint: string; jwks_uri: string }> {
  const answer = await call(`${identity.authority}/v2.0/.well-known/openid-configuration`);
  expect(answer.status).toBe(200);
  return JSON.parse(answer.text);
}

async function scriptToken(form: Record<string, string> = {}): Promise<string> {
  const { token_endpoint } = await discovery();
  const answer = await postForm(token_endpoint, {
    grant_type: 'client_credentials',
    client_id: scriptClient.clientId,
    client_secret: scriptClient.clientSecret,
    scope: `${armResource}/.default`,
    ...form,
  });
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.text) as { access_token: string }).access_token;
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

async function rejectionOf(token: string): Promise<TokenRejectedError> {
  const error = await identity.verifyAccessToken(token).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TokenRejectedError);
  return error as TokenRejectedError;
}

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
    const other = await startIdentity({ port: 0, tenantId, spaClientId, scriptClient, armResource, tokenLifetimeSeconds: 300, redirectUris: [redirectUri] });
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
