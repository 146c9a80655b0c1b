import { summarizeFleet, type FleetCounts } from '../../bgp/fleet-counts';
import { countPeerSignals, emptySignalCounts, type ConditionContext, type SignalCounts } from '../../bgp/peer-condition';
import { useGatewaysPeers } from '../../queries/get-bgp-peer-status';
import { PEER_STATES_BY_SEVERITY } from '../../bgp/peer-state';
import { PeerStateBadge } from '../../components/peer-state-badge';
import type { FleetStateFilter } from '../../bgp/fleet-peers';
import type { ReactNode } from 'react';

/**
 * Reads every gateway's peers from the cache without polling: the panels poll, and a second
 * polling observer per gateway would run a second getBgpPeerStatus on its own timer.
 */
export function useFleetCounts(gatewayIds: readonly string[], intervalMs: number, conditions?: ConditionContext): FleetCounts & { signals: SignalCounts } {
  const results = useGatewaysPeers(gatewayIds, intervalMs, { poll: false });
  const signals = emptySignalCounts();
  if (conditions) results.forEach(({ data }, index) => data && countPeerSignals(gatewayIds[index] ?? '', data, conditions, signals));
  return { ...summarizeFleet(results.map(({ data, error }) => ({ data, error }))), signals };
}

interface FleetSummaryProps {
  gatewayIds: readonly string[];
  intervalMs: number;
  /** Which peers are not trying or expected down: counted apart from the states. */
  conditions?: ConditionContext;
  /** With these, each badge is a button that filters the fleet view by its state (pressed again: every state). */
  stateFilter?: FleetStateFilter | null;
  onStateFilter?: (state: FleetStateFilter | null) => void;
}

export function FleetSummary({ gatewayIds, intervalMs, conditions, stateFilter = null, onStateFilter }: FleetSummaryProps) {
  const counts = useFleetCounts(gatewayIds, intervalMs, conditions);
  const { notTrying, expectedDown } = counts.signals;
  const byState = conditions ? counts.signals.byState : counts.peersByState;
  const down = counts.totalPeers - counts.peersByState.Connected - notTrying - expectedDown;
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
        {PEER_STATES_BY_SEVERITY.filter((state) => byState[state] > 0 || state === 'Connected' || state === stateFilter).map((state) => (
          <StateCount key={state} state={state} count={byState[state]} pressed={stateFilter === state} onPress={onStateFilter}>
            <PeerStateBadge state={state} />
          </StateCount>
        ))}
        {(notTrying > 0 || stateFilter === 'not-trying') && (
          <StateCount state="not-trying" count={notTrying} pressed={stateFilter === 'not-trying'} onPress={onStateFilter}>
            <PeerStateBadge state="Stopped" condition={{ kind: 'not-trying' }} />
          </StateCount>
        )}
        {(expectedDown > 0 || stateFilter === 'expected-down') && (
          <StateCount state="expected-down" count={expectedDown} pressed={stateFilter === 'expected-down'} onPress={onStateFilter}>
            <span className="rounded border border-dotted border-slate-400 px-2 py-0.5 font-semibold text-slate-200">Expected down</span>
          </StateCount>
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

interface StateCountProps {
  state: FleetStateFilter;
  count: number;
  pressed: boolean;
  onPress: ((state: FleetStateFilter | null) => void) | undefined;
  children: ReactNode;
}

function StateCount({ state, count, pressed, onPress, children }: StateCountProps) {
  const content = (
    <>
      {children}
      <span className="text-lg font-bold tabular-nums">{count}</span>
    </>
  );
  return (
    <li data-state={state} className="flex items-center">
      {onPress ? (
        <button
          type="button"
          aria-pressed={pressed}
          title={pressed ? 'Show every state' : 'Show only these peers in the fleet view'}
          onClick={() => onPress(pressed ? null : state)}
          className="flex items-center gap-1.5 rounded-md border border-transparent px-1 py-0.5 hover:border-slate-400 aria-pressed:border-sky-300 aria-pressed:bg-sky-900/60"
        >
          {content}
        </button>
      ) : (
        <span className="flex items-center gap-1.5">{content}</span>
      )}
    </li>
  );
}
