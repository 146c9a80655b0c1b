import { randomBytes } from 'node:crypto';
import Provider, { errors as oidcErrors, type Grant, type KoaContextWithOIDC } from 'oidc-provider';
import type { JWK } from 'jose';
import { demoUser, scriptServicePrincipalId } from './demo-user.ts';
import type { IdentityOptions } from './identity-types.ts';
import { SIGNING_ALG } from './keys-and-certificate.ts';
import type { OidcAdapter } from './shared-token-store.ts';
import { renderLogoutPage, renderSignedOutPage, renderSignInError } from './sign-in-pages.ts';

/**
 * oidc-provider set up to behave like Entra ID towards MSAL: the SPA and script clients, ARM
 * access tokens with Entra's claims, implied consent, refresh tokens without prompt=consent.
 */

export interface ProviderSettings {
  issuer: string;
  /** The directory this provider issues tokens of (`tid`); `options.tenantId` is the user's home tenant. */
  tenantId: string;
  /** Where this provider sends the browser to sign in (one per tenant, so their cookies never cross). */
  interactionPath: string;
  /** The store every tenant's provider shares (refresh tokens are multi-tenant). */
  adapter: (model: string) => OidcAdapter;
  /** True while this tenant wants MFA: a refresh token is refused until the user signs in here. */
  requiresMfa: () => boolean;
  options: IdentityOptions;
  /** The ARM resource without a trailing slash: the access tokens' audience. */
  armResource: string;
  privateJwk: JWK;
}

export interface ConfiguredProvider {
  provider: Provider;
  /** Grants every scope the emulator knows, as an admin-consented Entra app would. */
  grantEverything(grant: Grant): Promise<Grant>;
}

export const MFA_REQUIRED_DESCRIPTION =
  'AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access this resource.';

/** Where the providers send the browser to sign in (`/{tenantId}/{uid}` below it); the identity server answers it. */
export const INTERACTION_PATH = '/_emulator/interaction';

export function createProvider({ issuer, tenantId, interactionPath, adapter, requiresMfa, options, armResource, privateJwk }: ProviderSettings): ConfiguredProvider {
  const userScope = `${armResource}/user_impersonation`;
  const defaultScope = `${armResource}/.default`;
  const spaOrigins = new Set(options.redirectUris.map((uri) => new URL(uri).origin));

  const provider = new Provider(issuer, {
    adapter,
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
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // Every tenant's provider shares the host: its cookies get their own names, so signing in to a
      // customer tenant never replaces the home tenant's session cookie.
      ...(tenantId === options.tenantId
        ? {}
        : { names: { session: `_session_${tenantId.slice(0, 8)}`, interaction: `_interaction_${tenantId.slice(0, 8)}`, resume: `_interaction_resume_${tenantId.slice(0, 8)}` } }),
    },
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
            jwt: { sign: { alg: SIGNING_ALG } },
          };
        },
        useGrantedResource: () => true,
      },
    },
    extraTokenClaims: (_ctx: unknown, token: { kind: string; accountId?: string; clientId?: string }) => {
      if (token.kind === 'ClientCredentials') {
        return { tid: tenantId, oid: scriptServicePrincipalId, appid: token.clientId, idtyp: 'app' };
      }
      return {
        tid: tenantId,
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
          tid: tenantId,
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
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${interactionPath}/${interaction.uid}` },
    renderError: renderSignInError,
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
  // home account id from it. A guest's utid stays its home tenant, in every tenant, so MSAL sees
  // one account with a token per tenant.
  provider.use(async (ctx, next) => {
    await next();
    const account = ctx.oidc?.entities.Account;
    if (ctx.oidc?.route === 'token' && ctx.status === 200 && ctx.oidc.params?.grant_type === 'refresh_token' && requiresMfa()) {
      // Entra's answer when a directory's conditional access wants MFA the refresh token never had.
      ctx.status = 400;
      ctx.body = { error: 'interaction_required', error_description: MFA_REQUIRED_DESCRIPTION, error_codes: [50076], suberror: 'basic_action' };
      return;
    }
    if (ctx.oidc?.route === 'token' && ctx.status === 200 && account && typeof ctx.body === 'object' && ctx.body !== null) {
      const clientInfo = Buffer.from(JSON.stringify({ uid: account.accountId, utid: options.tenantId })).toString('base64url');
      ctx.body = { ...ctx.body, client_info: clientInfo };
    }
  });

  return { provider, grantEverything };
}
