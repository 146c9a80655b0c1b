import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { AppConfig } from '../config/app-config';
import { AuthContext, type AuthState, type TokenOptions } from './auth-context';
import { createEmulatorSessionStore, type EmulatorSessionStore } from './emulator-session';
import { SignInAgainBanner, SignInScreen } from './sign-in-screen';
import { SignInRequiredError } from './sign-in-required-error';
import { abortable } from './single-flight';

interface EmulatorAuthProviderProps {
  config: AppConfig;
  children: ReactNode;
  /** Tests pass their own; the page uses one bound to the configured ARM endpoint. */
  store?: EmulatorSessionStore;
}

export function EmulatorAuthProvider({ config, children, store: givenStore }: EmulatorAuthProviderProps) {
  const [store] = useState(() => givenStore ?? createEmulatorSessionStore({ armEndpoint: config.arm.endpoint }));
  const [session, setSession] = useState(() => store.current());
  const [needsInteraction, setNeedsInteraction] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const signIn = useCallback(() => {
    setSigningIn(true);
    setError(null);
    store
      .signIn()
      .then(
        (signedIn) => {
          setSession(signedIn);
          setNeedsInteraction(false);
        },
        (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
      )
      .finally(() => setSigningIn(false));
  }, [store]);

  const getToken = useCallback(
    async (signal?: AbortSignal, options?: TokenOptions) => {
      try {
        return await abortable(store.getToken(options), signal);
      } catch (failure) {
        if (failure instanceof SignInRequiredError) setNeedsInteraction(true);
        throw failure;
      }
    },
    [store],
  );

  const signOut = useCallback(() => {
    store.signOut();
    setSession(null);
    setNeedsInteraction(false);
  }, [store]);

  // The demo's one click stands for the MFA or consent the tenant wants.
  const signInToTenant = useCallback((tenantId: string) => store.signInToTenant(tenantId), [store]);

  const account = useMemo(
    () => (session ? { username: session.username, name: session.name, ...(session.tenantId ? { homeTenantId: session.tenantId } : {}) } : null),
    [session],
  );
  const auth = useMemo<AuthState>(
    () => ({ mode: 'emulator', account, getToken, needsInteraction, signInAgain: signIn, signInToTenant, signOut }),
    [account, getToken, needsInteraction, signIn, signInToTenant, signOut],
  );

  if (!session) {
    return (
      <SignInScreen
        note={
          <>
            <p className="font-semibold text-amber-300">Emulator demo sign-in — not Microsoft Entra ID.</p>
            <p className="mt-1 text-slate-300">
              One click signs you in to the local Azure emulator as its demo engineer. No Azure account is used.
            </p>
          </>
        }
        buttonLabel="Sign in as demo engineer (emulator)"
        onSignIn={signIn}
        busy={signingIn}
        error={error}
      />
    );
  }

  return (
    <AuthContext value={auth}>
      {needsInteraction && <SignInAgainBanner onSignInAgain={signIn} />}
      {children}
    </AuthContext>
  );
}
