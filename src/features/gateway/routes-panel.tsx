import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { GatewayRoute } from '../../azure/gateway-routes';
import { summarizeError } from '../../bgp/error-summary';
import { filterRoutesByNetwork, longestMatch, routesFromPeer } from '../../bgp/route-prefix';
import { DEFAULT_ROUTE_SORT, sortRoutes, type RouteSort, type RouteSortKey } from '../../bgp/route-sort';
import { useNow } from '../../components/use-now';
import { downloadCsv } from '../../lib/csv';
import { formatAge, formatCount } from '../../lib/format';
import { useAdvertisedRoutes, useLearnedRoutes } from '../../queries/get-routes';
import { routesCsvFileName, routesToCsv, type RouteKind } from './route-columns';
import { RoutesTable } from './routes-table';

interface PeerRoutesProps {
  gatewayId: string;
  gatewayName: string;
  neighbor: string;
}

/** getLearnedRoutes is read when this mounts (the tab opened); it answers for the whole gateway. */
export function LearnedRoutes({ gatewayId, gatewayName, neighbor }: PeerRoutesProps) {
  const query = useLearnedRoutes(gatewayId);
  const [allPeers, setAllPeers] = useState(false);
  const switchId = useId();
  const routes = useMemo(
    () => (query.data === undefined ? undefined : allPeers ? query.data : routesFromPeer(query.data, neighbor)),
    [query.data, allPeers, neighbor],
  );
  return (
    <RoutesPanel
      kind="learned"
      query={query}
      routes={routes}
      gatewayName={gatewayName}
      neighbor={neighbor}
      caption={allPeers ? `Every route ${gatewayName} learned` : `Routes ${gatewayName} learned from ${neighbor}`}
      emptyText={allPeers ? 'The gateway reports no learned routes.' : `The gateway learned no routes from ${neighbor}.`}
      extraControl={
        <label htmlFor={switchId} className="inline-flex items-center gap-2">
          <input
            id={switchId}
            type="checkbox"
            role="switch"
            checked={allPeers}
            onChange={(e) => setAllPeers(e.target.checked)}
            className="h-4 w-4 accent-sky-400"
          />
          All routes of the gateway (every peer)
        </label>
      }
    />
  );
}

/** getAdvertisedRoutes for this neighbor, read when this mounts (the tab opened). */
export function AdvertisedRoutes({ gatewayId, gatewayName, neighbor }: PeerRoutesProps) {
  const query = useAdvertisedRoutes(gatewayId, neighbor);
  return (
    <RoutesPanel
      kind="advertised"
      query={query}
      routes={query.data}
      gatewayName={gatewayName}
      neighbor={neighbor}
      caption={`Routes ${gatewayName} advertises to ${neighbor}`}
      emptyText={`The gateway advertises no routes to ${neighbor}.`}
    />
  );
}

interface RoutesQuery {
  data: readonly GatewayRoute[] | undefined;
  error: unknown;
  dataUpdatedAt: number;
  isFetching: boolean;
  refetch: () => unknown;
}

interface RoutesPanelProps {
  kind: RouteKind;
  query: RoutesQuery;
  /** The routes of this view (the peer's, or all), before search; undefined until the first answer. */
  routes: readonly GatewayRoute[] | undefined;
  gatewayName: string;
  neighbor: string;
  caption: string;
  emptyText: string;
  extraControl?: React.ReactNode;
}

const OPERATION_NAME: Record<RouteKind, string> = { learned: 'getLearnedRoutes', advertised: 'getAdvertisedRoutes' };

/**
 * One route table with its age, refresh, search and CSV. Data first: a failed refresh keeps the
 * last routes on screen, dimmed, under a STALE line saying what failed.
 */
function RoutesPanel({ kind, query, routes, gatewayName, neighbor, caption, emptyText, extraControl }: RoutesPanelProps) {
  const [sort, setSort] = useState<RouteSort>(DEFAULT_ROUTE_SORT);
  const [contains, setContains] = useState('');
  const [address, setAddress] = useState('');
  const containsId = useId();
  const addressId = useId();
  const deferredContains = useDeferredValue(contains);
  const deferredAddress = useDeferredValue(address);
  const failure = query.error ? summarizeError(query.error) : null;
  const stale = failure !== null && routes !== undefined;

  const matched = useMemo(() => (routes && deferredAddress.trim() ? longestMatch(routes, deferredAddress) : null), [routes, deferredAddress]);
  const shown = useMemo(() => {
    if (!routes) return [];
    const base = matched ?? routes;
    return sortRoutes(filterRoutesByNetwork(base, deferredContains), sort);
  }, [routes, matched, deferredContains, sort]);
  const addressInvalid = deferredAddress.trim() !== '' && matched === null && routes !== undefined;
  const searching = deferredContains.trim() !== '' || (deferredAddress.trim() !== '' && !addressInvalid);

  const onSort = (key: RouteSortKey) =>
    setSort((current) =>
      current.key === key ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' } : { key, direction: 'ascending' },
    );

  return (
    <div className="flex flex-col gap-3" data-testid={`${kind}-routes`}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <button
          type="button"
          onClick={() => void query.refetch()}
          disabled={query.isFetching}
          className="rounded border border-sky-300 px-3 py-1 text-sky-100 hover:bg-sky-900 disabled:border-slate-500 disabled:text-slate-300"
        >
          {query.isFetching ? 'Reading routes…' : 'Refresh routes'}
        </button>
        <RoutesAge dataUpdatedAt={query.dataUpdatedAt} isFetching={query.isFetching} operation={OPERATION_NAME[kind]} />
        {extraControl}
      </div>

      {failure && (
        <div role="alert" data-testid="routes-error" className="rounded border-2 border-amber-300 bg-amber-950/60 p-2 text-amber-50">
          {stale && <strong className="mr-1 rounded bg-amber-400 px-1 text-slate-950">STALE</strong>}
          {OPERATION_NAME[kind]} failed: {failure.headline}. {failure.code}: {failure.message}
          {stale ? ' The routes below are the last ones read, dimmed.' : ''}
          {!stale && (
            <button type="button" onClick={() => void query.refetch()} className="ml-2 underline">
              Try again
            </button>
          )}
        </div>
      )}

      {routes !== undefined && (
        <>
          <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
            <div className="flex flex-col gap-1">
              <label htmlFor={containsId} className="text-sm text-slate-300">
                Network contains
              </label>
              <input
                id={containsId}
                type="search"
                value={contains}
                onChange={(e) => setContains(e.target.value)}
                placeholder="e.g. 172.16.4"
                className="w-56 rounded border border-slate-500 bg-slate-950 px-2 py-1 font-mono text-slate-100 placeholder:text-slate-400"
              />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={addressId} className="text-sm text-slate-300">
                Route covering address (longest match)
              </label>
              <input
                id={addressId}
                type="search"
                value={address}
                onChange={(e) => setAddress(e.target.value)}
                placeholder="e.g. 172.16.4.20 or fd00::1"
                aria-invalid={addressInvalid}
                aria-describedby={addressInvalid ? `${addressId}-error` : undefined}
                className="w-64 rounded border border-slate-500 bg-slate-950 px-2 py-1 font-mono text-slate-100 placeholder:text-slate-400"
              />
            </div>
            <button
              type="button"
              onClick={() => downloadCsv(routesToCsv(shown, kind), routesCsvFileName(kind, gatewayName, neighbor, Date.now()))}
              className="rounded border border-slate-400 px-3 py-1 text-slate-100 hover:bg-slate-800"
            >
              Download CSV ({formatCount(shown.length)} routes shown)
            </button>
          </div>
          {addressInvalid && (
            <p id={`${addressId}-error`} className="text-amber-200">
              “{deferredAddress.trim()}” is not an IPv4 or IPv6 address.
            </p>
          )}
          <p className="text-slate-200">
            <span data-testid="routes-count" className="font-semibold">
              {formatCount(shown.length)} {kind} routes
            </span>
            {searching && <span className="text-slate-300"> shown of {formatCount(routes.length)}</span>}
          </p>
          <div className={stale ? 'border-l-4 border-dashed border-amber-400 pl-2' : undefined} data-stale={stale}>
            <RoutesTable
              kind={kind}
              routes={shown}
              caption={caption}
              sort={sort}
              onSort={onSort}
              stale={stale}
              emptyText={searching ? 'No route matches the search.' : emptyText}
            />
          </div>
        </>
      )}
      {routes === undefined && !failure && (
        <p role="status" className="text-slate-300">
          Reading the routes… {OPERATION_NAME[kind]} is a long-running Azure operation and can take a minute or more.
        </p>
      )}
    </div>
  );
}

function RoutesAge({ dataUpdatedAt, isFetching, operation }: { dataUpdatedAt: number; isFetching: boolean; operation: string }) {
  const now = useNow();
  if (dataUpdatedAt === 0) return null;
  return (
    <p data-testid="routes-age" className="text-slate-300">
      read{' '}
      <time dateTime={new Date(dataUpdatedAt).toISOString()} title={new Date(dataUpdatedAt).toLocaleString()}>
        {formatAge(dataUpdatedAt, now)}
      </time>{' '}
      <span className="sr-only">with {operation}</span>
      {isFetching && <span className="text-slate-400"> (refreshing…)</span>}
    </p>
  );
}
