import { SignInRequiredError } from './sign-in-required-error';
import { TenantAccessError } from './tenant-access-error';
import { createSingleFlight } from './single-flight';

/** What the emulator's `POST /_emulator/demo-token` answers. */
export interface EmulatorSession {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresOn: number;
  username: string;
  name: string;
  /** The tenant the token is for (the home tenant for the sign-in); null from an older emulator. */
  tenantId: string | null;
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
  /**
   * The current token, renewed first when it is within a minute of expiry or when forced. With
   * `tenantId` other than the home tenant: a token of that tenant (the demo user is a guest there),
   * or TenantAccessError when the emulator knows no such tenant.
   */
  getToken(options?: { forceRefresh?: boolean; tenantId?: string }): Promise<string>;
  /** The demo's interactive sign-in to a tenant (its one click stands for MFA or consent there). */
  signInToTenant(tenantId: string): Promise<void>;
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

  // Guest tenants' tokens are kept in memory only: one request gets them again after a reload.
  const tenantSessions = new Map<string, { session: EmulatorSession | null; renew: () => Promise<EmulatorSession> }>();
  function tenantEntry(tenantId: string) {
    let entry = tenantSessions.get(tenantId);
    if (!entry) {
      const created: { session: EmulatorSession | null; renew: () => Promise<EmulatorSession> } = {
        session: null,
        renew: createSingleFlight(async () => {
          created.session = await requestTenantToken(tenantId);
          return created.session;
        }),
      };
      tenantSessions.set(tenantId, created);
      entry = created;
    }
    return entry;
  }

  async function requestTenantToken(tenantId: string, interactive = false): Promise<EmulatorSession> {
    let response: Response;
    try {
      response = await fetchImpl(`${url}?tenant=${encodeURIComponent(tenantId)}${interactive ? '&interactive=1' : ''}`, { method: 'POST', headers: { accept: 'application/json' } });
    } catch (cause) {
      throw new Error(`The emulator's demo sign-in at ${url} did not answer. Is the emulator running?`, { cause });
    }
    if (!response.ok) {
      // The emulator answers as Entra does for a directory the user is not in: an AADSTS description.
      const answer: unknown = await response.json().catch(() => null);
      const description =
        typeof answer === 'object' && answer !== null && typeof (answer as Record<string, unknown>).error_description === 'string'
          ? String((answer as Record<string, unknown>).error_description)
          : `the emulator's demo sign-in answered HTTP ${response.status}`;
      throw new TenantAccessError(tenantId, description, response.status === 401 || response.status === 403);
    }
    const parsed = parseSession(await response.json().catch(() => null));
    if (!parsed) throw new Error("The emulator's demo sign-in answered without a usable token.");
    return parsed;
  }

  const isHome = (tenantId: string | undefined) =>
    tenantId === undefined || (session?.tenantId != null && session.tenantId.toLowerCase() === tenantId.toLowerCase());

  return {
    current: () => session,
    signIn: renew,
    async getToken(options) {
      if (!session) throw new SignInRequiredError('Not signed in to the emulator.');
      if (!isHome(options?.tenantId) && options?.tenantId) {
        const entry = tenantEntry(options.tenantId.toLowerCase());
        if (!options.forceRefresh && entry.session && entry.session.expiresOn - now() > renewBeforeExpiryMs) return entry.session.accessToken;
        return (await entry.renew()).accessToken;
      }
      if (!options?.forceRefresh && session.expiresOn - now() > renewBeforeExpiryMs) return session.accessToken;
      return (await renew()).accessToken;
    },
    async signInToTenant(tenantId) {
      tenantEntry(tenantId.toLowerCase()).session = await requestTenantToken(tenantId, true);
    },
    signOut() {
      session = null;
      tenantSessions.clear();
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
  const { accessToken, expiresOn, username, name, tenantId } = value as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken === '' || typeof expiresOn !== 'number' || !Number.isFinite(expiresOn)) {
    return null;
  }
  return {
    accessToken,
    expiresOn,
    username: typeof username === 'string' ? username : 'demo user',
    name: typeof name === 'string' ? name : 'Demo user',
    tenantId: typeof tenantId === 'string' && tenantId !== '' ? tenantId : null,
  };
}

function defaultStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}
