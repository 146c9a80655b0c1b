import { describe, expect, it } from 'vitest';
import { parseConfig } from './load-config';

const CLIENT_ID = '00000000-0000-4000-8000-00000000c11e';

function config(auth: Record<string, unknown>, armEndpoint: string, extra: Record<string, unknown> = {}) {
  return { auth: { mode: 'msal', clientId: CLIENT_ID, ...auth }, arm: { endpoint: armEndpoint }, ...extra };
}

function problemsOf(raw: unknown): string[] {
  const result = parseConfig(raw);
  return result.ok ? [] : result.problems;
}

describe('config checks across sign-in cloud and ARM cloud', () => {
  it('accepts each Azure cloud with its own ARM endpoint', () => {
    expect(problemsOf(config({ authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com' }, 'https://management.azure.com'))).toEqual([]);
    expect(problemsOf(config({ authority: 'https://login.microsoftonline.us/tenant' }, 'https://management.usgovcloudapi.net/'))).toEqual([]);
    expect(problemsOf(config({ authority: 'https://login.chinacloudapi.cn/tenant' }, 'https://management.chinacloudapi.cn'))).toEqual([]);
  });

  it('names an authority that is no Entra cloud and not listed as known', () => {
    expect(problemsOf(config({ authority: 'https://login.example.com/tenant' }, 'https://management.azure.com'))).toEqual([
      expect.stringMatching(/^auth\.authority: "login\.example\.com" is not a Microsoft Entra ID cloud .*list "login\.example\.com" in auth\.knownAuthorities$/),
    ]);
    expect(
      problemsOf(config({ authority: 'https://login.example.com/tenant', knownAuthorities: ['login.example.com'] }, 'https://management.azure.com')),
    ).toEqual([]);
  });

  it('names a sign-in cloud that does not match the ARM cloud', () => {
    expect(problemsOf(config({ authority: 'https://login.microsoftonline.us/tenant' }, 'https://management.azure.com'))).toEqual([
      expect.stringMatching(/^arm\.endpoint: is in Azure public cloud but auth\.authority signs in to Azure US Government; .*https:\/\/management\.usgovcloudapi\.net/),
    ]);
  });

  it('names an Entra client ID that is not a GUID', () => {
    expect(problemsOf(config({ authority: 'https://login.microsoftonline.com/t', clientId: 'my-dashboard' }, 'https://management.azure.com'))).toEqual([
      expect.stringMatching(/^auth\.clientId: must be the Application \(client\) ID .*not "my-dashboard"$/),
    ]);
  });

  it('names an ARM endpoint with a query or credentials', () => {
    expect(problemsOf(config({ authority: 'https://login.microsoftonline.com/t' }, 'https://management.azure.com/?api-version=2023-09-01'))).toEqual([
      expect.stringMatching(/^arm\.endpoint: must be the ARM base URL alone/),
    ]);
  });

  it('lists cloud problems together with every other problem in one round', () => {
    const problems = problemsOf(config({ authority: 'https://login.example.com/t' }, 'https://management.azure.com', { pollingIntervalSeconds: 'often' }));
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pollingIntervalSeconds:/), expect.stringMatching(/^auth\.authority:/)]),
    );
  });
});
