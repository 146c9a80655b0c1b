import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  contentSecurityPolicyForConfig,
  headersFile,
  TENANT_INDEPENDENT_POLICY,
} from './content-security-policy';

function directive(policy: string, name: string): string[] {
  const found = policy.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name);
  return found ? found.slice(1) : [];
}

describe('contentSecurityPolicy', () => {
  it('lets the page connect only to itself, the authority and the ARM endpoint of the deployment', () => {
    const policy = contentSecurityPolicy({
      authority: 'https://login.microsoftonline.us/contoso.onmicrosoft.com',
      armEndpoint: 'https://management.usgovcloudapi.net/',
    });
    expect(directive(policy, 'connect-src')).toEqual(["'self'", 'https://login.microsoftonline.us', 'https://management.usgovcloudapi.net']);
    expect(policy).not.toContain('management.azure.com');
    expect(policy).not.toMatch(/localhost/);
  });

  it('allows no inline script, eval, plugin, framing of the app or base-URL change', () => {
    const policy = contentSecurityPolicy({ authority: 'https://login.microsoftonline.com/t', armEndpoint: 'https://management.azure.com' });
    expect(directive(policy, 'script-src')).toEqual(["'self'"]);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(directive(policy, 'default-src')).toEqual(["'none'"]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(policy, 'base-uri')).toEqual(["'self'"]);
    expect(directive(policy, 'frame-src')).toEqual(['https://login.microsoftonline.com']);
  });

  it('adds the known authorities of a custom sign-in service, and ignores entries that are not hosts', () => {
    const policy = contentSecurityPolicy({
      authority: 'https://login.contoso.example/tenant',
      armEndpoint: 'https://management.azure.com',
      knownAuthorities: ['login.contoso.example', 'b2c.contoso.example:8443', "x' 'unsafe-inline"],
    });
    expect(directive(policy, 'connect-src')).toContain('https://b2c.contoso.example:8443');
    expect(policy).not.toContain('unsafe-inline');
  });

  it('allows any local port, and only local ones, for the emulator (its ports are chosen at start)', () => {
    const policy = contentSecurityPolicy({ authority: 'https://localhost:8711/tenant', armEndpoint: 'http://localhost:8710' });
    expect(directive(policy, 'connect-src')).toEqual(
      expect.arrayContaining(["'self'", 'http://localhost:*', 'https://localhost:*', 'http://127.0.0.1:*']),
    );
    expect(directive(policy, 'connect-src').every((s) => s === "'self'" || /localhost|127\.0\.0\.1/.test(s))).toBe(true);
  });

  it('connects nowhere but itself when the config has no usable URLs', () => {
    const policy = contentSecurityPolicyForConfig({ auth: { authority: 'javascript:alert(1)' }, arm: { endpoint: 42 } });
    expect(directive(policy, 'connect-src')).toEqual(["'self'"]);
    expect(directive(policy, 'frame-src')).toEqual(["'none'"]);
    expect(contentSecurityPolicyForConfig('not a config')).toContain("connect-src 'self'");
  });
});

describe('TENANT_INDEPENDENT_POLICY', () => {
  it('restricts scripts without naming any service endpoint', () => {
    expect(directive(TENANT_INDEPENDENT_POLICY, 'script-src')).toEqual(["'self'"]);
    expect(TENANT_INDEPENDENT_POLICY).not.toMatch(/connect-src|default-src|https:/);
  });
});

describe('headersFile', () => {
  it('applies the policy and companion headers to every path', () => {
    const text = headersFile("default-src 'none'");
    expect(text.split('\n')).toEqual(['/*', "  Content-Security-Policy: default-src 'none'", '  X-Content-Type-Options: nosniff', '  Referrer-Policy: no-referrer', '']);
  });
});
