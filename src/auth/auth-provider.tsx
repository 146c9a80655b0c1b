import { lazy, Suspense, type ReactElement, type ReactNode } from 'react';
import type { AppConfig } from '../config/app-config';
import { EmulatorAuthProvider } from './emulator-auth-provider';
import { SigningIn } from './sign-in-screen';

export { useAuth, type AuthState, type AuthAccount, type TokenOptions } from './auth-context';
export { SignInRequiredError } from './sign-in-required-error';
export { TenantAccessError } from './tenant-access-error';

// MSAL is a fifth of the bundle; the emulator demo never needs it.
const MsalAuthProvider = lazy(() => import('./msal-auth-provider'));

/**
 * Shows a sign-in screen until the user is signed in, then the children. When a token can no
 * longer be renewed silently, a "Sign in again" banner appears above the children, which stay
 * mounted so the last data stays on screen.
 */
export function AuthProvider({ config, children }: { config: AppConfig; children: ReactNode }): ReactElement {
  if (config.auth.mode === 'emulator') {
    return <EmulatorAuthProvider config={config}>{children}</EmulatorAuthProvider>;
  }
  return (
    <Suspense fallback={<SigningIn />}>
      <MsalAuthProvider config={config}>{children}</MsalAuthProvider>
    </Suspense>
  );
}
