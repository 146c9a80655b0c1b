import { describe, expect, it } from 'vitest';
import { createEmulatorSessionStore, renewBeforeExpiryMs } from './emulator-session';
import { SignInRequiredError } from './sign-in-required-error';
import { TenantAccessError } from './tenant-access-error';

const armEndpoint = 'http://localhost:8710/';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/** A fake emulator that hands out numbered tokens valid for five minutes from the fake clock. */
function fakeEmulator(clock: { now: number }, answer?: () => Response) {
  const requests: Array<{ url: string; method: string | undefined }> = [];
  let issued = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: String(input), method: init?.method });
    if (answer) return answer();
    issued++;
    return Response.json({
      accessToken: `token-${issued}`,
      expiresOn: clock.now + 300_000,
      username: 'demo.engineer@emulator.localhost',
      name: 'Demo Engineer',
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

describe('emulator demo session', () => {
  it('signs in with one POST to the demo-token endpoint and remembers the session for a reload', async () => {
    const clock = { now: 1_000_000 };
    const emulator = fakeEmulator(clock);
    const storage = memoryStorage();
    const store = createEmulatorSessionStore({ armEndpoint, fetch: emulator.fetch, storage, now: () => clock.now });
    expect(store.current()).toBeNull();

    const session = await store.signIn();
    expect(session).toMatchObject({ accessToken: 'token-1', username: 'demo.engineer@emulator.localhost', name: 'Demo Engineer' });
    expect(emulator.requests).toEqual([{ url: 'http://localhost:8710/_emulator/demo-token', method: 'POST' }]);

    const reloaded = createEmulatorSessionStore({ armEndpoint, fetch: emulator.fetch, storage, now: () => clock.now });
    expect(reloaded.current()?.accessToken).toBe('token-1');
  });

  it('reuses the token until a minute before expiry, then renews it silently', async () => {
    const clock = { now: 1_000_000 };
    const emulator = fakeEmulator(clock);
    const store = createEmulatorSessionStore({ armEndpoint, fetch: emulator.fetch, storage: null, now: () => clock.now });
    await store.signIn();

    clock.now += 300_000 - renewBeforeExpiryMs - 1;
    await expect(store.getToken()).resolves.toBe('token-1');
    clock.now += 2;
    await expect(store.getToken()).resolves.toBe('token-2');
    expect(emulator.requests).toHaveLength(2);
  });

  it('renews at once when forced, however long the token has left', async () => {
    const clock = { now: 1_000_000 };
    const emulator = fakeEmulator(clock);
    const store = createEmulatorSessionStore({ armEndpoint, fetch: emulator.fetch, storage: null, now: () => clock.now });
    await store.signIn();
    await expect(store.getToken({ forceRefresh: true })).resolves.toBe('token-2');
    await expect(store.getToken()).resolves.toBe('token-2');
  });

  it('renews once for many callers at the same moment', async () => {
    const clock = { now: 1_000_000 };
    const emulator = fakeEmulator(clock);
    const store = createEmulatorSessionStore({ armEndpoint, fetch: emulator.fetch, storage: null, now: () => clock.now });
    await store.signIn();
    clock.now += 299_000;
    const tokens = await Promise.all(Array.from({ length: 5 }, () => store.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['token-2']));
    expect(emulator.requests).toHaveLength(2);
  });

  it('says sign-in is required when nobody signed in or after sign-out', async () => {
    const clock = { now: 1_000_000 };
    const storage = memoryStorage();
    const store = createEmulatorSessionStore({ armEndpoint, fetch: fakeEmulator(clock).fetch, storage, now: () => clock.now });
    await expect(store.getToken()).rejects.toBeInstanceOf(SignInRequiredError);
    await store.signIn();
    store.signOut();
    expect(storage.items.size).toBe(0);
    await expect(store.getToken()).rejects.toBeInstanceOf(SignInRequiredError);
  });

  it('says sign-in is required when the emulator refuses the renewal with 401', async () => {
    const clock = { now: 1_000_000 };
    let refuse = false;
    const good = fakeEmulator(clock);
    const fetch: typeof globalThis.fetch = (input, init) => (refuse ? Promise.resolve(new Response(null, { status: 401 })) : good.fetch(input, init));
    const store = createEmulatorSessionStore({ armEndpoint, fetch, storage: null, now: () => clock.now });
    await store.signIn();
    refuse = true;
    clock.now += 290_000;
    await expect(store.getToken()).rejects.toBeInstanceOf(SignInRequiredError);
  });

  it('reports an unreachable emulator as a plain error, not as a sign-in problem', async () => {
    const store = createEmulatorSessionStore({
      armEndpoint,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      storage: null,
    });
    const failure = await store.signIn().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(SignInRequiredError);
    expect((failure as Error).message).toContain('Is the emulator running?');
  });

  it('refuses an answer without a token and ignores a corrupt stored session', async () => {
    const storage = memoryStorage();
    storage.setItem('bgp-dashboard.emulator-session', '{not json');
    const store = createEmulatorSessionStore({
      armEndpoint,
      fetch: async () => Response.json({ expiresOn: 'soon' }),
      storage,
    });
    expect(store.current()).toBeNull();
    await expect(store.signIn()).rejects.toThrow('without a usable token');
  });

  it("gets a guest tenant's token with ?tenant=, keeps it apart from the home token, and says which tenant refused", async () => {
    const clock = { now: 1_000_000 };
    const requests: string[] = [];
    const fetch = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      requests.push(`${url.pathname}${url.search}`);
      const tenant = url.searchParams.get('tenant');
      if (tenant === 'unknown') return Response.json({ error: 'invalid_request', error_description: "AADSTS50020: User account 'demo' does not exist in tenant 'unknown'." }, { status: 400 });
      return Response.json({ accessToken: `token-of-${tenant ?? 'home'}`, expiresOn: clock.now + 300_000, username: 'demo', name: 'Demo', tenantId: tenant ?? 'home' });
    }) as typeof globalThis.fetch;
    const store = createEmulatorSessionStore({ armEndpoint, fetch, storage: null, now: () => clock.now });
    expect((await store.signIn()).tenantId).toBe('home');
    await expect(store.getToken({ tenantId: 'guest' })).resolves.toBe('token-of-guest');
    await expect(store.getToken({ tenantId: 'guest' })).resolves.toBe('token-of-guest');
    await expect(store.getToken()).resolves.toBe('token-of-home');
    // The home tenant named explicitly is the sign-in's own token.
    await expect(store.getToken({ tenantId: 'HOME' })).resolves.toBe('token-of-home');
    expect(requests).toEqual(['/_emulator/demo-token', '/_emulator/demo-token?tenant=guest']);

    const refused = await store.getToken({ tenantId: 'unknown' }).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(TenantAccessError);
    expect(refused).toMatchObject({ tenantId: 'unknown', needsSignIn: false });
    expect((refused as TenantAccessError).reason).toMatch(/^AADSTS50020: User account 'demo' does not exist in tenant 'unknown'/);
  });
});
