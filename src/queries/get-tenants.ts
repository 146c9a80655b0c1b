import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ArmClient } from '../azure/arm-client';
import { useArmClient } from './arm-client-context';
import { bgpKeys } from './query-keys';

/** Directories change rarely; a read every half hour at most. */
const TENANTS_STALE_MS = 30 * 60_000;

export function tenantsQueryOptions(client: ArmClient) {
  return queryOptions({
    queryKey: bgpKeys.tenants(),
    queryFn: ({ signal }) => client.listTenants({ signal }),
    staleTime: TENANTS_STALE_MS,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** Every directory the user belongs to (member or guest); read once per tenant scope, kept 30 minutes. */
export function useTenants() {
  const client = useArmClient();
  return useQuery(tenantsQueryOptions(client));
}
