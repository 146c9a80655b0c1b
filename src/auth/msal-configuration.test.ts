import { describe, expect, it } from 'vitest';
import { ProtocolMode } from '@azure/msal-browser';
import { parseAppConfig } from '../config/app-config';
import { buildMsalConfiguration, homeTenantOf, tenantAuthority } from './msal-configuration';

const baseConfig = {
  auth: {
    mode: 'msal',
    clientId: '11111111-1111-1111-1111-111111111111',
    authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
  },
  arm: { endpoint: 'https://management.azure.com' },
};

describe('buildMsalConfiguration', () => {
  it('uses AAD protocol mode, session storage and the page origin as redirect URI by default', () => {
    const msal = buildMsalConfiguration(parseAppConfig(baseConfig), 'https://noc.example');
    expect(msal.auth).toMatchObject({
      clientId: baseConfig.auth.clientId,
      authority: baseConfig.auth.authority,
      knownAuthorities: [],
      redirectUri: 'https://noc.example/',
    });
    expect(msal.cache?.cacheLocation).toBe('sessionStorage');
    expect(msal.system?.protocolMode).toBe(ProtocolMode.AAD);
  });

  it("puts the emulator's OIDC authority, its host as a known authority and OIDC mode under system", () => {
    const msal = buildMsalConfiguration(
      parseAppConfig({
        ...baseConfig,
        auth: {
          ...baseConfig.auth,
          authority: 'https://localhost:8711/tenant/v2.0',
          knownAuthorities: ['localhost:8711'],
          protocolMode: 'OIDC',
          cacheLocation: 'localStorage',
          redirectUri: 'http://localhost:4173/',
        },
        arm: { endpoint: 'http://localhost:8710' },
      }),
      'http://ignored.example',
    );
    expect(msal.auth).toMatchObject({ knownAuthorities: ['localhost:8711'], redirectUri: 'http://localhost:4173/' });
    expect(msal.cache?.cacheLocation).toBe('localStorage');
    expect(msal.system?.protocolMode).toBe(ProtocolMode.OIDC);
    expect(msal.auth).not.toHaveProperty('protocolMode');
  });
});

describe('tenantAuthority', () => {
  it("replaces the configured authority's tenant with the chosen one and keeps the rest", () => {
    expect(tenantAuthority('https://login.microsoftonline.com/organizations', 'b2')).toBe('https://login.microsoftonline.com/b2');
    expect(tenantAuthority('https://login.microsoftonline.us/contoso.onmicrosoft.com/', 'b2')).toBe('https://login.microsoftonline.us/b2');
    expect(tenantAuthority('https://localhost:8711/e1a7e000-0000-4000-a000-000000000001/v2.0', 'b2')).toBe('https://localhost:8711/b2/v2.0');
    expect(tenantAuthority('https://localhost:8711', 'b2')).toBe('https://localhost:8711/b2');
  });

  it("reads the home tenant from MSAL's home account ID", () => {
    expect(homeTenantOf('uid-1.tenant-a')).toBe('tenant-a');
    expect(homeTenantOf('no-tenant')).toBeUndefined();
  });
});
