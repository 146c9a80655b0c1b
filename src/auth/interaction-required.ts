import { AuthError, InteractionRequiredAuthError } from '@azure/msal-browser';

/**
 * Error codes after which only the user can get a new token. `invalid_grant` is what Entra and
 * generic OIDC servers answer for an expired or revoked refresh token; `invalid_scope` is what a
 * generic OIDC server answers for a scope the user never consented to, where Entra would say
 * `consent_required`. `timed_out` is MSAL's hidden-iframe fallback giving up, which it does when
 * third-party cookies are blocked.
 */
const interactionCodes = new Set([
  'interaction_required',
  'login_required',
  'consent_required',
  'invalid_grant',
  'invalid_scope',
  'bad_token',
  'no_tokens_found',
  'refresh_token_expired',
  'native_account_unavailable',
  'no_account_error',
  'timed_out',
  'monitor_window_timeout',
]);

/** True when MSAL failed in a way that needs the user; network trouble is not such a way. */
export function requiresInteraction(error: unknown): boolean {
  if (error instanceof InteractionRequiredAuthError) return true;
  if (error instanceof AuthError) return interactionCodes.has(error.errorCode);
  return false;
}
