import { ProtocolMode, type Configuration } from '@azure/msal-browser';
import type { AppConfig } from '../config/app-config';

/**
 * MSAL settings from the runtime config. The same build serves Entra ID (AAD mode, authority
 * `https://login.microsoftonline.com/{tenant}`) and any OIDC authority such as the emulator's.
 */
export function buildMsalConfiguration(config: AppConfig, pageOrigin: string): Configuration {
  const { auth } = config;
  return {
    auth: {
      clientId: auth.clientId,
      authority: auth.authority,
      // Any authority that is not a Microsoft cloud (the emulator's `localhost:PORT`) must be
      // listed, or MSAL asks Entra's instance discovery about it and gives up.
      knownAuthorities: auth.knownAuthorities,
      redirectUri: auth.redirectUri ?? `${pageOrigin}/`,
      postLogoutRedirectUri: auth.redirectUri ?? `${pageOrigin}/`,
    },
    cache: { cacheLocation: auth.cacheLocation },
    // In MSAL 5 the protocol mode sits under `system`, not `auth`.
    system: { protocolMode: auth.protocolMode === 'OIDC' ? ProtocolMode.OIDC : ProtocolMode.AAD },
  };
}

/**
 * The authority that issues tokens of `tenantId`: the configured authority with its tenant segment
 * (`organizations`, `common`, a domain or an ID) replaced, keeping any path after it (`/v2.0` in
 * OIDC mode). `https://login.microsoftonline.com/organizations` → `https://login.microsoftonline.com/{tenantId}`.
 */
export function tenantAuthority(authority: string, tenantId: string): string {
  const url = new URL(authority);
  const segments = url.pathname.split('/').filter(Boolean);
  segments[0] = encodeURIComponent(tenantId);
  return `${url.origin}/${segments.join('/')}`;
}

/** The user's home tenant from MSAL's home account ID (`{uid}.{utid}`), when it has that shape. */
export function homeTenantOf(homeAccountId: string): string | undefined {
  const utid = homeAccountId.split('.')[1];
  return utid && utid !== '' ? utid : undefined;
}
