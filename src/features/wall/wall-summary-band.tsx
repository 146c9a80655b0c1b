import { memo } from 'react';
import type { BgpPeerState } from '../../azure/bgp-peer-status';
import type { SignalCounts } from '../../bgp/peer-condition';
import { PEER_STATES_BY_SEVERITY } from '../../bgp/peer-state';
import { PeerStateIcon } from '../../components/peer-state-badge';
import type { FleetHealth, GatewayHealth } from './gateway-health';
import { OldestData, WallClock } from './wall-clock-text';
import { HEALTH_ICON, HEALTH_WORD, PALETTES, type WallTheme } from './wall-theme';

const HEALTH_ORDER: readonly GatewayHealth[] = ['healthy', 'degraded', 'down', 'not-answering'];

interface SummaryBandProps {
  peersByState: SignalCounts;
  health: FleetHealth;
  intervalMs: number;
  theme: WallTheme;
}

/** The whole fleet in two lines: peers by state, gateways by health, the time and the oldest data. */
export const WallSummaryBand = memo(function WallSummaryBand({ peersByState, health, intervalMs, theme }: SummaryBandProps) {
  const palette = PALETTES[theme];
  return (
    <section
      aria-label="Fleet summary"
      data-testid="wall-summary"
      className={`flex shrink-0 flex-col gap-[0.25rem] rounded-[0.3rem] border-[0.1rem] px-[0.75rem] py-[0.4rem] ${palette.band}`}
    >
      <div className="flex h-[2.25rem] items-center justify-between gap-[1rem]">
        <ul aria-label="Peers by state" className="flex min-w-0 items-center gap-[1.25rem]">
          {/* With the counts set apart on the line too, states at zero make room for them. */}
          {PEER_STATES_BY_SEVERITY.filter(
            (state) => state === 'Connected' || peersByState.byState[state] > 0 || (peersByState.notTrying === 0 && peersByState.expectedDown === 0),
          ).map((state) => (
            <StateCount key={state} state={state} count={peersByState.byState[state]} theme={theme} />
          ))}
          {peersByState.notTrying > 0 && <ExcusedCount kind="not-trying" label="Stopped (not trying)" count={peersByState.notTrying} theme={theme} />}
          {peersByState.expectedDown > 0 && <ExcusedCount kind="expected-down" label="Expected down" count={peersByState.expectedDown} theme={theme} />}
        </ul>
        <WallClock className={`shrink-0 text-[1.5rem] leading-[2.25rem] font-bold tabular-nums ${palette.strong}`} />
      </div>
      <div className="flex h-[1.75rem] items-center justify-between gap-[1rem] leading-[1.75rem]">
        <ul aria-label="Gateways by health" className="flex min-w-0 items-center gap-[1.25rem]">
          <li className={palette.muted}>Gateways</li>
          {HEALTH_ORDER.map((h) => (
            <li key={h} data-health={h} className={`flex items-center gap-[0.3rem] ${health.gateways[h] > 0 ? palette.health[h] : palette.muted}`}>
              <PeerStateIcon state={HEALTH_ICON[h]} />
              <span className="font-bold tabular-nums">{health.gateways[h]}</span>
              <span>{HEALTH_WORD[h]}</span>
            </li>
          ))}
          {health.gateways.waiting > 0 && (
            <li className={palette.muted}>
              <span className="font-bold tabular-nums">{health.gateways.waiting}</span> waiting
            </li>
          )}
        </ul>
        <OldestData oldestUpdatedAt={health.oldestUpdatedAt} intervalMs={intervalMs} theme={theme} />
      </div>
    </section>
  );
});

function StateCount({ state, count, theme }: { state: BgpPeerState; count: number; theme: WallTheme }) {
  const palette = PALETTES[theme];
  const quiet = count === 0 && state !== 'Connected';
  return (
    <li
      data-state={state}
      className={`flex h-[2.25rem] items-center gap-[0.4rem] rounded-[0.25rem] border-[0.1rem] px-[0.5rem] text-[1.25rem] ${
        quiet ? `border-transparent ${palette.muted}` : palette.states[state]
      }`}
    >
      <PeerStateIcon state={state} />
      <span className="font-semibold">{state}</span>
      <span className="font-bold tabular-nums">{count}</span>
    </li>
  );
}

/** Peers down but no outage, counted apart from the states so they never read as red. */
function ExcusedCount({ kind, label, count, theme }: { kind: string; label: string; count: number; theme: WallTheme }) {
  return (
    <li
      data-state={kind}
      className={`flex h-[2.25rem] items-center gap-[0.4rem] rounded-[0.25rem] border-[0.1rem] px-[0.5rem] text-[1.25rem] ${PALETTES[theme].excused}`}
    >
      <span className="font-semibold">{label}</span>
      <span className="font-bold tabular-nums">{count}</span>
    </li>
  );
}
