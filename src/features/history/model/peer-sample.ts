import type { BgpPeer, BgpPeerState } from '../../../azure/bgp-peer-status';
import { peerRowKey } from '../../../bgp/peer-identity';

/**
 * One peer row of one successful poll. Rows are keyed like getBgpPeerStatus lists them: an
 * active-active gateway reports each neighbor once per instance (local address), and those are
 * different sessions with their own counters, so they are never merged.
 */
export interface PeerSample {
  gatewayId: string;
  /** `localAddress|neighbor`, see {@link peerRowKey}. */
  peerKey: string;
  /** When the poll's answer arrived (browser clock, ms since the epoch). */
  time: number;
  state: BgpPeerState;
  routesReceived: number | null;
  messagesSent: number | null;
  messagesReceived: number | null;
  connectedSeconds: number | null;
}

/** One poll of one gateway. A failed poll is a gap in every series of that gateway. */
export interface PollOutcome {
  gatewayId: string;
  time: number;
  ok: boolean;
  /** The ArmError code (or "NetworkError") when the poll failed. */
  errorCode?: string;
}

export type HistoryEventKind =
  | 'state-change'
  | 'session-reset'
  | 're-established'
  | 'routes-changed'
  | 'gateway-stopped-answering'
  | 'gateway-answering-again';

/** Something an engineer wants to read about afterwards ("what happened at 03:12?"). */
export interface HistoryEvent {
  /** Stable, so recording the same poll twice stores the event once. */
  id: string;
  gatewayId: string;
  /** Null for events about the gateway as a whole. */
  peerKey: string | null;
  time: number;
  kind: HistoryEventKind;
  /** For state changes: the state before and after. */
  from?: string;
  to?: string;
  /** One sentence in the engineer's words. */
  detail: string;
}

export function samplesFromPeers(gatewayId: string, time: number, peers: readonly BgpPeer[]): PeerSample[] {
  const byKey = new Map<string, PeerSample>();
  for (const peer of peers) {
    const peerKey = peerRowKey(peer.localAddress, peer.neighbor);
    // A duplicated row (a malformed answer) would give two samples at one key and time.
    byKey.set(peerKey, {
      gatewayId,
      peerKey,
      time,
      state: peer.state,
      routesReceived: peer.routesReceived,
      messagesSent: peer.messagesSent,
      messagesReceived: peer.messagesReceived,
      connectedSeconds: peer.connectedSeconds,
    });
  }
  return [...byKey.values()];
}
