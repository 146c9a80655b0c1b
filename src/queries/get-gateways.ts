import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ArmClient } from '../azure/arm-client';
import type { GatewaySummary } from '../azure/gateways';
import { parseGatewayId } from '../azure/resource-id';
import { useArmClient } from './arm-client-context';
import { bgpKeys } from './query-keys';

export interface WatchedGateway {
  id: string;
  name: string;
  /** Null until known, or when reading the gateway failed (its peers are still polled). */
  summary: GatewaySummary | null;
  error: unknown;
}

const GATEWAY_LIST_REFRESH_MS = 10 * 60_000;

/** Each configured gateway read with getGateway; one that fails keeps its place with its error. */
async function getWatchedGateways(client: ArmClient, configuredIds: readonly string[], signal: AbortSignal): Promise<WatchedGateway[]> {
  const results = await Promise.allSettled(configuredIds.map((id) => client.getGateway(id, { signal })));
  return configuredIds.map((id, index) => {
    const result = results[index];
    return result?.status === 'fulfilled'
      ? { id, name: result.value.name, summary: result.value, error: null }
      : { id, name: parseGatewayId(id).name, summary: null, error: result?.reason };
  });
}

/** Every gateway Resource Graph finds in the principal's subscriptions, by name. */
async function discoverGateways(client: ArmClient, signal: AbortSignal): Promise<WatchedGateway[]> {
  const found = await client.discoverGateways({ signal });
  return found
    .map((summary) => ({ id: summary.id, name: summary.name, summary, error: null }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * The gateways to show: the configured IDs, or, when none are configured, every gateway
 * Resource Graph finds.
 */
export function gatewaysQueryOptions(client: ArmClient, configuredIds: readonly string[], retryWhileEmptyMs: number) {
  const configured = configuredIds.length > 0;
  return queryOptions({
    queryKey: configured ? bgpKeys.watched(configuredIds) : bgpKeys.discovery(),
    queryFn: ({ signal }) => (configured ? getWatchedGateways(client, configuredIds, signal) : discoverGateways(client, signal)),
    // Configured gateways are shown at once, named from their ID, before getGateway answers.
    placeholderData: configured ? placeholderGateways(configuredIds) : undefined,
    // New gateways appear and properties change rarely; this costs a read, not a write.
    staleTime: GATEWAY_LIST_REFRESH_MS,
    // Until a first list arrives there is nothing on screen: try again at the polling pace.
    refetchInterval: (query) => (query.state.data === undefined ? retryWhileEmptyMs : GATEWAY_LIST_REFRESH_MS),
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

function placeholderGateways(configuredIds: readonly string[]): WatchedGateway[] {
  return configuredIds.map((id) => ({ id, name: parseGatewayId(id).name, summary: null, error: null }));
}

/** The watched gateways, refreshed every 10 minutes (sooner while none has arrived yet). */
export function useWatchedGateways(configuredIds: readonly string[], retryWhileEmptyMs: number) {
  const client = useArmClient();
  return useQuery(gatewaysQueryOptions(client, configuredIds, retryWhileEmptyMs));
}
