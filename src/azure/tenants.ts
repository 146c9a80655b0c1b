import { API_VERSIONS } from './arm-urls';
import { isObject } from './json';
import { readAllPages } from './list-pages';
import type { ArmTransport } from './transport';

/** A directory the signed-in user belongs to, as member or as guest (`GET /tenants`). */
export interface ArmTenant {
  tenantId: string;
  /** The directory's name; its ID when Azure gives none. */
  displayName: string;
  defaultDomain: string | null;
  /** `Home`, `ProjectedBy` or `ManagedBy` (Azure Lighthouse). Azure says `Home` for a guest's tenants too. */
  tenantCategory: string | null;
  tenantType: string | null;
}

/** Every tenant the user can get a token for, whichever tenant this token is from; entries without an ID are left out. */
export async function listTenants(transport: ArmTransport, options: { signal?: AbortSignal } = {}): Promise<ArmTenant[]> {
  const url = transport.urls.request('/tenants', API_VERSIONS.tenants);
  const items = await readAllPages(transport, url, options.signal);
  const result: ArmTenant[] = [];
  for (const item of items) {
    if (!isObject(item) || typeof item.tenantId !== 'string' || item.tenantId === '') continue;
    result.push({
      tenantId: item.tenantId,
      displayName: typeof item.displayName === 'string' && item.displayName !== '' ? item.displayName : item.tenantId,
      defaultDomain: typeof item.defaultDomain === 'string' && item.defaultDomain !== '' ? item.defaultDomain : null,
      tenantCategory: typeof item.tenantCategory === 'string' ? item.tenantCategory : null,
      tenantType: typeof item.tenantType === 'string' ? item.tenantType : null,
    });
  }
  return result;
}
