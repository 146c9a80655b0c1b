import { queryOptions } from '@tanstack/react-query';
import type { ArmClient } from '../../azure/arm-client';
import { isArmError } from '../../azure/arm-error';
import type { GatewaySummary } from '../../azure/gateways';
import { parseGatewayId } from '../../azure/resource-id';

export const bgpKeys = {
  all: ['bgp'] as const,
  gateway: (gatewayId: string) => [...bgpKeys.all, gatewayId] as const,
  peers: (gatewayId: string, filter: { peer?: string } = {}) =>
    [...bgpKeys.gateway(gatewayId), 'peers', filter] as const,
  watched: (gatewayIds: readonly string[]) => [...bgpKeys.all, 'watched', [...gatewayIds]] as const,
  discovery: () => [...bgpKeys.all, 'discovery'] as const,
};

/**
 * How long to wait before the next poll. ARM's Retry-After on a 429 is a promise we keep:
 * polling sooner spends the subscription's write budget and prolongs the throttling.
 */
export function nextPollDelayMs(lastError: unknown, intervalMs: number): number {
  if (isArmError(lastError) && lastError.retryAfterMs !== undefined) {
    return Math.max(intervalMs, lastError.retryAfterMs);
  }
  return intervalMs;
}

const MIN_OPERATION_TIMEOUT_MS = 30_000;
const MAX_OPERATION_TIMEOUT_MS = 10 * 60_000;

/**
 * How long one getBgpPeerStatus operation may run before it is abandoned: two polling
 * intervals, at least 30 s (Azure usually answers in 10–60 s), at most 10 minutes. A NOC wants
 * "this gateway's operation is stuck" on screen while it still matters, not after ARM's own
 * 10-minute horizon; meanwhile the panel is already marked stale after 2.5 intervals.
 */
export function peerOperationTimeoutMs(intervalMs: number): number {
  return Math.min(MAX_OPERATION_TIMEOUT_MS, Math.max(MIN_OPERATION_TIMEOUT_MS, 2 * intervalMs));
}

/**
 * A gateway's BGP peers, polled every `intervalMs` even when the page is not focused (wall
 * screens never are). React Query shares one in-flight fetch per key, and interval refetches
 * never cancel it, so at most one getBgpPeerStatus operation runs per gateway.
 */
export function peersQueryOptions(client: ArmClient, gatewayId: string, intervalMs: number) {
  return queryOptions({
    queryKey: bgpKeys.peers(gatewayId),
    queryFn: ({ signal }) =>
      client.getBgpPeerStatus(gatewayId, { signal, timeoutMs: peerOperationTimeoutMs(intervalMs) }),
    refetchInterval: (query) => nextPollDelayMs(query.state.error, intervalMs),
    refetchIntervalInBackground: true,
    // getBgpPeerStatus counts as a write against ARM's budget: poll on the interval only, not
    // on every focus change. Fresh for one interval so a remounted panel does not poll early.
    refetchOnWindowFocus: false,
    staleTime: intervalMs,
    // The ARM client already retries transient failures with backoff.
    retry: false,
  });
}

export interface WatchedGateway {
  id: string;
  name: string;
  /** Null until known, or when reading the gateway failed (its peers are still polled). */
  summary: GatewaySummary | null;
  error: unknown;
}

const GATEWAY_LIST_REFRESH_MS = 10 * 60_000;

/**
 * The gateways to show: the configured IDs (each read with getGateway; one that fails keeps
 * its place with the error), or, when none are configured, every gateway Resource Graph finds.
 */
export function gatewaysQueryOptions(client: ArmClient, configuredIds: readonly string[], retryWhileEmptyMs: number) {
  const configured = configuredIds.length > 0;
  return queryOptions({
    queryKey: configured ? bgpKeys.watched(configuredIds) : bgpKeys.discovery(),
    queryFn: async ({ signal }): Promise<WatchedGateway[]> => {
      if (!configured) {
        const found = await client.discoverGateways({ signal });
        return found
          .map((summary) => ({ id: summary.id, name: summary.name, summary, error: null }))
          .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      }
      const results = await Promise.allSettled(configuredIds.map((id) => client.getGateway(id, { signal })));
      return configuredIds.map((id, index) => {
        const result = results[index];
        return result?.status === 'fulfilled'
          ? { id, name: result.value.name, summary: result.value, error: null }
          : { id, name: parseGatewayId(id).name, summary: null, error: result?.reason };
      });
    },
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
