/**
 * The contract between the emulator's identity face and the rest of the emulator (ARM routes,
 * CLI entry). Implemented by `identity-server.ts`.
 */
export interface IdentityOptions {
  /** HTTPS port. 0 picks a free one. */
  port: number;
  host?: string;
  tenantId: string;
  /** Public client (the SPA): authorization code + PKCE, refresh tokens. */
  spaClientId: string;
  /** Confidential client for scripts and benchmarks: client_credentials grant. */
  scriptClient: { clientId: string; clientSecret: string };
  /** Access-token audience and scope prefix, e.g. `http://localhost:8710` (scope `${armResource}/user_impersonation`). */
  armResource: string;
  tokenLifetimeSeconds: number;
  /** Exact redirect URIs the SPA client may use. */
  redirectUris: string[];
}

export interface VerifiedToken {
  oid: string;
  tid: string;
  scp?: string;
  appid?: string;
  preferredUsername?: string;
  exp: number;
}

/** Why a bearer token was refused, in ARM's own error codes. */
export class TokenRejectedError extends Error {
  constructor(
    readonly code: 'InvalidAuthenticationToken' | 'ExpiredAuthenticationToken' | 'AuthenticationFailed',
    message: string,
  ) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}

export interface IdentityServer {
  /** AAD-style authority for MSAL `ProtocolMode.AAD`: `https://localhost:PORT/{tenantId}`. */
  authority: string;
  /** Authority for MSAL `ProtocolMode.OIDC` (its discovery doc at `${oidcAuthority}/.well-known/openid-configuration`). */
  oidcAuthority: string;
  /** `host:port`, for MSAL `knownAuthorities`. */
  knownAuthority: string;
  issuer: string;
  /** PEM of the self-signed TLS certificate generated at start (in memory only), for Node clients that want to trust it. */
  certificate: string;
  /** Verifies signature, issuer, audience and expiry; throws TokenRejectedError. */
  verifyAccessToken(token: string): Promise<VerifiedToken>;
  /** A real signed access token for the demo user, for the emulator's one-click sign-in (http demo). */
  issueDemoToken(): Promise<{ accessToken: string; expiresOn: number; username: string; name: string }>;
  close(): Promise<void>;
}
