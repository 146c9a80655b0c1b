import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  InteractionStatus,
  PublicClientApplication,
  type AccountInfo,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { MsalProvider, useMsal } from '@azure/msal-react';
import { armScope, type AppConfig } from '../config/app-config';
import { AuthContext, type AuthState } from './auth-context';
import { requiresInteraction } from './interaction-required';
import { buildMsalConfiguration } from './msal-configuration';
import { SignInAgainBanner, SignInScreen, SigningIn } from './sign-in-screen';
import { SignInRequiredError } from './sign-in-required-error';
import { abortable, createSingleFlight } from './single-flight';

interface MsalAuthProviderProps {
  config: AppConfig;
  children: ReactNode;
  /** Tests pass their own; the page builds one from the config. */
  instance?: IPublicClientApplication;
}

/** Microsoft Entra ID (or any OIDC authority) through MSAL's redirect flow: wall screens block popups. */
export default function MsalAuthProvider({ config, children, instance: givenInstance }: MsalAuthProviderProps) {
  const [instance] = useState<IPublicClientApplication>(
    () => givenInstance ?? new PublicClientApplication(buildMsalConfiguration(config, window.location.origin)),
  );
  const [startup, setStartup] = useState<{ done: boolean; error: string | null }>({ done: false, error: null });

  useEffect(() => {
    let current = true;
    startMsal(instance).then(
      () => current && setStartup({ done: true, error: null }),
      (failure: unknown) => current && setStartup({ done: true, error: describeSignInFailure(failure) }),
    );
    return () => {
      current = false;
    };
  }, [instance]);

  if (!startup.done) return <SigningIn />;
  return (
    <MsalProvider instance={instance}>
      <MsalSession config={config} startupError={startup.error}>
        {children}
      </MsalSession>
    </MsalProvider>
  );
}

/** MSAL must finish a returning redirect before anything asks it for a token. */
async function startMsal(instance: IPublicClientApplication): Promise<void> {
  await instance.initialize();
  const result = await instance.handleRedirectPromise();
  const account = result?.account ?? instance.getActiveAccount() ?? instance.getAllAccounts()[0];
  if (account) instance.setActiveAccount(account);
}

function MsalSession({ config, startupError, children }: { config: AppConfig; startupError: string | null; children: ReactNode }) {
  const { instance, accounts, inProgress } = useMsal();
  const scope = armScope(config);
  const [needsInteraction, setNeedsInteraction] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const msalAccount: AccountInfo | null = instance.getActiveAccount() ?? accounts[0] ?? null;

  // MSAL answers from its cache and renews through the refresh token when the cached token is
  // near expiry; one renewal at a time however many gateways ask.
  const acquire = useMemo(() => {
    const silently = (forceRefresh: boolean) => async () => {
      const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0];
      if (!account) throw new SignInRequiredError('No account is signed in.');
      try {
        const result = await instance.acquireTokenSilent({ scopes: [scope], account, forceRefresh });
        return result.accessToken;
      } catch (failure) {
        if (requiresInteraction(failure)) throw new SignInRequiredError(undefined, { cause: failure });
        throw failure;
      }
    };
    // A forced renewal (ARM refused the cached token) goes through the refresh token.
    return { cached: createSingleFlight(silently(false)), renewed: createSingleFlight(silently(true)) };
  }, [instance, scope]);

  const getToken = useCallback(
    async (signal?: AbortSignal, options?: { forceRefresh?: boolean }) => {
      try {
        const token = await abortable(options?.forceRefresh ? acquire.renewed() : acquire.cached(), signal);
        setNeedsInteraction(false);
        return token;
      } catch (failure) {
        if (failure instanceof SignInRequiredError) setNeedsInteraction(true);
        throw failure;
      }
    },
    [acquire],
  );

  const signIn = useCallback(() => {
    setActionError(null);
    instance.loginRedirect({ scopes: [scope] }).catch((failure: unknown) => setActionError(describeSignInFailure(failure)));
  }, [instance, scope]);

  const signInAgain = useCallback(() => {
    const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0];
    const redirect = account
      ? instance.acquireTokenRedirect({ scopes: [scope], account, loginHint: account.username })
      : instance.loginRedirect({ scopes: [scope] });
    redirect.catch((failure: unknown) => setActionError(describeSignInFailure(failure)));
  }, [instance, scope]);

  const signOut = useCallback(() => {
    const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0];
    instance.logoutRedirect(account ? { account } : undefined).catch((failure: unknown) => setActionError(describeSignInFailure(failure)));
  }, [instance]);

  const username = msalAccount?.username;
  const name = msalAccount?.name;
  const account = useMemo(() => (username !== undefined ? { username, ...(name ? { name } : {}) } : null), [username, name]);
  const auth = useMemo<AuthState>(
    () => ({ mode: 'msal', account, getToken, needsInteraction, signInAgain, signOut }),
    [account, getToken, needsInteraction, signInAgain, signOut],
  );

  if (!account) {
    if (inProgress !== InteractionStatus.None) return <SigningIn />;
    return (
      <SignInScreen
        note={<p>You will be sent to {new URL(config.auth.authority).host} to sign in, then brought back here.</p>}
        buttonLabel="Sign in"
        onSignIn={signIn}
        error={actionError ?? startupError}
      />
    );
  }

  return (
    <AuthContext value={auth}>
      {needsInteraction && <SignInAgainBanner onSignInAgain={signInAgain} />}
      {actionError && (
        <p role="alert" className="bg-red-950 px-4 py-2 text-red-100">
          {actionError}
        </p>
      )}
      {children}
    </AuthContext>
  );
}

function describeSignInFailure(failure: unknown): string {
  const detail = failure instanceof Error ? failure.message : String(failure);
  return `Sign-in failed: ${detail}`;
}
