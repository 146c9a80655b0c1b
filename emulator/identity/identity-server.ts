import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemoTokenIssuer, demoUser } from './demo-user.ts';
import type { IdentityOptions, IdentityServer } from './identity-types.ts';
import { createLocalhostCertificate, createSigningKeys, SIGNING_ALG } from './keys-and-certificate.ts';
import { createProvider, INTERACTION_PATH } from './provider-config.ts';
import { createSharedTokenStore } from './shared-token-store.ts';
import { sendHtml, signInExpiredPage, signInPage } from './sign-in-pages.ts';
import { createTokenVerifier } from './token-verifier.ts';

/**
 * The identity face of the emulator: an HTTPS OpenID Connect authority MSAL accepts as Entra ID,
 * with the provider mounted where Entra's v2 authority lives and a one-click sign-in page.
 */
export async function startIdentity(options: IdentityOptions): Promise<IdentityServer> {
  const listenHost = options.host ?? '127.0.0.1';
  const publicHost = options.host ?? 'localhost';
  const armResource = options.armResource.replace(/\/+$/, '');
  // Entra's v2 authority lives at /{tenant}/v2.0; mounting the provider there makes the issuer and
  // discovery URL the ones MSAL derives for ProtocolMode.AAD, and the same URL works for OIDC mode.
  // One provider per directory the demo user belongs to, each its own issuer, as Entra's are.
  const tenantIds = [options.tenantId, ...(options.guestTenantIds ?? [])];
  const mountPathOf = (tenantId: string) => `/${encodeURIComponent(tenantId)}/v2.0`;

  const keys = await createSigningKeys();
  const certificate = await createLocalhostCertificate();

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
  const issuerOf = (tenantId: string) => `${origin}${mountPathOf(tenantId)}`;
  const issuer = issuerOf(options.tenantId);

  // The providers share oidc-provider's in-memory store, so a refresh token from the home tenant
  // is redeemed by a guest tenant's provider too: Entra's refresh tokens are multi-tenant likewise.
  const adapter = createSharedTokenStore();
  // Tenants whose conditional access wants MFA now (control API); an interactive sign-in there satisfies it.
  const mfaRequired = new Set<string>();
  const tenants = tenantIds.map((tenantId) => {
    const interactionPath = `${INTERACTION_PATH}/${encodeURIComponent(tenantId)}`;
    const configured = createProvider({ issuer: issuerOf(tenantId), tenantId, interactionPath, adapter, requiresMfa: () => mfaRequired.has(tenantId.toLowerCase()), options, armResource, privateJwk: keys.privateJwk });
    return { tenantId, mountPath: mountPathOf(tenantId), interactionPath, ...configured, callback: configured.provider.callback() };
  });
  const interactionPattern = new RegExp(`^${INTERACTION_PATH}/([^/]+)/([^/]+)(/login)?$`);

  handle = (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const tenant = tenants.find((t) => path === t.mountPath || path.startsWith(`${t.mountPath}/`));
    if (tenant) {
      // Same contract as Express's app.use(prefix, ...): oidc-provider builds its URLs from originalUrl.
      const url = withLogoutClient(req.url ?? '', tenant.mountPath);
      Object.assign(req, { originalUrl: url });
      req.url = url.slice(tenant.mountPath.length) || '/';
      tenant.callback(req, res);
      return;
    }
    const interaction = interactionPattern.exec(path);
    const interactionTenant = interaction && tenants.find((t) => encodeURIComponent(t.tenantId) === interaction[1]);
    if (interaction && interactionTenant) {
      handleInteraction(req, res, interactionTenant, interaction[3] !== undefined).catch((error: unknown) => {
        sendHtml(res, 400, signInExpiredPage(error instanceof Error ? error.message : String(error)));
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
  function withLogoutClient(url: string, tenantMountPath: string): string {
    const parsed = new URL(url, origin);
    const back = parsed.searchParams.get('post_logout_redirect_uri');
    if (parsed.pathname !== `${tenantMountPath}/session/end` || !back || parsed.searchParams.has('client_id') || parsed.searchParams.has('id_token_hint')) {
      return url;
    }
    if (!options.redirectUris.includes(back)) return url;
    parsed.searchParams.set('client_id', options.spaClientId);
    return `${parsed.pathname}${parsed.search}`;
  }

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, tenant: (typeof tenants)[number], submitted: boolean): Promise<void> {
    const { provider, grantEverything } = tenant;
    const details = await provider.interactionDetails(req, res);
    if (!submitted) {
      sendHtml(res, 200, signInPage(`${tenant.interactionPath}/${encodeURIComponent(details.uid)}/login`));
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
    mfaRequired.delete(tenant.tenantId.toLowerCase());
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }

  return {
    authority: `${origin}/${encodeURIComponent(options.tenantId)}`,
    oidcAuthority: issuer,
    knownAuthority: `${publicHost}:${port}`,
    issuer,
    authorityFor: (tenantId) => `${origin}/${encodeURIComponent(tenantId)}`,
    requireMfa: (tenantId, required) => {
      if (required) mfaRequired.add(tenantId.toLowerCase());
      else mfaRequired.delete(tenantId.toLowerCase());
    },
    mfaRequired: (tenantId) => mfaRequired.has(tenantId.toLowerCase()),
    certificate: certificate.cert,
    verifyAccessToken: createTokenVerifier({
      publicJwk: keys.publicJwk,
      issuers: new Map(tenantIds.map((tenantId) => [tenantId.toLowerCase(), issuerOf(tenantId)])),
      audience: armResource,
      algorithm: SIGNING_ALG,
    }),
    issueDemoToken: createDemoTokenIssuer({
      keys,
      issuerFor: issuerOf,
      armResource,
      tenantId: options.tenantId,
      spaClientId: options.spaClientId,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds,
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
