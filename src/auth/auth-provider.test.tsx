// @vitest-environment jsdom
import { useLayoutEffect } from 'react';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BrowserAuthError, InteractionRequiredAuthError, Logger, ServerError, type AccountInfo, type IPublicClientApplication } from '@azure/msal-browser';
import { parseAppConfig, type AppConfig } from '../config/app-config';
import { AuthProvider, SignInRequiredError, useAuth, type AuthState } from './auth-provider';
import MsalAuthProvider from './msal-auth-provider';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.unstubAllGlobals();
});

const emulatorConfig: AppConfig = parseAppConfig({
  auth: { mode: 'emulator', clientId: 'spa', authority: 'https://localhost:8711/tenant' },
  arm: { endpoint: 'http://localhost:8710' },
});

const msalConfig: AppConfig = parseAppConfig({
  auth: { mode: 'msal', clientId: 'spa', authority: 'https://localhost:8711/tenant', knownAuthorities: ['localhost:8711'] },
  arm: { endpoint: 'http://localhost:8710' },
});

/** Stands in for the dashboard: hands the auth state to the test and shows something to keep on screen. */
function Dashboard({ onAuth }: { onAuth: (auth: AuthState) => void }) {
  const auth = useAuth();
  // A layout effect runs in the same commit as the DOM change, so a test that sees the text sees the state.
  useLayoutEffect(() => onAuth(auth));
  return <p>Peers of gw-hub-weu</p>;
}

function latest() {
  const seen: AuthState[] = [];
  return {
    record: (auth: AuthState) => void seen.push(auth),
    get current(): AuthState {
      const auth = seen.at(-1);
      if (!auth) throw new Error('no auth state rendered yet');
      return auth;
    },
    get all() {
      return seen;
    },
  };
}

describe('AuthProvider in emulator mode', () => {
  function stubDemoTokenEndpoint(status = () => 200) {
    let issued = 0;
    const fetch = vi.fn(async () => {
      if (status() !== 200) return new Response(null, { status: status() });
      issued++;
      return Response.json({ accessToken: `demo-${issued}`, expiresOn: Date.now() + 300_000, username: 'demo.engineer@emulator.localhost', name: 'Demo Engineer' });
    });
    vi.stubGlobal('fetch', fetch);
    return fetch;
  }

  it('shows a clearly labelled one-click sign-in, then the dashboard with the demo account', async () => {
    const fetch = stubDemoTokenEndpoint();
    const auth = latest();
    render(
      <AuthProvider config={emulatorConfig}>
        <Dashboard onAuth={auth.record} />
      </AuthProvider>,
    );
    expect(screen.getByText('Emulator demo sign-in — not Microsoft Entra ID.')).toBeTruthy();
    expect(screen.queryByText('Peers of gw-hub-weu')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: /Sign in/ }));
    await screen.findByText('Peers of gw-hub-weu');
    expect(fetch).toHaveBeenCalledWith('http://localhost:8710/_emulator/demo-token', expect.objectContaining({ method: 'POST' }));
    expect(auth.current.mode).toBe('emulator');
    expect(auth.current.account).toEqual({ username: 'demo.engineer@emulator.localhost', name: 'Demo Engineer' });
    await expect(auth.current.getToken()).resolves.toBe('demo-1');
  });

  it('keeps the dashboard mounted under a "Sign in again" banner when the emulator refuses renewal, and clears it after one click', async () => {
    let status = 200;
    stubDemoTokenEndpoint(() => status);
    sessionStorage.setItem(
      'bgp-dashboard.emulator-session',
      JSON.stringify({ accessToken: 'stale', expiresOn: Date.now() + 10_000, username: 'demo.engineer@emulator.localhost', name: 'Demo Engineer' }),
    );
    const auth = latest();
    render(
      <AuthProvider config={emulatorConfig}>
        <Dashboard onAuth={auth.record} />
      </AuthProvider>,
    );
    const dashboard = screen.getByText('Peers of gw-hub-weu');

    status = 401;
    await act(async () => {
      await expect(auth.current.getToken()).rejects.toBeInstanceOf(SignInRequiredError);
    });
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain('Sign in again');
    expect(screen.getByText('Peers of gw-hub-weu')).toBe(dashboard);
    expect(banner.compareDocumentPosition(dashboard) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(auth.current.needsInteraction).toBe(true);

    status = 200;
    fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    await expect(auth.current.getToken()).resolves.toBe('demo-1');
  });

  it('keeps getToken the same function across renders so the ARM client is not rebuilt', async () => {
    stubDemoTokenEndpoint();
    const auth = latest();
    render(
      <AuthProvider config={emulatorConfig}>
        <Dashboard onAuth={auth.record} />
      </AuthProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: /Sign in/ }));
    await screen.findByText('Peers of gw-hub-weu');
    const first = auth.current;
    await act(async () => {
      auth.current.signOut();
    });
    fireEvent.click(screen.getByRole('button', { name: /Sign in/ }));
    await screen.findByText('Peers of gw-hub-weu');
    expect(auth.current).not.toBe(first);
    expect(auth.current.getToken).toBe(first.getToken);
  });
});

describe('MSAL mode', () => {
  const account: AccountInfo = {
    homeAccountId: 'oid.tid',
    localAccountId: 'oid',
    environment: 'localhost:8711',
    tenantId: 'tid',
    username: 'noc@contoso.example',
    name: 'NOC Engineer',
  };

  function fakeMsal(options: { accounts?: AccountInfo[]; silent?: (request: { authority?: string }) => Promise<{ accessToken: string }> }) {
    let active: AccountInfo | null = null;
    const instance = {
      initialize: vi.fn(async () => undefined),
      handleRedirectPromise: vi.fn(async () => null),
      getActiveAccount: () => active,
      setActiveAccount: (next: AccountInfo | null) => {
        active = next;
      },
      getAllAccounts: () => options.accounts ?? [],
      acquireTokenSilent: vi.fn(options.silent ?? (async () => ({ accessToken: 'arm-token' }))),
      loginRedirect: vi.fn(async () => undefined),
      acquireTokenRedirect: vi.fn(async () => undefined),
      logoutRedirect: vi.fn(async () => undefined),
      addEventCallback: () => 'callback-id',
      removeEventCallback: () => undefined,
      getLogger: () => new Logger({}),
      initializeWrapperLibrary: () => undefined,
    };
    return { instance, asPca: instance as unknown as IPublicClientApplication };
  }

  it('offers a redirect sign-in for the ARM scope when no account is cached', async () => {
    const msal = fakeMsal({});
    render(
      <MsalAuthProvider config={msalConfig} instance={msal.asPca}>
        <p>Peers of gw-hub-weu</p>
      </MsalAuthProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: /Sign in/ }));
    expect(msal.instance.loginRedirect).toHaveBeenCalledWith({ scopes: ['http://localhost:8710/user_impersonation'] });
    expect(screen.queryByText('Peers of gw-hub-weu')).toBeNull();
  });

  it('asks MSAL silently for the ARM scope on every getToken', async () => {
    const msal = fakeMsal({ accounts: [account] });
    const auth = latest();
    render(
      <MsalAuthProvider config={msalConfig} instance={msal.asPca}>
        <Dashboard onAuth={auth.record} />
      </MsalAuthProvider>,
    );
    await screen.findByText('Peers of gw-hub-weu');
    expect(auth.current.account).toEqual({ username: 'noc@contoso.example', name: 'NOC Engineer', homeTenantId: 'tid' });
    await act(async () => {
      await expect(auth.current.getToken()).resolves.toBe('arm-token');
      await expect(auth.current.getToken()).resolves.toBe('arm-token');
    });
    expect(msal.instance.acquireTokenSilent).toHaveBeenCalledTimes(2);
    expect(msal.instance.acquireTokenSilent).toHaveBeenCalledWith({
      scopes: ['http://localhost:8710/user_impersonation'],
      account,
      forceRefresh: false,
    });
  });

  it("asks another tenant's authority for that tenant's token, and says plainly when the user cannot get one there", async () => {
    const msal = fakeMsal({
      accounts: [account],
      silent: async (request: { authority?: string }) => {
        if (request.authority?.endsWith('/customer-b')) return { accessToken: 'token-of-b' };
        throw new InteractionRequiredAuthError('interaction_required', 'correlation-id', 'AADSTS50076: you must use multi-factor authentication');
      },
    });
    const auth = latest();
    render(
      <MsalAuthProvider config={msalConfig} instance={msal.asPca}>
        <Dashboard onAuth={auth.record} />
      </MsalAuthProvider>,
    );
    await screen.findByText('Peers of gw-hub-weu');
    await act(async () => {
      await expect(auth.current.getToken(undefined, { tenantId: 'customer-b' })).resolves.toBe('token-of-b');
      await expect(auth.current.getToken(undefined, { tenantId: 'customer-c' })).rejects.toMatchObject({
        name: 'TenantAccessError',
        tenantId: 'customer-c',
        needsSignIn: true,
        reason: 'that directory requires multi-factor authentication',
      });
    });
    expect(msal.instance.acquireTokenSilent).toHaveBeenCalledWith({
      scopes: ['http://localhost:8710/user_impersonation'],
      account: { ...account, tenantId: 'customer-b' },
      forceRefresh: false,
      authority: 'https://localhost:8711/customer-b',
    });
    // A tenant's refusal is not the home sign-in expiring: no "Sign in again" banner.
    expect(screen.queryByRole('button', { name: /Sign in again/ })).toBeNull();
    await act(async () => {
      await auth.current.signInToTenant?.('customer-c');
    });
    expect(msal.instance.acquireTokenRedirect).toHaveBeenCalledWith(
      expect.objectContaining({ authority: 'https://localhost:8711/customer-c', account }),
    );
  });

  it('asks MSAL for a renewed token, not the cached one, when ARM refused the cached one', async () => {
    const msal = fakeMsal({ accounts: [account] });
    const auth = latest();
    render(
      <MsalAuthProvider config={msalConfig} instance={msal.asPca}>
        <Dashboard onAuth={auth.record} />
      </MsalAuthProvider>,
    );
    await screen.findByText('Peers of gw-hub-weu');
    await act(async () => {
      await expect(auth.current.getToken(undefined, { forceRefresh: true })).resolves.toBe('arm-token');
    });
    expect(msal.instance.acquireTokenSilent).toHaveBeenCalledWith(expect.objectContaining({ forceRefresh: true }));
  });

  it('shows the banner above the kept dashboard when renewal needs the user (invalid_scope), and signs in again by redirect', async () => {
    const msal = fakeMsal({ accounts: [account], silent: () => Promise.reject(new ServerError('invalid_scope', 'refresh token missing requested scope')) });
    const auth = latest();
    render(
      <MsalAuthProvider config={msalConfig} instance={msal.asPca}>
        <Dashboard onAuth={auth.record} />
      </MsalAuthProvider>,
    );
    await screen.findByText('Peers of gw-hub-weu');
    await act(async () => {
      await expect(auth.current.getToken()).rejects.toBeInstanceOf(SignInRequiredError);
    });
    expect(screen.getByRole('alert').textContent).toContain('Sign in again');
    expect(screen.getByText('Peers of gw-hub-weu')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(msal.instance.acquireTokenRedirect).toHaveBeenCalledWith(expect.objectContaining({ scopes: ['http://localhost:8710/user_impersonation'], account }));
  });

  it('passes a network failure through without asking the user to sign in', async () => {
    const msal = fakeMsal({ accounts: [account], silent: () => Promise.reject(new BrowserAuthError('no_network_connectivity', 'correlation-id')) });
    const auth = latest();
    render(
      <MsalAuthProvider config={msalConfig} instance={msal.asPca}>
        <Dashboard onAuth={auth.record} />
      </MsalAuthProvider>,
    );
    await screen.findByText('Peers of gw-hub-weu');
    await act(async () => {
      const failure = await auth.current.getToken().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(BrowserAuthError);
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(auth.current.needsInteraction).toBe(false);
  });
});
