import { describe, expect, it, vi } from 'vitest';
import demoConfigText from '../../public/config.json?raw';
import { loadConfig, parseConfig } from './load-config';

const GATEWAY =
  '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/vpngw-1';

function validConfig(): Record<string, unknown> {
  return {
    auth: {
      mode: 'msal',
      clientId: '00000000-0000-4000-8000-00000000c11e',
      authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
    },
    arm: { endpoint: 'https://management.azure.com' },
    gateways: [GATEWAY],
  };
}

function respondWith(body: string, init?: ResponseInit): typeof fetch {
  return vi.fn(async () => new Response(body, init)) as unknown as typeof fetch;
}

function problemsOf(raw: unknown): string[] {
  const result = parseConfig(raw);
  if (result.ok) throw new Error('expected the config to be rejected');
  return result.problems;
}

describe('loadConfig', () => {
  it('fetches /config.json bypassing the HTTP cache and fills in defaults', async () => {
    const fetchImpl = respondWith(JSON.stringify(validConfig()));
    const result = await loadConfig(fetchImpl);

    expect(fetchImpl).toHaveBeenCalledWith('/config.json', { cache: 'no-store' });
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({
        pollingIntervalSeconds: 60,
        arm: { endpoint: 'https://management.azure.com', apiVersion: '2023-09-01', transport: 'auto', maxRequestsInFlight: 16 },
        gateways: [GATEWAY],
      }),
    });
  });

  it('names the HTTP status when the file cannot be fetched', async () => {
    const result = await loadConfig(respondWith('not here', { status: 404 }));
    expect(result).toEqual({ ok: false, problems: ['config.json could not be loaded (HTTP 404)'] });
  });

  it('says the file could not be loaded when the network fails', async () => {
    const fetchImpl = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const result = await loadConfig(fetchImpl);
    expect(result).toEqual({ ok: false, problems: ['config.json could not be loaded (Failed to fetch)'] });
  });

  it('recognises the HTML page a server sends instead of a missing file', async () => {
    const result = await loadConfig(respondWith('<!doctype html><html></html>', { status: 200 }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/HTML page; is the file missing/);
  });

  it('says the file is not valid JSON and quotes the parser', async () => {
    const result = await loadConfig(respondWith('{"auth": {,}'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/^config\.json is not valid JSON: .+/);
  });
});

describe('parseConfig', () => {
  it('names a transport that is none of auto, batch and direct', () => {
    const config = validConfig();
    config.arm = { endpoint: 'https://management.azure.com', transport: 'pigeon' };
    expect(problemsOf(config)).toEqual([expect.stringMatching(/^arm\.transport: .*"auto".*"batch".*"direct"/)]);
  });

  it('names an empty client id', () => {
    const config = validConfig();
    config.auth = { ...(config.auth as object), clientId: '' };
    expect(problemsOf(config)).toEqual(['auth.clientId: must not be empty']);
  });

  it('names missing sections and fields as required', () => {
    expect(problemsOf({ auth: { mode: 'msal' } })).toEqual([
      'auth.clientId: is required (a string)',
      'auth.authority: is required (a string)',
      'arm: is required (an object)',
    ]);
  });

  it('rejects a top level that is not an object', () => {
    expect(problemsOf([])).toEqual(['config.json: must be an object, not a list']);
    expect(problemsOf('msal')).toEqual(['config.json: must be an object, not "msal"']);
  });

  it('says a section given as a list is not an object, without listing its fields as missing', () => {
    expect(problemsOf({ ...validConfig(), arm: [] })).toEqual(['arm: must be an object, not a list']);
  });

  it('names the allowed values of a missing enum', () => {
    const config = validConfig();
    delete (config.auth as Record<string, unknown>).mode;
    expect(problemsOf(config)).toEqual(['auth.mode: is required (one of "msal", "emulator")']);
  });

  it('wants whole numbers where a fraction makes no sense', () => {
    expect(problemsOf({ ...validConfig(), pollingIntervalSeconds: 7.5 })).toEqual(['pollingIntervalSeconds: must be a whole number, not 7.5']);
    expect(problemsOf({ ...validConfig(), arm: { endpoint: 'https://management.azure.com', maxRequestsInFlight: 65 } })).toEqual([
      'arm.maxRequestsInFlight: must be at most 64, not 65',
    ]);
  });

  it('lists the allowed values of an enum and the value found', () => {
    const config = validConfig();
    config.auth = { ...(config.auth as object), mode: 'popup' };
    expect(problemsOf(config)).toEqual(['auth.mode: must be one of "msal", "emulator", not "popup"']);
  });

  it('explains bounds and types of the polling interval', () => {
    expect(problemsOf({ ...validConfig(), pollingIntervalSeconds: 2 })).toEqual([
      'pollingIntervalSeconds: must be at least 5, not 2',
    ]);
    expect(problemsOf({ ...validConfig(), pollingIntervalSeconds: '60' })).toEqual([
      'pollingIntervalSeconds: must be a number, not "60"',
    ]);
  });

  it('refuses a plain http ARM endpoint outside localhost', () => {
    const problems = problemsOf({ ...validConfig(), arm: { endpoint: 'http://management.azure.com' } });
    expect(problems).toEqual(['arm.endpoint: must be an https:// URL (http:// is only allowed for localhost)']);
  });

  it('reports a malformed URL once, without crashing the check that follows it', () => {
    const problems = problemsOf({ ...validConfig(), arm: { endpoint: 'management.azure.com' } });
    expect(problems).toEqual(['arm.endpoint: must be a valid URL, not "management.azure.com"']);
  });

  it('names the index and the reason of a malformed gateway ID', () => {
    const problems = problemsOf({ ...validConfig(), gateways: [GATEWAY, '/subscriptions/not-a-guid/x', 42] });
    expect(problems).toHaveLength(2);
    expect(problems).toContain('gateways[2]: must be a string, not 42');
    expect(problems.find((p) => p.startsWith('gateways[1]: '))).toMatch(/subscription ID must be a GUID/);
  });

  it('reports a gateway listed twice, whatever its casing', () => {
    const problems = problemsOf({ ...validConfig(), gateways: [GATEWAY, GATEWAY.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/')] });
    expect(problems).toEqual(['gateways[1]: is the same gateway as gateways[0]']);
  });

  it('reports gateway problems together with other field problems', () => {
    const config: Record<string, unknown> = { ...validConfig(), gateways: ['nope'] };
    config.auth = { ...(config.auth as object), clientId: '' };
    const problems = problemsOf(config);
    expect(problems[0]).toBe('auth.clientId: must not be empty');
    expect(problems[1]).toMatch(/^gateways\[0\]: /);
  });

  it('refuses emulator sign-in against a real ARM endpoint', () => {
    const config = validConfig();
    config.auth = { ...(config.auth as object), mode: 'emulator' };
    expect(problemsOf(config)).toEqual([
      'auth.mode: "emulator" sign-in only works with a localhost ARM endpoint; use "msal" for real Azure',
    ]);
  });

  it('accepts the demo config shipped in public/', () => {
    expect(parseConfig(JSON.parse(demoConfigText))).toMatchObject({ ok: true });
  });
});
