import { useId } from 'react';
import { useAuth } from '../auth/auth-provider';
import { useTenants } from '../queries/get-tenants';
import { useChooseTenant, useTenantId } from '../queries/use-tenant';

/**
 * The directory whose gateways are shown, by name and domain. Engineers at managed-service
 * providers are guests in their customers' tenants; choosing one gets a token from its authority.
 */
export function TenantSwitcher() {
  const id = useId();
  const { account } = useAuth();
  const chosen = useTenantId();
  const chooseTenant = useChooseTenant();
  const tenants = useTenants();
  const home = account?.homeTenantId ?? null;
  const current = chosen ?? home;

  if (!tenants.data) {
    if (tenants.isError) {
      return (
        <span className="text-sm text-amber-200" data-testid="tenant-switcher-error">
          Tenants could not be listed
        </span>
      );
    }
    return null;
  }
  const list = tenants.data;
  // The current tenant stays in the list even when Azure does not list it (a stale link).
  const known = current !== null && list.some((tenant) => tenant.tenantId.toLowerCase() === current.toLowerCase());
  const value = known ? list.find((tenant) => tenant.tenantId.toLowerCase() === current?.toLowerCase())?.tenantId : (current ?? '');

  return (
    <div className="flex min-w-0 max-w-full items-center gap-2">
      <label htmlFor={id} className="text-sm text-slate-300">
        Tenant
      </label>
      <select
        id={id}
        data-testid="tenant-switcher"
        value={value}
        onChange={(event) => {
          const next = event.target.value;
          chooseTenant(home !== null && next.toLowerCase() === home.toLowerCase() ? null : next);
        }}
        className="min-w-0 max-w-[min(30rem,calc(100vw-7rem))] rounded border border-slate-500 bg-slate-900 px-2 py-1 text-slate-100"
      >
        {!known && <option value={current ?? ''}>{current ?? 'Your home tenant'}</option>}
        {list.map((tenant) => (
          <option key={tenant.tenantId} value={tenant.tenantId}>
            {tenant.displayName}
            {tenant.defaultDomain ? ` (${tenant.defaultDomain})` : ''}
            {home !== null && tenant.tenantId.toLowerCase() === home.toLowerCase() ? ' · home' : home !== null ? ' · guest' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
