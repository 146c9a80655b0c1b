// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TENANT_STORAGE_KEY, useChooseTenant, useKeepTenantInUrl, useTenantId } from './use-tenant';

beforeEach(() => {
  localStorage.clear();
  window.history.replaceState(null, '', '/?q=vpn');
});
afterEach(cleanup);

describe('the chosen tenant', () => {
  it('is the home tenant (null) until chosen; a choice goes into the URL beside the other parameters and is remembered', () => {
    const { result } = renderHook(() => ({ tenantId: useTenantId(), choose: useChooseTenant() }));
    expect(result.current.tenantId).toBeNull();

    act(() => result.current.choose('customer-b'));
    expect(result.current.tenantId).toBe('customer-b');
    expect(new URLSearchParams(window.location.search).get('tenant')).toBe('customer-b');
    expect(new URLSearchParams(window.location.search).get('q')).toBe('vpn');
    expect(localStorage.getItem(TENANT_STORAGE_KEY)).toBe('customer-b');

    act(() => result.current.choose(null));
    expect(result.current.tenantId).toBeNull();
    expect(window.location.search).toBe('?q=vpn');
    expect(localStorage.getItem(TENANT_STORAGE_KEY)).toBeNull();
  });

  it("follows a link's tenant= over the remembered one, and puts the remembered one into a URL that names none", () => {
    localStorage.setItem(TENANT_STORAGE_KEY, 'remembered');
    window.history.replaceState(null, '', '/?tenant=from-link');
    const fromLink = renderHook(() => useTenantId());
    expect(fromLink.result.current).toBe('from-link');
    fromLink.unmount();

    window.history.replaceState(null, '', '/wall?rotate=0');
    const historyLength = window.history.length;
    const { result } = renderHook(() => {
      const tenantId = useTenantId();
      useKeepTenantInUrl(tenantId);
      return tenantId;
    });
    expect(result.current).toBe('remembered');
    expect(window.location.pathname).toBe('/wall');
    expect(new URLSearchParams(window.location.search).get('tenant')).toBe('remembered');
    // Replaced, not pushed: Back does not return to the URL without it.
    expect(window.history.length).toBe(historyLength);
  });
});
