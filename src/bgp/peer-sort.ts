import type { BgpPeer } from '../azure/bgp-peer-status';
import { compareIpAddresses } from './ip-address';
import { stateSeverity } from './peer-state';

export type PeerSortKey =
  | 'neighbor'
  | 'instance'
  | 'asn'
  | 'state'
  | 'connected'
  | 'routesReceived'
  | 'messagesSent'
  | 'messagesReceived';

export type SortDirection = 'ascending' | 'descending';

export interface PeerSort {
  key: PeerSortKey;
  direction: SortDirection;
}

/** Worst state first: a dropped peer is at the top of its table without anyone clicking. */
export const DEFAULT_PEER_SORT: PeerSort = { key: 'state', direction: 'ascending' };

type Value = string | number | null;

const VALUE_OF: Record<PeerSortKey, (peer: BgpPeer) => Value> = {
  neighbor: (p) => p.neighbor,
  instance: (p) => p.localAddress,
  asn: (p) => p.asn,
  state: (p) => stateSeverity(p.state),
  connected: (p) => p.connectedSeconds,
  routesReceived: (p) => p.routesReceived,
  messagesSent: (p) => p.messagesSent,
  messagesReceived: (p) => p.messagesReceived,
};

function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareIpAddresses(String(a), String(b));
}

/**
 * Compares two peers by one column: missing values last whatever the direction, 0 on a tie (the
 * caller breaks ties). Shared by a gateway's table and the fleet-wide one.
 */
export function comparePeersBy(x: BgpPeer, y: BgpPeer, sort: PeerSort): number {
  const valueOf = VALUE_OF[sort.key];
  const a = valueOf(x);
  const b = valueOf(y);
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (sort.direction === 'ascending' ? 1 : -1) * compareValues(a, b);
}

/** Rows in a stable order: missing values ("—") always last, ties broken by neighbor then instance. */
export function sortPeers(peers: readonly BgpPeer[], sort: PeerSort): BgpPeer[] {
  const byAddress = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : compareIpAddresses(a, b);

  return [...peers].sort(
    (x, y) => comparePeersBy(x, y, sort) || byAddress(x.neighbor, y.neighbor) || byAddress(x.localAddress, y.localAddress),
  );
}

export function toggleSort(current: PeerSort, key: PeerSortKey): PeerSort {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  // Counters and durations are most interesting largest first; text and state from the top.
  const numeric: PeerSortKey[] = ['connected', 'routesReceived', 'messagesSent', 'messagesReceived'];
  return { key, direction: numeric.includes(key) ? 'descending' : 'ascending' };
}
