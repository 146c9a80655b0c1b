import { request as httpsRequest } from 'node:https';
import { expect } from 'vitest';
import { startIdentity } from '../identity/identity-server';
import type { IdentityServer } from '../identity/identity-types';
import { TokenRejectedError } from '../identity/token-verifier';

/** An identity server for tests, and a client that talks to it over HTTPS like MSAL or a script would. */

export const tenantId = '00000000-0000-4000-8000-00000000e001';
/** A customer directory where the demo user is a guest. */
export const guestTenantId = '00000000-0000-4000-8000-00000000e002';
export const armResource = 'http://localhost:8710';
export const redirectUri = 'http://localhost:5199/';
export const spaClientId = 'spa-client-id';
export const scriptClient = { clientId: 'script-client-id', clientSecret: 'script-secret' };

export function startTestIdentity(): Promise<IdentityServer> {
  return startIdentity({ port: 0, tenantId, guestTenantIds: [guestTenantId], spaClientId, scriptClient, armResource, tokenLifetimeSeconds: 300, redirectUris: [redirectUri] });
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

/** `identity` is read at each call, so a test file can make the client before its server starts. */
export function identityClient(identity: () => IdentityServer) {
  /** An https call that trusts only the emulator's own certificate (so its SAN must be right). */
  function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpsAnswer> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, { method: init.method ?? 'GET', headers: init.headers, ca: identity().certificate }, (res) => {
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
    const answer = await call(`${identity().authority}/v2.0/.well-known/openid-configuration`);
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

  async function rejectionOf(token: string): Promise<TokenRejectedError> {
    const error = await identity().verifyAccessToken(token).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TokenRejectedError);
    return error as TokenRejectedError;
  }

  return { call, postForm, discovery, scriptToken, rejectionOf };
}
