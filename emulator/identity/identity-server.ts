import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import Provider, { errors as oidcErrors, type Grant, type KoaContextWithOIDC } from 'oidc-provider';
import { generate as generateCertificate } from 'selfsigned';
import { SignJWT, exportJWK, generateKeyPair, createLocalJWKSet, jwtVerify, errors as joseErrors, type JWK } from 'jose';
import { TokenRejectedError, type IdentityOptions, type IdentityServer, type VerifiedToken } from './identity-types.ts';

/** The one user of the emulator. Fixed ids so tests and the ARM side can predict them. */
export const demoUser = {
  oid: '6f1d5c1e-0b7a-4c52-9d3e-2a4d00000001',
  username: 'demo.engineer@emulator.localhost',
  name: 'Demo Engineer',
} as const;

/** The object id of the script client's service principal (Entra puts the app's SP id in `oid`). */
export const scriptServicePrincipalId = '6f1d5c1e-0b7a-4c52-9d3e-2a4d00000002';

const signingAlg = 'RS256';

export async function startIdentity(options: IdentityOptions): Promise<IdentityServer> {
  const listenHost = options.host ?? '127.0.0.1';
  const publicHost = options.host ?? 'localhost';
  const armResource = options.armResource.replace(/\/+$/, '');
  const userScope = `${armResource}/user_impersonation`;
  const defaultScope = `${armResource}/.default`;
  // Entra's v2 authority lives at /{tenant}/v2.0; mounting the provider there makes the issuer and
  // discovery URL the ones MSAL derives for ProtocolMode.AAD, and the same URL works for OIDC mode.
  const mountPath = `/${encodeURIComponent(options.tenantId)}/v2.0`;

  const { privateKey, publicKey } = await generateKeyPair(signingAlg, { extractable: true });
  const kid = randomUUID();
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: signingAlg, use: 'sig' };
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: signingAlg, use: 'sig' };
  const localJwks = createLocalJWKSet({ keys: [publicJwk] });

  // MSAL refuses http: authorities, so the identity face is HTTPS with a throwaway certificate
  // that lives only in memory (never written to the repo).
  const certificate = await generateCertificate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });

  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server: Server = createServer({ key: certificate.private, cert: certificate.cert }, (req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `https://${publicHost}:${port}`;
  const issuer = `${origin}${mountPath}`;
  const spaOrigins = new Set(options.redirectUris.map((uri) => new URL(uri).origin));

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.spaClientId,
        client_name: 'BGP peer dashboard (emulator)',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.redirectUris,
      },
      {
        client_id: options.scriptClient.clientId,
        client_secret: options.scriptClient.clientSecret,
        client_name: 'Emulator script client',
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    jwks: { keys: [privateJwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    responseTypes: ['code'],
    claims: {
      openid: ['sub', 'tid', 'oid'],
      profile: ['name', 'preferred_username'],
    },
    // Entra puts name and preferred_username in the id token; MSAL builds the account from them.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource: renderLogoutPage, postLogoutSuccessSource: renderSignedOutPage },
      resourceIndicators: {
        enabled: true,
        // MSAL never sends `resource`: the ARM resource is read off the scope, as Entra does.
        defaultResource: (ctx: KoaContextWithOIDC, client: { clientId: string } | undefined, oneOf?: string[]) => {
          if (oneOf) return oneOf.includes(armResource) ? armResource : oneOf[0];
          const scopes = String(ctx.oidc?.params?.scope ?? '').split(' ');
          if (scopes.some((scope) => scope === userScope || scope === defaultScope)) return armResource;
          if (client?.clientId === options.scriptClient.clientId) return armResource;
          return undefined;
        },
        getResourceServerInfo: (_ctx: unknown, resourceIndicator: string) => {
          if (resourceIndicator.replace(/\/+$/, '') !== armResource) {
            throw new oidcErrors.InvalidTarget(`unknown resource ${resourceIndicator}; this emulator only issues tokens for ${armResource}`);
          }
          return {
            scope: `${userScope} ${defaultScope}`,
            audience: armResource,
            accessTokenTTL: options.tokenLifetimeSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: signingAlg } },
          };
        },
        useGrantedResource: () => true,
      },
    },
    extraTokenClaims: (_ctx: unknown, token: { kind: string; accountId?: string; clientId?: string }) => {
      if (token.kind === 'ClientCredentials') {
        return { tid: options.tenantId, oid: scriptServicePrincipalId, appid: token.clientId, idtyp: 'app' };
      }
      return {
        tid: options.tenantId,
        oid: token.accountId,
        scp: 'user_impersonation',
        preferred_username: demoUser.username,
        name: demoUser.name,
        appid: token.clientId,
      };
    },
    findAccount: (_ctx: unknown, sub: string) => {
      if (sub !== demoUser.oid) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          oid: demoUser.oid,
          tid: options.tenantId,
          name: demoUser.name,
          preferred_username: demoUser.username,
        }),
      };
    },
    // Consent is implied (like an admin-consented Entra app): once signed in, every requested
    // scope is granted, so the sign-in page is the only page and prompt=none never asks for consent.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc?.session?.accountId;
      const clientId = ctx.oidc?.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grantId = ctx.oidc?.result?.consent?.grantId ?? ctx.oidc?.session?.grantIdFor(clientId);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      return grantEverything(existing ?? new provider.Grant({ accountId, clientId }));
    },
    // MSAL never sends prompt=consent, which the spec requires before offline_access is honoured;
    // Entra issues SPA refresh tokens regardless, and without one MSAL falls back to a hidden
    // iframe that cannot work across origins.
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }, source: { scope?: string; scopes: Set<string> }) => {
      if (!client.grantTypeAllowed('refresh_token')) return false;
      // MSAL asks for offline_access again on every refresh; keep it in the token's scope so
      // that request is not refused as invalid_scope.
      if (!source.scopes.has('offline_access')) source.scope = [source.scope, 'offline_access'].filter(Boolean).join(' ');
      return true;
    },
    // Entra keeps an SPA refresh token usable after handing out a new one; oidc-provider's rotation
    // would revoke the whole grant when two tabs (or two racing renewals) reuse the old one.
    rotateRefreshToken: () => false,
    expiresWithSession: () => false,
    clientBasedCORS: (_ctx: unknown, requestOrigin: string) => spaOrigins.has(requestOrigin),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/_emulator/interaction/${interaction.uid}` },
    renderError: (ctx: KoaContextWithOIDC, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<h1>Sign-in error</h1>${Object.entries(out).map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`).join('')}`);
    },
    ttl: {
      AccessToken: options.tokenLifetimeSeconds,
      ClientCredentials: options.tokenLifetimeSeconds,
      AuthorizationCode: 600,
      IdToken: 3600,
      RefreshToken: 24 * 3600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
    },
  });

  function grantEverything(grant: Grant): Promise<Grant> {
    grant.addOIDCScope('openid profile email offline_access');
    grant.addResourceScope(armResource, `${userScope} ${defaultScope}`);
    return grant.save().then(() => grant);
  }

  // Entra returns client_info (base64url {uid, utid}) next to the tokens; MSAL builds its
  // home account id from it.
  provider.use(async (ctx, next) => {
    await next();
    const account = ctx.oidc?.entities.Account;
    if (ctx.oidc?.route === 'token' && ctx.status === 200 && account && typeof ctx.body === 'object' && ctx.body !== null) {
      const clientInfo = Buffer.from(JSON.stringify({ uid: account.accountId, utid: options.tenantId })).toString('base64url');
      ctx.body = { ...ctx.body, client_info: clientInfo };
    }
  });

  const providerCallback = provider.callback();

  handle = (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === mountPath || path.startsWith(`${mountPath}/`)) {
      // Same contract as Express's app.use(prefix, ...): oidc-provider builds its URLs from originalUrl.
      const url = withLogoutClient(req.url ?? '');
      Object.assign(req, { originalUrl: url });
      req.url = url.slice(mountPath.length) || '/';
      providerCallback(req, res);
      return;
    }
    const interaction = /^\/_emulator\/interaction\/([^/]+)(\/login)?$/.exec(path);
    if (interaction) {
      handleInteraction(req, res, interaction[2] !== undefined).catch((error: unknown) => {
        sendHtml(res, 400, page('Sign-in expired', `<h1>This sign-in request is no longer valid</h1><p>${escapeHtml(error instanceof Error ? error.message : String(error))}</p><p>Go back to the dashboard and sign in again.</p>`));
      });
      return;
    }
    res.statusCode = 404;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ error: 'not_found', error_description: `The emulator's identity face has no ${path}; the authority is ${issuer}` }));
  };

  // MSAL's logoutRedirect sends post_logout_redirect_uri without client_id or id_token_hint, which
  // oidc-provider needs to check that URI (Entra checks it against the app registration). Name the
  // SPA when the URI is one of its own, so sign-out returns to the dashboard.
  function withLogoutClient(url: string): string {
    const parsed = new URL(url, origin);
    const back = parsed.searchParams.get('post_logout_redirect_uri');
    if (parsed.pathname !== `${mountPath}/session/end` || !back || parsed.searchParams.has('client_id') || parsed.searchParams.has('id_token_hint')) {
      return url;
    }
    if (!options.redirectUris.includes(back)) return url;
    parsed.searchParams.set('client_id', options.spaClientId);
    return `${parsed.pathname}${parsed.search}`;
  }

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, submitted: boolean): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (!submitted) {
      sendHtml(res, 200, signInPage(`/_emulator/interaction/${encodeURIComponent(details.uid)}/login`));
      return;
    }
    if (req.method !== 'POST') {
      res.statusCode = 405;
      res.end();
      return;
    }
    req.resume();
    const result: Record<string, unknown> = { login: { accountId: demoUser.oid } };
    if (details.prompt.name === 'consent') {
      const grant = await grantEverything(new provider.Grant({ accountId: demoUser.oid, clientId: String(details.params.client_id) }));
      result.consent = { grantId: grant.jti };
    }
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }

  async function verifyAccessToken(token: string): Promise<VerifiedToken> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, localJwks, { issuer, audience: armResource, algorithms: [signingAlg] }));
    } catch (error) {
      throw toTokenRejected(error, token);
    }
    const { oid, tid, scp, appid, preferred_username: preferredUsername, exp } = payload;
    if (typeof oid !== 'string' || typeof tid !== 'string' || typeof exp !== 'number') {
      throw new TokenRejectedError('InvalidAuthenticationToken', 'The access token is missing the oid, tid or exp claim.');
    }
    return {
      oid,
      tid,
      exp,
      ...(typeof scp === 'string' ? { scp } : {}),
      ...(typeof appid === 'string' ? { appid } : {}),
      ...(typeof preferredUsername === 'string' ? { preferredUsername } : {}),
    };
  }

  function toTokenRejected(error: unknown, token: string): TokenRejectedError {
    if (error instanceof joseErrors.JWTExpired) {
      const exp = error.payload.exp;
      const expired = typeof exp === 'number' ? formatUtc(new Date(exp * 1000)) : 'unknown';
      return new TokenRejectedError(
        'ExpiredAuthenticationToken',
        `The access token expiry UTC time '${expired}' is earlier than current UTC time '${formatUtc(new Date())}'.`,
      );
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') {
      return new TokenRejectedError(
        'InvalidAuthenticationToken',
        `The access token has been obtained for wrong audience or resource '${String(error.payload.aud)}'. It should exactly match with one of the allowed audiences '${armResource}','${armResource}/'.`,
      );
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'iss') {
      return new TokenRejectedError(
        'InvalidAuthenticationToken',
        `The access token is from the wrong issuer '${String(error.payload.iss)}'. It must match the tenant '${issuer}' associated with this subscription.`,
      );
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) {
      return new TokenRejectedError('InvalidAuthenticationToken', 'The access token signature is invalid.');
    }
    const looksLikeJwt = token.split('.').length === 3;
    return new TokenRejectedError(
      'InvalidAuthenticationToken',
      looksLikeJwt ? `The access token is invalid: ${error instanceof Error ? error.message : String(error)}.` : 'The access token is invalid.',
    );
  }

  async function issueDemoToken(): Promise<{ accessToken: string; expiresOn: number; username: string; name: string }> {
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + options.tokenLifetimeSeconds;
    const accessToken = await new SignJWT({
      scope: userScope,
      client_id: options.spaClientId,
      tid: options.tenantId,
      oid: demoUser.oid,
      scp: 'user_impersonation',
      preferred_username: demoUser.username,
      name: demoUser.name,
      appid: options.spaClientId,
    })
      .setProtectedHeader({ alg: signingAlg, kid, typ: 'at+jwt' })
      .setIssuer(issuer)
      .setAudience(armResource)
      .setSubject(demoUser.oid)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(privateKey);
    return { accessToken, expiresOn: expiresAt * 1000, username: demoUser.username, name: demoUser.name };
  }

  return {
    authority: `${origin}/${encodeURIComponent(options.tenantId)}`,
    oidcAuthority: issuer,
    knownAuthority: `${publicHost}:${port}`,
    issuer,
    certificate: certificate.cert,
    verifyAccessToken,
    issueDemoToken,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function formatUtc(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#0f172a;color:#e2e8f0;display:flex;justify-content:center;padding-top:10vh;margin:0}
main{background:#1e293b;border-radius:8px;padding:2rem 2.5rem;max-width:28rem}
h1{font-size:1.4rem;margin-top:0}
p{line-height:1.5}
.note{color:#fbbf24;font-weight:600}
button{font-size:1rem;padding:.75rem 1.25rem;border:0;border-radius:6px;background:#2563eb;color:#fff;cursor:pointer;width:100%}
button:focus-visible{outline:3px solid #fbbf24;outline-offset:2px}
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function signInPage(action: string): string {
  return page(
    'Sign in — Azure emulator',
    `<h1>Sign in to the local Azure emulator</h1>
<p class="note">Local emulator identity — not Microsoft Entra ID.</p>
<p>Signs you in as <strong>${escapeHtml(demoUser.name)}</strong> (${escapeHtml(demoUser.username)}). No password; access to the emulator's ARM API is granted automatically.</p>
<form method="post" action="${escapeHtml(action)}">
<button type="submit" autofocus>Sign in as ${escapeHtml(demoUser.name)} (emulator)</button>
</form>`,
  );
}

// The end-session endpoint's own confirmation page would add a click to every sign-out; the
// emulator submits it straight away.
function renderLogoutPage(ctx: KoaContextWithOIDC, form: string): void {
  ctx.type = 'html';
  ctx.body = page(
    'Signing out — Azure emulator',
    `<h1>Signing out…</h1>${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button>
<script>document.querySelector('button[name=logout]').click()</script>`,
  );
}

function renderSignedOutPage(ctx: KoaContextWithOIDC): void {
  ctx.type = 'html';
  ctx.body = page('Signed out — Azure emulator', '<h1>Signed out</h1><p>You are signed out of the local Azure emulator.</p>');
}
