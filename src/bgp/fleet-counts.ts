import type { BgpPeer } from '../azure/bgp-peer-status';
import { countPeersByState, emptyStateCounts, type PeerStateCounts } from './peer-state';

export interface GatewayPeersResult {
  data: readonly BgpPeer[] | undefined;
  error: unknown;
}

export interface FleetCounts {
  peersByState: PeerStateCounts;
  totalPeers: number;
  /** Gateways whose last refresh succeeded. */
  gatewaysAnswering: number;
  /** Gateways whose last refresh failed (their last good peers still count above). */
  gatewaysFailing: number;
  /** Gateways with no answer yet. */
  gatewaysWaiting: number;
}

export function summarizeFleet(gateways: readonly GatewayPeersResult[]): FleetCounts {
  const counts: FleetCounts = {
    peersByState: emptyStateCounts(),
    totalPeers: 0,
    gatewaysAnswering: 0,
    gatewaysFailing: 0,
    gatewaysWaiting: 0,
  };
  for (const { data, error } of gateways) {
    if (error) counts.gatewaysFailing += 1;
    else if (data) counts.gatewaysAnswering += 1;
    else counts.gatewaysWaiting += 1;
    if (data) {
      countPeersByState(data, counts.peersByState);
      counts.totalPeers += data.length;
    }
  }
  return counts;
}
