import type { GatewayRoute } from '../azure/gateway-routes';
import { compareIpAddresses } from './ip-address';
import type { SortDirection } from './peer-sort';
import { parsePrefix } from './route-prefix';

export type RouteSortKey = 'network' | 'nextHop' | 'origin' | 'asPath' | 'weight' | 'localAddress' | 'sourcePeer';

export interface RouteSort {
  key: RouteSortKey;
  direction: SortDirection;
}

export const DEFAULT_ROUTE_SORT: RouteSort = { key: 'network', direction: 'ascending' };

/** Networks in address order (IPv4 before IPv6), a shorter prefix before a longer one at the same address. */
export function compareNetworks(a: string, b: string): number {
  const pa = parsePrefix(a);
  const pb = parsePrefix(b);
  if (pa && pb) {
    if (pa.bytes.length !== pb.bytes.length) return pa.bytes.length - pb.bytes.length;
    for (let i = 0; i < pa.bytes.length; i += 1) {
      const diff = (pa.bytes[i] ?? 0) - (pb.bytes[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return pa.length - pb.length;
  }
  if (pa) return -1;
  if (pb) return 1;
  return a.localeCompare(b);
}

/** AS paths by hop count, then hop by hop as numbers ("65001" before "65515-12076"). */
function compareAsPaths(a: string, b: string): number {
  const ha = a ? a.split(/[-\s]+/) : [];
  const hb = b ? b.split(/[-\s]+/) : [];
  if (ha.length !== hb.length) return ha.length - hb.length;
  for (let i = 0; i < ha.length; i += 1) {
    const diff = Number(ha[i]) - Number(hb[i]);
    if (diff) return diff;
    const text = (ha[i] ?? '').localeCompare(hb[i] ?? '');
    if (text) return text;
  }
  return 0;
}

/** One column compared ascending. */
function compareBy(key: RouteSortKey, a: GatewayRoute, b: GatewayRoute): number {
  switch (key) {
    case 'network':
      return compareNetworks(a.network, b.network);
    case 'weight':
      return (a.weight ?? -1) - (b.weight ?? -1);
    case 'asPath':
      return compareAsPaths(a.asPath, b.asPath);
    case 'origin':
      return a.origin.localeCompare(b.origin);
    default:
      return compareIpAddresses(a[key], b[key]);
  }
}

/** A sorted copy; ties fall back to network then local address, so the order is stable across refreshes. */
export function sortRoutes(routes: readonly GatewayRoute[], sort: RouteSort): GatewayRoute[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...routes].sort(
    (a, b) =>
      sign * compareBy(sort.key, a, b) ||
      compareNetworks(a.network, b.network) ||
      compareIpAddresses(a.localAddress, b.localAddress),
  );
}
