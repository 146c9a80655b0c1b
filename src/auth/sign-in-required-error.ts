/**
 * Thrown by `getToken` when no token can be had without the user: the session is gone, the
 * refresh token expired, or the authority wants consent. The banner asks the user to sign in
 * again; callers keep their last data on screen.
 */
export class SignInRequiredError extends Error {
  constructor(message = 'Your sign-in has expired. Sign in again to refresh the data.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignInRequiredError';
  }
}
