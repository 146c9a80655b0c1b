import type { GatewayRoute } from '../../azure/gateway-routes';
import type { RouteSortKey } from '../../bgp/route-sort';
import { csvText } from '../../lib/csv';
import type { SortableColumn } from '../../components/sort-button';

export type RouteKind = 'learned' | 'advertised';

export type RouteColumn = SortableColumn<RouteSortKey>;

const COMMON: readonly RouteColumn[] = [
  { key: 'network', label: 'Network' },
  { key: 'nextHop', label: 'Next hop' },
  { key: 'origin', label: 'Origin' },
  { key: 'asPath', label: 'AS path' },
  { key: 'weight', label: 'Weight', numeric: true },
  { key: 'localAddress', label: 'Local address' },
];

/** The columns of a route table; learned routes also say which peer they came from. */
export function routeColumns(kind: RouteKind): readonly RouteColumn[] {
  return kind === 'learned' ? [...COMMON, { key: 'sourcePeer', label: 'Source peer' }] : COMMON;
}

/** The rows shown, as CSV with ARM's field names as the header, in the order shown. */
export function routesToCsv(routes: readonly GatewayRoute[], kind: RouteKind): string {
  const columns = routeColumns(kind);
  return csvText(
    columns.map((c) => c.key),
    routes.map((route) => columns.map((c) => route[c.key])),
  );
}

/** "bgp-learned-routes-vpngw-1-10.1.0.4-2026-12-02T1640Z.csv" */
export function routesCsvFileName(kind: RouteKind, gatewayName: string, neighbor: string, atMs: number): string {
  const clean = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_');
  const stamp = new Date(atMs).toISOString().slice(0, 16).replace(/:/g, '') + 'Z';
  return `bgp-${kind}-routes-${clean(gatewayName)}-${clean(neighbor)}-${stamp}.csv`;
}
