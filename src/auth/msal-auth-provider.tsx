import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  AuthError,
  InteractionStatus,
  PublicClientApplication,
  type AccountInfo,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { MsalProvider, useMsal } from '@azure/msal-react';
import { armScope, type AppConfig } from '../config/app-config';
import { AuthContext, type AuthState, type TokenOptions } from './auth-context';
import { requiresInteraction } from './interaction-required';
import { buildMsalConfiguration, homeTenantOf, tenantAuthority } from './msal-configuration';
import { SignInAgainBanner, SignInScreen, SigningIn } from './sign-in-screen';
import { SignInRequiredError } from './sign-in-required-error';
import { abortable, createKeyedSingleFlight } from './single-flight';
import { TenantAccessError } from './tenant-access-error';

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
  // near expiry; one renewal at a time however many gateways ask. Another tenant's token comes from
  // that tenant's authority: Entra's refresh tokens are multi-tenant, so a guest gets it silently.
  const acquire = useMemo(() => {
    const silently = (forceRefresh: boolean, tenantId: string | undefined) => async () => {
      const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0];
      if (!account) throw new SignInRequiredError('No account is signed in.');
      try {
        // MSAL matches cached tokens by the account's tenantId before the authority's: the
        // other tenant's profile of the same account, so the home tenant's token is never reused.
        // After a redirect to a customer tenant the active account may be that tenant's profile:
        // home requests ask with the home profile.
        const home = homeTenantOf(account.homeAccountId);
        const homeAccount = home && account.tenantId && account.tenantId.toLowerCase() !== home.toLowerCase() ? { ...account, tenantId: home } : account;
        const result = await instance.acquireTokenSilent(
          tenantId
            ? { scopes: [scope], account: { ...account, tenantId }, forceRefresh, authority: tenantAuthority(config.auth.authority, tenantId) }
            : { scopes: [scope], account: homeAccount, forceRefresh },
        );
        return result.accessToken;
      } catch (failure) {
        if (tenantId) throw new TenantAccessError(tenantId, describeTenantFailure(failure), requiresInteraction(failure), { cause: failure });
        if (requiresInteraction(failure)) throw new SignInRequiredError(undefined, { cause: failure });
        throw failure;
      }
    };
    // A forced renewal (ARM refused the cached token) goes through the refresh token.
    const flights = createKeyedSingleFlight((key) => {
      const [forced, tenantId] = key.split('|');
      return silently(forced === 'forced', tenantId || undefined);
    });
    return (forceRefresh: boolean, tenantId: string | undefined) => flights(`${forceRefresh ? 'forced' : 'cached'}|${tenantId ?? ''}`);
  }, [instance, scope, config.auth.authority]);

  const getToken = useCallback(
    async (signal?: AbortSignal, options?: TokenOptions) => {
      const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0];
      const home = account ? homeTenantOf(account.homeAccountId) : undefined;
      const tenantId = options?.tenantId && options.tenantId.toLowerCase() !== home?.toLowerCase() ? options.tenantId : undefined;
      try {
        const token = await abortable(acquire(options?.forceRefresh ?? false, tenantId), signal);
        if (!tenantId) setNeedsInteraction(false);
        return token;
      } catch (failure) {
        if (failure instanceof SignInRequiredError) setNeedsInteraction(true);
        throw failure;
      }
    },
    [acquire, instance],
  );

  /** Consent or MFA in a customer tenant: a redirect to that tenant's authority, back to this page. */
  const signInToTenant = useCallback(
    async (tenantId: string) => {
      setActionError(null);
      const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0];
      await instance
        .acquireTokenRedirect({
          scopes: [scope],
          authority: tenantAuthority(config.auth.authority, tenantId),
          ...(account ? { account, loginHint: account.username } : {}),
        })
        .catch((failure: unknown) => setActionError(describeSignInFailure(failure)));
    },
    [instance, scope, config.auth.authority],
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
  const homeTenantId = msalAccount ? homeTenantOf(msalAccount.homeAccountId) : undefined;
  const account = useMemo(
    () => (username !== undefined ? { username, ...(name ? { name } : {}), ...(homeTenantId ? { homeTenantId } : {}) } : null),
    [username, name, homeTenantId],
  );
  const auth = useMemo<AuthState>(
    () => ({ mode: 'msal', account, getToken, needsInteraction, signInAgain, signInToTenant, signOut }),
    [account, getToken, needsInteraction, signInAgain, signInToTenant, signOut],
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

/** Entra's reasons in words: AADSTS50020 (not in that directory), 50076/50079 (MFA), 65001 (consent). */
function describeTenantFailure(failure: unknown): string {
  // MSAL keeps Entra's AADSTS text in errorMessage; its message holds only the code and a link.
  const detail = failure instanceof AuthError && failure.errorMessage ? failure.errorMessage : failure instanceof Error ? failure.message : String(failure);
  if (/AADSTS50020|AADSTS90072|does not exist in tenant/i.test(detail)) return 'your account is not a member or guest of that directory';
  if (/AADSTS5007[46]|AADSTS50079|multi-factor|mfa/i.test(detail)) return 'that directory requires multi-factor authentication';
  if (/AADSTS65001|consent/i.test(detail)) return 'that directory has not consented to this app';
  if (/AADSTS90002|not found|endpoints_resolution_error|openid/i.test(detail)) return 'no such directory was found';
  return detail;
}

function describeSignInFailure(failure: unknown): string {
  const detail = failure instanceof Error ? failure.message : String(failure);
  return `Sign-in failed: ${detail}`;
}
