/**
 * Thrown by `getToken` when no token can be had for a chosen tenant that is not the user's home:
 * the user is not (or no longer) a member or guest there, or that directory wants consent or MFA.
 * `needsSignIn`: signing in to that tenant interactively may fix it (consent, MFA, expired
 * session); otherwise only the way back to the home tenant is offered.
 */
export class TenantAccessError extends Error {
  constructor(
    readonly tenantId: string,
    readonly reason: string,
    readonly needsSignIn: boolean,
    options?: { cause?: unknown },
  ) {
    super(`No token for tenant ${tenantId}: ${reason}`, options);
    this.name = 'TenantAccessError';
  }
}
