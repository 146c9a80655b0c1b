import type { BgpPeer } from '../azure/bgp-peer-status';
import { expectedDownWindow, type MaintenanceWindow } from './maintenance';
import { peerId, type PeerAddresses } from './peer-identity';
import { emptyStateCounts, type PeerStateCounts } from './peer-state';
import type { PeerAlert } from './peer-signals';

/**
 * Why a peer that is not Connected is no outage: it was Stopped when first seen ("Stopped (not
 * trying)": administratively down, nobody expects it up) or someone marked it expected down.
 * Such peers are drawn in a neutral style, counted apart and raise no alert, so red keeps meaning
 * "something is wrong right now".
 */
export type PeerCondition = { kind: 'not-trying' } | { kind: 'expected-down'; window: MaintenanceWindow };

export interface ConditionContext {
  /** peerIds from PeerSignals' snapshot. */
  notTrying: ReadonlySet<string>;
  /** Active maintenance windows. */
  windows: readonly MaintenanceWindow[];
  nowMs: number;
}

/** A Connected peer has no condition, whatever window covers it: it is simply up. */
export function peerCondition(gatewayId: string, peer: Pick<BgpPeer, 'state'> & PeerAddresses, context: ConditionContext): PeerCondition | null {
  if (peer.state === 'Connected') return null;
  const window = expectedDownWindow(context.windows, gatewayId, peer, context.nowMs);
  if (window) return { kind: 'expected-down', window };
  if (peer.state === 'Stopped' && context.notTrying.has(peerId(gatewayId, peer))) return { kind: 'not-trying' };
  return null;
}

/** The word shown instead of the bare state. */
export function conditionWord(condition: PeerCondition, state: BgpPeer['state']): string {
  return condition.kind === 'not-trying' ? 'Stopped (not trying)' : `Expected down (${state})`;
}

export interface SignalCounts {
  /** Peers by state, the not-trying and expected-down ones left out. */
  byState: PeerStateCounts;
  notTrying: number;
  expectedDown: number;
}

export function emptySignalCounts(): SignalCounts {
  return { byState: emptyStateCounts(), notTrying: 0, expectedDown: 0 };
}

export function countPeerSignals(gatewayId: string, peers: readonly BgpPeer[], context: ConditionContext, into: SignalCounts = emptySignalCounts()): SignalCounts {
  for (const peer of peers) {
    const condition = peerCondition(gatewayId, peer, context);
    if (!condition) into.byState[peer.state] += 1;
    else if (condition.kind === 'not-trying') into.notTrying += 1;
    else into.expectedDown += 1;
  }
  return into;
}

/** Alerts of peers under maintenance are held back while the window lasts (and shown if it ends first). */
export function alertsToShow(alerts: readonly PeerAlert[], windows: readonly MaintenanceWindow[], nowMs: number): PeerAlert[] {
  if (windows.length === 0) return alerts as PeerAlert[];
  return alerts.filter((alert) => !expectedDownWindow(windows, alert.gatewayId, alert, nowMs));
}
