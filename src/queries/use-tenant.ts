import { useCallback, useEffect } from 'react';
import { useSearchParams } from 'wouter';

/** The URL parameter that carries the chosen tenant (a directory ID). */
export const TENANT_PARAM = 'tenant';
/** Where the last chosen tenant is remembered, per browser profile. */
export const TENANT_STORAGE_KEY = 'bgp-dashboard.tenant';

/**
 * The tenant whose subscriptions and gateways are shown: the URL's `tenant=`, else the one
 * remembered, else null (the signed-in account's home tenant).
 */
export function useTenantId(): string | null {
  const [params] = useSearchParams();
  return params.get(TENANT_PARAM) ?? readRememberedTenant();
}

/**
 * Switches tenant: remembered for the next visit and put in the URL (a new history entry, so Back
 * returns to the previous tenant). `null` goes back to the home tenant and forgets the choice.
 */
export function useChooseTenant(): (tenantId: string | null) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (tenantId: string | null) => {
      rememberTenant(tenantId);
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        if (tenantId) next.set(TENANT_PARAM, tenantId);
        else next.delete(TENANT_PARAM);
        return next;
      });
    },
    [setParams],
  );
}

function readRememberedTenant(): string | null {
  try {
    return globalThis.localStorage?.getItem(TENANT_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function rememberTenant(tenantId: string | null): void {
  try {
    if (tenantId) globalThis.localStorage?.setItem(TENANT_STORAGE_KEY, tenantId);
    else globalThis.localStorage?.removeItem(TENANT_STORAGE_KEY);
  } catch {
    // Private mode or storage disabled: the URL still carries the choice.
  }
}

/**
 * Puts the remembered tenant in the URL when the URL names none (replacing the entry), so a link
 * copied from the page opens the same tenant for a colleague.
 */
export function useKeepTenantInUrl(tenantId: string | null): void {
  const [params, setParams] = useSearchParams();
  const missing = tenantId !== null && !params.has(TENANT_PARAM);
  useEffect(() => {
    if (!missing || tenantId === null) return;
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set(TENANT_PARAM, tenantId);
        return next;
      },
      { replace: true },
    );
  }, [missing, tenantId, setParams]);
}
