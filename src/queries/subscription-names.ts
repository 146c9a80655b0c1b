import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ArmClient, ArmSubscription } from '../azure/arm-client';
import { useArmClient } from './arm-client-context';
import { bgpKeys } from './query-keys';
import { useTenantId } from './use-tenant';

/** `GET /subscriptions`: the subscriptions the principal sees in the current tenant, by display name. */
export function subscriptionsQueryOptions(client: ArmClient, tenantId: string | null) {
  return queryOptions({
    queryKey: bgpKeys.subscriptions(tenantId),
    queryFn: async ({ signal }): Promise<ArmSubscription[]> =>
      (await client.listSubscriptions({ signal })).sort((a, b) => a.displayName.localeCompare(b.displayName)),
    staleTime: 10 * 60_000,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** The subscriptions to filter gateways by (cached 10 minutes). */
export function useSubscriptionList() {
  const client = useArmClient();
  return useQuery(subscriptionsQueryOptions(client, useTenantId()));
}
