import { describe, expect, it } from 'vitest';
import { BrowserAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-browser';
import { requiresInteraction } from './interaction-required';

describe('requiresInteraction', () => {
  it('asks for the user when MSAL says interaction is required', () => {
    expect(requiresInteraction(new InteractionRequiredAuthError('login_required', 'correlation-id'))).toBe(true);
  });

  it('asks for the user when the refresh token is refused (invalid_grant)', () => {
    expect(requiresInteraction(new ServerError('invalid_grant', 'refresh token is expired'))).toBe(true);
  });

  it('asks for the user when a generic OIDC authority refuses an unconsented scope (invalid_scope)', () => {
    expect(requiresInteraction(new ServerError('invalid_scope', 'refresh token missing requested scope'))).toBe(true);
  });

  it("asks for the user when MSAL's hidden-iframe fallback times out", () => {
    expect(requiresInteraction(new BrowserAuthError('timed_out', 'correlation-id'))).toBe(true);
  });

  it('does not ask for the user when the network is down, so a wall screen recovers by itself', () => {
    expect(requiresInteraction(new BrowserAuthError('no_network_connectivity', 'correlation-id'))).toBe(false);
    expect(requiresInteraction(new BrowserAuthError('post_request_failed', 'correlation-id'))).toBe(false);
    expect(requiresInteraction(new ServerError('temporarily_unavailable', 'try later'))).toBe(false);
  });

  it('does not treat errors from outside MSAL as needing the user', () => {
    expect(requiresInteraction(new TypeError('Failed to fetch'))).toBe(false);
    expect(requiresInteraction('invalid_grant')).toBe(false);
  });
});
