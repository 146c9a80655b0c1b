import type { DemoToken } from './demo-user.ts';
import type { VerifiedToken } from './token-verifier.ts';

/**
 * The contract between the emulator's identity face and the rest of the emulator (ARM routes,
 * CLI entry). Implemented by `identity-server.ts`.
 */
export interface IdentityOptions {
  /** HTTPS port. 0 picks a free one. */
  port: number;
  host?: string;
  /** The demo user's home tenant (its account's `utid`). */
  tenantId: string;
  /** Other directories where the demo user is a guest; each gets its own authority `/{id}/v2.0`. */
  guestTenantIds?: readonly string[];
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

export interface IdentityServer {
  /** AAD-style authority for MSAL `ProtocolMode.AAD`: `https://localhost:PORT/{tenantId}`. */
  authority: string;
  /** Authority for MSAL `ProtocolMode.OIDC` (its discovery doc at `${oidcAuthority}/.well-known/openid-configuration`). */
  oidcAuthority: string;
  /** `host:port`, for MSAL `knownAuthorities`. */
  knownAuthority: string;
  issuer: string;
  /** `https://localhost:PORT/{tenantId}`: the authority that issues tokens of that tenant. */
  authorityFor(tenantId: string): string;
  /**
   * Makes a tenant want MFA (as conditional access would): its refresh-token grants answer
   * `interaction_required` (AADSTS50076) until the user signs in interactively at its authority.
   */
  requireMfa(tenantId: string, required: boolean): void;
  mfaRequired(tenantId: string): boolean;
  /** PEM of the self-signed TLS certificate generated at start (in memory only), for Node clients that want to trust it. */
  certificate: string;
  /** Verifies signature, issuer (any of the tenants' authorities, matching `tid`), audience and expiry; throws TokenRejectedError. */
  verifyAccessToken(token: string): Promise<VerifiedToken>;
  /** A real signed access token for the demo user, for the emulator's one-click sign-in (http demo); of the home tenant unless told. */
  issueDemoToken(tenantId?: string): Promise<DemoToken>;
  close(): Promise<void>;
}
