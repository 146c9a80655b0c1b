import {
  FLEET_STATE_FILTERS,
  formatFleetSort,
  isDefaultFleetSort,
  parseFleetSort,
  type FleetSort,
  type FleetStateFilter,
} from '../../bgp/fleet-peers';

/** Past this many gateways the dashboard opens on problems only, with the gateway panels collapsed. */
export const MANY_GATEWAYS = 10;

/**
 * The dashboard's view as its URL says it (`q`, `problems`, `state`, `sort`, `collapsed`), so a
 * reload, back/forward or a copied link opens the same view. Absent parameters mean the default,
 * which depends on the fleet's size; other pages' and other features' parameters are kept as they are.
 */
export interface DashboardView {
  query: string;
  /** null: the default (on past MANY_GATEWAYS gateways). */
  problems: boolean | null;
  state: FleetStateFilter | null;
  sort: FleetSort;
  /** Whether every panel starts collapsed; null: the default (collapsed past MANY_GATEWAYS). */
  collapsed: boolean | null;
}

function readFlag(value: string | null): boolean | null {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return null;
}

export function readDashboardView(params: URLSearchParams): DashboardView {
  const state = params.get('state');
  return {
    query: params.get('q') ?? '',
    problems: readFlag(params.get('problems')),
    state: FLEET_STATE_FILTERS.find((filter) => filter.toLowerCase() === state?.toLowerCase()) ?? null,
    sort: parseFleetSort(params.get('sort')),
    collapsed: readFlag(params.get('collapsed')),
  };
}

/** The URL parameters for a changed view: only what differs from the defaults is written. */
export function writeDashboardView(params: URLSearchParams, change: Partial<DashboardView>): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (name: string, value: string | null) => (value === null ? next.delete(name) : next.set(name, value));
  if ('query' in change) set('q', change.query?.trim() ? (change.query ?? null) : null);
  if ('problems' in change) set('problems', change.problems === null || change.problems === undefined ? null : change.problems ? '1' : '0');
  if ('state' in change) set('state', change.state ?? null);
  if ('sort' in change) set('sort', !change.sort || isDefaultFleetSort(change.sort) ? null : formatFleetSort(change.sort));
  if ('collapsed' in change) set('collapsed', change.collapsed === null || change.collapsed === undefined ? null : change.collapsed ? '1' : '0');
  return next;
}

export function problemsOnlyFor(view: DashboardView, gatewayCount: number): boolean {
  return view.problems ?? gatewayCount > MANY_GATEWAYS;
}

export function panelsCollapsedFor(view: DashboardView, gatewayCount: number): boolean {
  return view.collapsed ?? gatewayCount > MANY_GATEWAYS;
}
