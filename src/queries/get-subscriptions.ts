import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ArmClient } from '../azure/arm-client';
import { useArmClient } from './arm-client-context';
import { bgpKeys } from './query-keys';

const SUBSCRIPTIONS_STALE_MS = 10 * 60_000;

export function subscriptionsQueryOptions(client: ArmClient) {
  return queryOptions({
    queryKey: bgpKeys.subscriptions(),
    // By display name, as a person looks for one.
    queryFn: async ({ signal }) => (await client.listSubscriptions({ signal })).sort((a, b) => a.displayName.localeCompare(b.displayName)),
    staleTime: SUBSCRIPTIONS_STALE_MS,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/**
 * The chosen tenant's subscriptions (ARM lists only the token's tenant's): the page's ARM client
 * and query cache are the chosen tenant's. Kept 10 minutes.
 */
export function useSubscriptions() {
  const client = useArmClient();
  return useQuery(subscriptionsQueryOptions(client));
}
