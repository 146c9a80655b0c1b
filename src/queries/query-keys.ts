import type { QueryKey } from '@tanstack/react-query';

/**
 * Every ARM-backed query key of the app, generic → specific, so one `invalidateQueries` or
 * `refetchQueries` on a prefix reaches everything below it (`bgpKeys.all`: every poll;
 * `bgpKeys.gateway(id)`: everything about one gateway). Gateway IDs are kept as configured: the
 * history store is keyed by the same string.
 */
export const bgpKeys = {
  all: ['bgp'] as const,
  gateway: (gatewayId: string) => [...bgpKeys.all, 'gateway', gatewayId] as const,
  /** The whole-gateway getBgpPeerStatus poll (no `peer` parameter). */
  peers: (gatewayId: string) => [...bgpKeys.gateway(gatewayId), 'peers'] as const,
  /** One neighbor's rows through getBgpPeerStatus's `peer` parameter (the peer page). */
  peer: (gatewayId: string, neighbor: string) => [...bgpKeys.peers(gatewayId), { peer: neighbor }] as const,
  routes: (gatewayId: string) => [...bgpKeys.gateway(gatewayId), 'routes'] as const,
  /** getLearnedRoutes: every route of the gateway (ARM has no `peer` parameter for it). */
  learnedRoutes: (gatewayId: string) => [...bgpKeys.routes(gatewayId), 'learned'] as const,
  advertisedRoutes: (gatewayId: string, neighbor: string) => [...bgpKeys.routes(gatewayId), 'advertised', { peer: neighbor }] as const,
  watched: (gatewayIds: readonly string[]) => [...bgpKeys.all, 'watched', [...gatewayIds]] as const,
  /** Every gateway (in these subscriptions when given), as the dashboard lists them. */
  discovery: (subscriptionIds: readonly string[] = []) =>
    subscriptionIds.length > 0 ? ([...bgpKeys.all, 'discovery', [...subscriptionIds]] as const) : ([...bgpKeys.all, 'discovery'] as const),
  /** The picker's discovery (Resource Graph or per-resource-group lists), per tenant (null: home). */
  gatewayFinder: (tenantId: string | null) => [...bgpKeys.all, 'gateway-finder', tenantId ?? 'home'] as const,
  metrics: (gatewayId: string) => [...bgpKeys.gateway(gatewayId), 'metrics'] as const,
  /** Each tenant has its own QueryClient (providers.tsx), so these need no tenant in the key. */
  tenants: () => [...bgpKeys.all, 'tenants'] as const,
  subscriptions: () => [...bgpKeys.all, 'subscriptions'] as const,
};

/**
 * The gateway whose whole peer list `queryKey` polls, or null for any other query. The one place
 * that reads a key back: it sits beside the factory that writes it.
 */
export function peersKeyGatewayId(queryKey: QueryKey): string | null {
  if (queryKey.length !== 4) return null;
  const [root, scope, gatewayId, kind] = queryKey;
  if (root !== bgpKeys.all[0] || scope !== 'gateway' || kind !== 'peers' || typeof gatewayId !== 'string') return null;
  return gatewayId;
}
