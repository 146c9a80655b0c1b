import type { BGP_PEER_STATES, BgpPeer, BgpPeerState } from '../azure/bgp-peer-status';

/**
 * States from worst to best. A peer that is down (Stopped, Idle) comes first so a drop is the
 * first thing seen on a wall screen; Unknown next, because "we cannot tell" must not hide among
 * healthy rows; Connecting is a session on its way back; Connected last.
 */
export const PEER_STATES_BY_SEVERITY = ['Stopped', 'Idle', 'Unknown', 'Connecting', 'Connected'] as const satisfies readonly BgpPeerState[];

// Compile-time check that the severity order names every state ARM knows.
type Missing = Exclude<(typeof BGP_PEER_STATES)[number], (typeof PEER_STATES_BY_SEVERITY)[number]>;
const everyStateHasASeverity: [Missing] extends [never] ? true : Missing = true;
void everyStateHasASeverity;

export function stateSeverity(state: BgpPeerState): number {
  return PEER_STATES_BY_SEVERITY.indexOf(state);
}

export type PeerStateCounts = Record<BgpPeerState, number>;

export function emptyStateCounts(): PeerStateCounts {
  return Object.fromEntries(PEER_STATES_BY_SEVERITY.map((state) => [state, 0])) as PeerStateCounts;
}

const MAX_RAW_STATE_SHOWN = 40;

/**
 * The word for a peer's state on every screen. A state ARM sent that is none of the five known
 * ones is shown as "Unknown (what ARM said)", cut to badge size (the row's note has it whole).
 */
export function peerStateWord(state: BgpPeerState, rawState?: string | null): string {
  if (state !== 'Unknown' || !rawState) return state;
  const shown = rawState.length > MAX_RAW_STATE_SHOWN ? `${rawState.slice(0, MAX_RAW_STATE_SHOWN)}…` : rawState;
  return `Unknown (${shown})`;
}

export function countPeersByState(peers: readonly BgpPeer[], into: PeerStateCounts = emptyStateCounts()): PeerStateCounts {
  for (const peer of peers) into[peer.state] += 1;
  return into;
}

export type PeerStateFilter = BgpPeerState | 'all';

export function filterPeersByState(peers: readonly BgpPeer[], filter: PeerStateFilter): readonly BgpPeer[] {
  return filter === 'all' ? peers : peers.filter((peer) => peer.state === filter);
}
