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
