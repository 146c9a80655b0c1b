import { createContext, useContext } from 'react';

export interface AuthAccount {
  username: string;
  name?: string;
  /** The directory the account belongs to (a guest elsewhere); unknown for an old emulator session. */
  homeTenantId?: string;
}

export interface TokenOptions {
  /** ARM refused the cached token; get a new one rather than the cached one. */
  forceRefresh?: boolean;
  /** A token of this tenant (its own authority); the home tenant's when absent. */
  tenantId?: string;
}

export interface AuthState {
  mode: 'msal' | 'emulator';
  account: AuthAccount | null;
  /**
   * A bearer token for ARM; asks the token cache before every call. Stable across renders. For a
   * tenant other than the home one it throws TenantAccessError when none can be had.
   */
  getToken: (signal?: AbortSignal, options?: TokenOptions) => Promise<string>;
  /**
   * Interactive sign-in to that tenant's authority (consent, MFA): MSAL leaves for it and comes back
   * to this page; the emulator's demo resolves once the tenant's token is there.
   */
  signInToTenant?: (tenantId: string) => Promise<void>;
  /** True once silent renewal needed the user: show the banner, keep the data on screen. */
  needsInteraction: boolean;
  signInAgain: () => void;
  signOut: () => void;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}
