import { hashKey, queryOptions, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ArmClient } from '../azure/arm-client';
import type { GatewaySummary } from '../azure/gateways';
import { parseGatewayId } from '../azure/resource-id';
import { gatewayHasBgp } from '../bgp/gateway-bgp';
import { useArmClient } from './arm-client-context';
import { bgpKeys } from './query-keys';
import { useTenantId } from './use-tenant';
import { useWatchList } from './watch-list';

export interface WatchedGateway {
  id: string;
  name: string;
  /** Null until known, or when reading the gateway failed (its peers are still polled). */
  summary: GatewaySummary | null;
  error: unknown;
}

const GATEWAY_LIST_REFRESH_MS = 10 * 60_000;
/**
 * How long the list waits for the slowest gateway's GET: past it, the gateways still unread are
 * listed without their properties (so polled, as before they were known) and read again at the
 * polling pace. One hung GET must not keep every panel off the screen.
 */
export const GATEWAY_READ_WAIT_MS = 5_000;

/**
 * Each configured gateway read with getGateway; one that fails keeps its place with its error;
 * one not answered within GATEWAY_READ_WAIT_MS keeps its place with neither (`summary` null).
 */
async function getWatchedGateways(client: ArmClient, configuredIds: readonly string[], signal: AbortSignal): Promise<WatchedGateway[]> {
  const results: (PromiseSettledResult<GatewaySummary> | undefined)[] = configuredIds.map(() => undefined);
  const reads = Promise.all(
    configuredIds.map((id, index) =>
      client.getGateway(id, { signal }).then(
        (value) => void (results[index] = { status: 'fulfilled', value }),
        (reason: unknown) => void (results[index] = { status: 'rejected', reason }),
      ),
    ),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([reads, new Promise<void>((resolve) => (timer = setTimeout(resolve, GATEWAY_READ_WAIT_MS)))]);
  clearTimeout(timer);
  signal.throwIfAborted();
  return configuredIds.map((id, index) => {
    const result = results[index];
    if (result?.status === 'fulfilled') return { id, name: result.value.name, summary: result.value, error: null };
    return { id, name: parseGatewayId(id).name, summary: null, error: result?.reason ?? null };
  });
}

/** Some gateway's GET had not answered when the list was made (see GATEWAY_READ_WAIT_MS). */
function hasUnreadGateways(list: readonly WatchedGateway[]): boolean {
  return list.some((g) => g.summary === null && g.error === null);
}

/** Every gateway Resource Graph finds in the subscriptions (all the principal's when none given), by name. */
async function discoverGateways(client: ArmClient, subscriptionIds: readonly string[], signal: AbortSignal): Promise<WatchedGateway[]> {
  const found = await client.discoverGateways({ signal, ...(subscriptionIds.length > 0 ? { subscriptionIds } : {}) });
  return found
    .map((summary) => ({ id: summary.id, name: summary.name, summary, error: null }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * The gateways to show: the configured IDs, or, when none are configured, every gateway
 * Resource Graph finds (in `subscriptionIds` when given).
 */
export function gatewaysQueryOptions(
  client: ArmClient,
  configuredIds: readonly string[],
  retryWhileEmptyMs: number,
  subscriptionIds: readonly string[] = [],
) {
  const configured = configuredIds.length > 0;
  return queryOptions({
    queryKey: configured ? bgpKeys.watched(configuredIds) : bgpKeys.discovery(subscriptionIds),
    queryFn: ({ signal }) =>
      configured ? getWatchedGateways(client, configuredIds, signal) : discoverGateways(client, subscriptionIds, signal),
    // Configured gateways are shown at once, named from their ID, before getGateway answers.
    placeholderData: configured ? placeholderGateways(configuredIds) : undefined,
    // New gateways appear and properties change rarely; this costs a read, not a write.
    staleTime: GATEWAY_LIST_REFRESH_MS,
    // Until a first list arrives there is nothing on screen: try again at the polling pace.
    // Gateways whose GET was too slow to wait for are read again at that pace too.
    refetchInterval: (query) =>
      query.state.data === undefined || hasUnreadGateways(query.state.data) ? retryWhileEmptyMs : GATEWAY_LIST_REFRESH_MS,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

function placeholderGateways(configuredIds: readonly string[]): WatchedGateway[] {
  return configuredIds.map((id) => ({ id, name: parseGatewayId(id).name, summary: null, error: null }));
}

/** Leaves out the gateways known to have BGP off: they have no peers to poll. */
export function withBgp(gateways: WatchedGateway[]): WatchedGateway[] {
  return gateways.every((g) => gatewayHasBgp(g.summary)) ? gateways : gateways.filter((g) => gatewayHasBgp(g.summary));
}

/**
 * The watched gateways, refreshed every 10 minutes (sooner while none has arrived yet).
 * `watchList: true` (the dashboard): the watch list decides — the link's `watch=`, else the list
 * saved in this browser for the tenant, else `configuredIds`, else every gateway (in `subs=`) —
 * and gateways with BGP off are left out (known from their GET before any panel shows), so they
 * are never polled. Without it, exactly
 * `configuredIds` (or every gateway when empty).
 */
export function useWatchedGateways(
  configuredIds: readonly string[],
  retryWhileEmptyMs: number,
  options: { watchList?: boolean; onArrival?: (gateways: readonly WatchedGateway[]) => void } = {},
) {
  const client = useArmClient();
  const watchList = useWatchList(configuredIds);
  const ids = options.watchList ? watchList.ids : configuredIds;
  const subscriptionIds = options.watchList ? watchList.subscriptionIds : [];
  const query = gatewaysQueryOptions(client, ids, retryWhileEmptyMs, subscriptionIds);
  const select = options.watchList ? withBgp : undefined;
  useOnArrival(query.queryKey, options.onArrival && ((data: WatchedGateway[]) => options.onArrival?.(select ? select(data) : data)));
  return useQuery({
    ...query,
    // No placeholders named from the IDs: a gateway with BGP off would be polled once before its
    // GET says so. The GETs are reads, answered together: one round trip, GATEWAY_READ_WAIT_MS at most.
    ...(select ? { select, placeholderData: undefined } : {}),
  });
}

/**
 * Calls `onArrival` with each list the query fetches, as it enters the cache: before TanStack
 * Query tells the components (a timer later) and React draws them, which for 200 gateways is
 * a long task. What must start as soon as the list is known (the first polls) starts here.
 */
function useOnArrival(queryKey: QueryKey, onArrival: ((data: WatchedGateway[]) => void) | undefined) {
  const queryClient = useQueryClient();
  const latest = useRef(onArrival);
  useEffect(() => {
    latest.current = onArrival;
  });
  const queryHash = hashKey(queryKey);
  const wanted = onArrival !== undefined;
  useEffect(() => {
    if (!wanted) return;
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success' || event.query.queryHash !== queryHash) return;
      latest.current?.(event.query.state.data as WatchedGateway[]);
    });
  }, [queryClient, queryHash, wanted]);
}

/**
 * The picker's list: every gateway in every subscription the principal can see, through Resource
 * Graph or, where refused, each resource group's list (the answer says which). Read once and
 * kept 10 minutes: a picker needs no live data.
 */
export function gatewayFinderQueryOptions(client: ArmClient, tenantId: string | null) {
  return queryOptions({
    queryKey: bgpKeys.gatewayFinder(tenantId),
    queryFn: ({ signal }) => client.findGateways({ signal }),
    staleTime: GATEWAY_LIST_REFRESH_MS,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

/** Every gateway the principal can see, for choosing from (cached 10 minutes). */
export function useGatewayFinder() {
  const client = useArmClient();
  return useQuery(gatewayFinderQueryOptions(client, useTenantId()));
}
