import { summarizeFleet, type FleetCounts } from '../../bgp/fleet-counts';
import { useGatewaysPeers } from '../../queries/get-bgp-peer-status';
import { PEER_STATES_BY_SEVERITY } from '../../bgp/peer-state';
import { PeerStateBadge } from '../../components/peer-state-badge';

/**
 * Reads every gateway's peers from the cache without polling: the panels poll, and a second
 * polling observer per gateway would run a second getBgpPeerStatus on its own timer.
 */
export function useFleetCounts(gatewayIds: readonly string[], intervalMs: number): FleetCounts {
  const results = useGatewaysPeers(gatewayIds, intervalMs, { poll: false });
  return summarizeFleet(results.map(({ data, error }) => ({ data, error })));
}

interface FleetSummaryProps {
  gatewayIds: readonly string[];
  intervalMs: number;
}

export function FleetSummary({ gatewayIds, intervalMs }: FleetSummaryProps) {
  const counts = useFleetCounts(gatewayIds, intervalMs);
  const down = counts.totalPeers - counts.peersByState.Connected;
  return (
    <section
      aria-label="Fleet summary"
      data-testid="fleet-summary"
      className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-lg border border-slate-700 bg-slate-900 px-4 py-3"
    >
      <p className="text-lg font-semibold">
        <span className="tabular-nums">{counts.totalPeers}</span> peers
        {down > 0 && <span className="ml-2 text-red-300">({down} not connected)</span>}
      </p>
      <ul className="flex flex-wrap gap-3" aria-label="Peers by state">
        {PEER_STATES_BY_SEVERITY.filter((state) => counts.peersByState[state] > 0 || state === 'Connected').map(
          (state) => (
            <li key={state} className="flex items-center gap-1.5">
              <PeerStateBadge state={state} />
              <span className="text-lg font-bold tabular-nums">{counts.peersByState[state]}</span>
            </li>
          ),
        )}
      </ul>
      <p className="text-slate-300">
        Gateways: <span className="tabular-nums">{counts.gatewaysAnswering}</span> answering
        {counts.gatewaysFailing > 0 && (
          <>
            {' · '}
            <span className="font-bold text-amber-300 tabular-nums">{counts.gatewaysFailing} failing</span>
          </>
        )}
        {counts.gatewaysWaiting > 0 && <> · {counts.gatewaysWaiting} waiting</>}
      </p>
    </section>
  );
}
