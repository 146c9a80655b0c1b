import type { BgpPeer, BgpPeerState } from '../azure/bgp-peer-status';
import { compareIpAddresses } from './ip-address';
import { peerCondition, type ConditionContext, type PeerCondition } from './peer-condition';
import { peerId } from './peer-identity';
import { instanceLabels } from './peer-instances';
import type { PeerAlert } from './peer-signals';
import { comparePeersBy, type PeerSortKey, type SortDirection } from './peer-sort';
import { PEER_STATES_BY_SEVERITY, stateSeverity } from './peer-state';

/** One peer row of the fleet-wide view: a peer with the gateway it belongs to. */
export interface FleetPeerRow {
  /** peerId: unique across the fleet, stable between polls (the virtualised rows' key). */
  key: string;
  gatewayId: string;
  gatewayName: string;
  peer: BgpPeer;
  /** "Instance 0" / "Instance 1" on an active-active gateway. */
  instance: string | null;
  condition: PeerCondition | null;
  /** The peer has an alert shown (down, routes withdrawn, flapping). */
  alerted: boolean;
  /** When its down alert was raised, if it has one: how long it has been down. */
  downSinceMs: number | null;
}

export interface FleetGatewayPeers {
  id: string;
  name: string;
  activeActive: boolean;
  /** Undefined until the gateway's first answer. */
  peers: readonly BgpPeer[] | undefined;
}

/**
 * Every peer of every gateway with data, in the order given. Derived once per change of the
 * fleet's data (not per row render) so that one gateway's answer costs one pass over the rows.
 */
export function buildFleetRows(
  gateways: readonly FleetGatewayPeers[],
  conditions: ConditionContext,
  alerts: readonly PeerAlert[],
): FleetPeerRow[] {
  const alerted = new Map<string, number | null>();
  for (const alert of alerts) {
    const downSince = alert.kind === 'down' ? alert.sinceMs : null;
    const previous = alerted.get(alert.peerKey);
    alerted.set(alert.peerKey, previous ?? downSince);
  }
  const rows: FleetPeerRow[] = [];
  const keys = new Set<string>();
  for (const gateway of gateways) {
    if (!gateway.peers) continue;
    const instances = instanceLabels(gateway.peers, gateway.activeActive);
    for (const peer of gateway.peers) {
      const key = peerId(gateway.id, peer);
      // A malformed answer can repeat a peer (or miss its addresses): such rows still get a key of their own.
      const rowKey = keys.has(key) ? `${key}#${rows.length}` : key;
      keys.add(rowKey);
      rows.push({
        key: rowKey,
        gatewayId: gateway.id,
        gatewayName: gateway.name,
        peer,
        instance: peer.localAddress === null ? null : (instances.get(peer.localAddress) ?? null),
        condition: peerCondition(gateway.id, peer, conditions),
        alerted: alerted.has(key),
        downSinceMs: alerted.get(key) ?? null,
      });
    }
  }
  return rows;
}

/**
 * A problem: a peer that is down with nobody expecting it (not Connected, not "not trying", not
 * under maintenance), or one with an alert (dropped and back, routes withdrawn, flapping).
 */
export function isProblem(row: FleetPeerRow): boolean {
  return (row.peer.state !== 'Connected' && row.condition === null) || row.alerted;
}

/** Down for the tab title: not Connected and nobody expects it down. */
export function isDown(row: FleetPeerRow): boolean {
  return row.peer.state !== 'Connected' && row.condition === null;
}

export function countDown(rows: readonly FleetPeerRow[]): number {
  let down = 0;
  for (const row of rows) if (isDown(row)) down += 1;
  return down;
}

/** The tab's title: "3 down · BGP peers", plain "BGP peers" when nothing is down. */
export function fleetTitle(down: number): string {
  return down > 0 ? `${down} down · BGP peers` : 'BGP peers';
}

/** The summary badges' filter: a state (conditioned peers left out, as the badges count them) or a condition. */
export type FleetStateFilter = BgpPeerState | 'not-trying' | 'expected-down';
export const FLEET_STATE_FILTERS: readonly FleetStateFilter[] = [...PEER_STATES_BY_SEVERITY, 'not-trying', 'expected-down'];

export function matchesStateFilter(row: FleetPeerRow, filter: FleetStateFilter): boolean {
  if (filter === 'not-trying' || filter === 'expected-down') return row.condition?.kind === filter;
  return row.condition === null && row.peer.state === filter;
}

/**
 * Search across the fleet: every word must match the neighbor's address (contains, so a prefix
 * like "10.2." works), the ASN (whole or leading digits, "AS65010" too) or the gateway's name.
 */
export function matchesSearch(row: FleetPeerRow, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((word) => {
    if (row.peer.neighbor?.toLowerCase().includes(word)) return true;
    if (row.gatewayName.toLowerCase().includes(word)) return true;
    const asn = word.startsWith('as') ? word.slice(2) : word;
    return /^\d+$/.test(asn) && row.peer.asn !== null && String(row.peer.asn).startsWith(asn);
  });
}

export interface FleetFilter {
  problemsOnly: boolean;
  state: FleetStateFilter | null;
  query: string;
}

/** A chosen state shows every peer in it: "problems only" does not apply while a badge is pressed. */
export function filterFleetRows(rows: readonly FleetPeerRow[], filter: FleetFilter): FleetPeerRow[] {
  const query = filter.query.trim();
  return rows.filter(
    (row) =>
      (filter.state !== null ? matchesStateFilter(row, filter.state) : !filter.problemsOnly || isProblem(row)) &&
      (query === '' || matchesSearch(row, query)),
  );
}

export type FleetSortKey = PeerSortKey | 'gateway';
export interface FleetSort {
  key: FleetSortKey;
  direction: SortDirection;
}

/** Worst first: state severity, then the most recent drop, then gateway name. */
export const DEFAULT_FLEET_SORT: FleetSort = { key: 'state', direction: 'ascending' };

const FLEET_SORT_KEYS: readonly FleetSortKey[] = [
  'state',
  'gateway',
  'neighbor',
  'instance',
  'asn',
  'connected',
  'routesReceived',
  'messagesSent',
  'messagesReceived',
];

const NUMERIC_KEYS: readonly FleetSortKey[] = ['connected', 'routesReceived', 'messagesSent', 'messagesReceived'];

export function toggleFleetSort(current: FleetSort, key: FleetSortKey): FleetSort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: NUMERIC_KEYS.includes(key) ? 'descending' : 'ascending' };
}

/** "asn.desc" ⇄ {asn, descending}; anything else is the default sort. */
export function parseFleetSort(value: string | null): FleetSort {
  if (!value) return DEFAULT_FLEET_SORT;
  const [key, direction] = value.split('.');
  const found = FLEET_SORT_KEYS.find((k) => k.toLowerCase() === key?.toLowerCase());
  if (!found) return DEFAULT_FLEET_SORT;
  return { key: found, direction: direction?.toLowerCase() === 'desc' ? 'descending' : 'ascending' };
}

export function formatFleetSort(sort: FleetSort): string {
  return `${sort.key}.${sort.direction === 'ascending' ? 'asc' : 'desc'}`;
}

export function isDefaultFleetSort(sort: FleetSort): boolean {
  return sort.key === DEFAULT_FLEET_SORT.key && sort.direction === DEFAULT_FLEET_SORT.direction;
}

// One collator for every comparison: String.localeCompare builds one per call, which costs
// milliseconds across 1,600 rows on each poll answer.
const collator = new Intl.Collator();
const byName = (a: FleetPeerRow, b: FleetPeerRow) => collator.compare(a.gatewayName, b.gatewayName) || collator.compare(a.gatewayId, b.gatewayId);

/** Severity of a row for the worst-first order: a peer expected down or not trying ranks with Connected ones. */
function rowSeverity(row: FleetPeerRow): number {
  if (row.condition) return stateSeverity('Connected') - 0.5;
  // A Connected peer with an alert (flapping, routes withdrawn) comes before the quiet ones.
  if (row.peer.state === 'Connected' && row.alerted) return stateSeverity('Connecting') + 0.5;
  return stateSeverity(row.peer.state);
}

/**
 * Sorts across the fleet. Ties keep a stable, meaningful order: by state, the newest drop first
 * (what just broke is what the NOC is asked about), then gateway name and the peer's addresses.
 */
export function sortFleetRows(rows: readonly FleetPeerRow[], sort: FleetSort): FleetPeerRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  if (sort.key === 'state') {
    return [...rows].sort(
      (a, b) =>
        sign * (rowSeverity(a) - rowSeverity(b)) ||
        (b.downSinceMs ?? -Infinity) - (a.downSinceMs ?? -Infinity) ||
        byName(a, b) ||
        byAddresses(a, b),
    );
  }
  if (sort.key === 'gateway') return [...rows].sort((a, b) => sign * byName(a, b) || byAddresses(a, b));
  // Any other column as a gateway's table sorts it (missing values last), gateway name breaking ties.
  const peerSort = { key: sort.key, direction: sort.direction };
  return [...rows].sort((a, b) => comparePeersBy(a.peer, b.peer, peerSort) || byName(a, b) || byAddresses(a, b));
}

function byAddresses(a: FleetPeerRow, b: FleetPeerRow): number {
  const cmp = (x: string | null, y: string | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : compareIpAddresses(x, y));
  return cmp(a.peer.neighbor, b.peer.neighbor) || cmp(a.peer.localAddress, b.peer.localAddress);
}

/**
 * The same row objects as last time for every peer whose row did not change (one gateway
 * answered: the 199 others keep theirs), so memoised rows skip their render.
 */
export function reuseUnchangedRows(previous: ReadonlyMap<string, FleetPeerRow>, next: readonly FleetPeerRow[]): FleetPeerRow[] {
  return next.map((row) => {
    const old = previous.get(row.key);
    return old !== undefined &&
      old.peer === row.peer &&
      old.gatewayName === row.gatewayName &&
      old.instance === row.instance &&
      old.alerted === row.alerted &&
      old.downSinceMs === row.downSinceMs &&
      sameCondition(old.condition, row.condition)
      ? old
      : row;
  });
}

function sameCondition(a: PeerCondition | null, b: PeerCondition | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind !== b.kind) return false;
  return a.kind === 'not-trying' || (b.kind === 'expected-down' && a.window === b.window);
}
