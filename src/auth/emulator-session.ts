import { SignInRequiredError } from './sign-in-required-error';
import { createSingleFlight } from './single-flight';

/** What the emulator's `POST /_emulator/demo-token` answers. */
export interface EmulatorSession {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresOn: number;
  username: string;
  name: string;
}

export interface EmulatorSessionOptions {
  armEndpoint: string;
  fetch?: typeof fetch;
  /** Keeps the session across a reload of the tab; `null` keeps it in memory only. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  now?: () => number;
}

export interface EmulatorSessionStore {
  current(): EmulatorSession | null;
  signIn(): Promise<EmulatorSession>;
  /** The current token, renewed first when it is within a minute of expiry or when forced. */
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
  signOut(): void;
}

const storageKey = 'bgp-dashboard.emulator-session';
/** Renew this long before expiry, so a token never expires between getToken and ARM reading it. */
export const renewBeforeExpiryMs = 60_000;

/**
 * The demo sign-in used by `npm start`: MSAL refuses the emulator's http: origin, so the page
 * asks the emulator for a real signed token instead. Never used against Azure (the config
 * schema only allows it with a localhost ARM endpoint).
 */
export function createEmulatorSessionStore(options: EmulatorSessionOptions): EmulatorSessionStore {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const now = options.now ?? Date.now;
  const url = `${options.armEndpoint.replace(/\/+$/, '')}/_emulator/demo-token`;
  let session = readStored();

  async function requestToken(): Promise<EmulatorSession> {
    let response: Response;
    try {
      response = await fetchImpl(url, { method: 'POST', headers: { accept: 'application/json' } });
    } catch (cause) {
      throw new Error(`The emulator's demo sign-in at ${url} did not answer. Is the emulator running?`, { cause });
    }
    if (response.status === 401 || response.status === 403) {
      throw new SignInRequiredError(`The emulator refused the demo sign-in (HTTP ${response.status}).`);
    }
    if (!response.ok) {
      throw new Error(`The emulator's demo sign-in answered HTTP ${response.status}.`);
    }
    const parsed = parseSession(await response.json().catch(() => null));
    if (!parsed) throw new Error("The emulator's demo sign-in answered without a usable token.");
    session = parsed;
    storage?.setItem(storageKey, JSON.stringify(parsed));
    return parsed;
  }

  const renew = createSingleFlight(requestToken);

  return {
    current: () => session,
    signIn: renew,
    async getToken(options) {
      if (!session) throw new SignInRequiredError('Not signed in to the emulator.');
      if (!options?.forceRefresh && session.expiresOn - now() > renewBeforeExpiryMs) return session.accessToken;
      return (await renew()).accessToken;
    },
    signOut() {
      session = null;
      storage?.removeItem(storageKey);
    },
  };

  function readStored(): EmulatorSession | null {
    try {
      const stored = storage?.getItem(storageKey);
      return stored ? parseSession(JSON.parse(stored)) : null;
    } catch {
      return null;
    }
  }
}

function parseSession(value: unknown): EmulatorSession | null {
  if (typeof value !== 'object' || value === null) return null;
  const { accessToken, expiresOn, username, name } = value as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken === '' || typeof expiresOn !== 'number' || !Number.isFinite(expiresOn)) {
    return null;
  }
  return {
    accessToken,
    expiresOn,
    username: typeof username === 'string' ? username : 'demo user',
    name: typeof name === 'string' ? name : 'Demo user',
  };
}

function defaultStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}
