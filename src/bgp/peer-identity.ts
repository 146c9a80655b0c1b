import type { BgpPeer } from '../azure/bgp-peer-status';

/**
 * Which peer a row is. An active-active gateway reports each neighbor once per instance, told
 * apart only by `localAddress`; those are separate sessions with their own counters, so a peer is
 * always gateway + local address + neighbor, never the neighbor alone.
 */
export type PeerAddresses = Pick<BgpPeer, 'localAddress' | 'neighbor'>;

const MISSING = '?';

/**
 * "localAddress|neighbor": a peer within its gateway. The history store keys samples by it, so
 * the format is persisted and must not change.
 */
export function peerRowKey(localAddress: string | null, neighbor: string | null): string {
  return `${localAddress ?? MISSING}|${neighbor ?? MISSING}`;
}

export function splitPeerRowKey(rowKey: string): { localAddress: string; neighbor: string } {
  const bar = rowKey.indexOf('|');
  return bar < 0 ? { localAddress: MISSING, neighbor: rowKey } : { localAddress: rowKey.slice(0, bar), neighbor: rowKey.slice(bar + 1) };
}

/** A peer across the fleet. ARM resource IDs are case-insensitive, so the gateway part is lowercased. */
export function peerId(gatewayId: string, peer: PeerAddresses): string {
  return `${gatewayId.toLowerCase()}|${peerRowKey(peer.localAddress, peer.neighbor)}`;
}

/** Whether two resource IDs name the same gateway (ARM compares IDs without case). */
export function sameGatewayId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** "10.1.0.4 via 10.0.0.4": how a peer row is named in events, legends and CSV. */
export function peerLabel(rowKey: string): string {
  const { localAddress, neighbor } = splitPeerRowKey(rowKey);
  return `${neighbor} via ${localAddress}`;
}

/**
 * The attributes every element standing for one peer row carries (table rows, wall chips and
 * badges, alerts), so tests and tools can find a peer the same way on every screen.
 */
export function peerDataAttributes(peer: PeerAddresses): { 'data-neighbor': string; 'data-local-address': string } {
  return { 'data-neighbor': peer.neighbor ?? '', 'data-local-address': peer.localAddress ?? '' };
}
