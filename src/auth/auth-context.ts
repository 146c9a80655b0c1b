import { createContext, useContext } from 'react';

export interface AuthAccount {
  username: string;
  name?: string;
}

export interface AuthState {
  mode: 'msal' | 'emulator';
  account: AuthAccount | null;
  /** A bearer token for ARM; asks the token cache before every call. Stable across renders. */
  /** `forceRefresh`: ARM refused the cached token; get a new one rather than the cached one. */
  getToken: (signal?: AbortSignal, options?: { forceRefresh?: boolean }) => Promise<string>;
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
