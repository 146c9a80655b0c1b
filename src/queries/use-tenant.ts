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

function readRememberedTenant(): string | null {
  try {
    return globalThis.localStorage?.getItem(TENANT_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
