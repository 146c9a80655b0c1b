import { describe, expect, it } from 'vitest';
import { ProtocolMode } from '@azure/msal-browser';
import { appConfigSchema } from '../config/app-config';
import { buildMsalConfiguration } from './msal-configuration';

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
    const msal = buildMsalConfiguration(appConfigSchema.parse(baseConfig), 'https://noc.example');
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
      appConfigSchema.parse({
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
