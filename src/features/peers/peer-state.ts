import type { BgpPeer, BgpPeerState } from '../../azure/bgp-peer-status';

/**
 * States from worst to best. A peer that is down (Stopped, Idle) comes first so a drop is the
 * first thing seen on a wall screen; Unknown next, because "we cannot tell" must not hide among
 * healthy rows; Connecting is a session on its way back; Connected last.
 */
export const PEER_STATES_BY_SEVERITY: readonly BgpPeerState[] = ['Stopped', 'Idle', 'Unknown', 'Connecting', 'Connected'];

export function stateSeverity(state: BgpPeerState): number {
  return PEER_STATES_BY_SEVERITY.indexOf(state);
}

export type PeerStateCounts = Record<BgpPeerState, number>;

export function emptyStateCounts(): PeerStateCounts {
  return { Stopped: 0, Idle: 0, Unknown: 0, Connecting: 0, Connected: 0 };
}

export function countPeersByState(peers: readonly BgpPeer[], into: PeerStateCounts = emptyStateCounts()): PeerStateCounts {
  for (const peer of peers) into[peer.state] += 1;
  return into;
}

export type PeerStateFilter = BgpPeerState | 'all';

export function filterPeersByState(peers: readonly BgpPeer[], filter: PeerStateFilter): readonly BgpPeer[] {
  return filter === 'all' ? peers : peers.filter((peer) => peer.state === filter);
}
