import type { BgpPeerState } from '../../azure/bgp-peer-status';
import { formatDuration } from '../../lib/format';
import { PEER_STATES_BY_SEVERITY, type PeerStateCounts } from '../../bgp/peer-state';
import { PeerStateIcon } from '../../components/peer-state-badge';
import type { FleetHealth, GatewayHealth } from './gateway-health';
import type { PeerAlert, StateChange } from './wall-alerts';
import { clockTime } from './wall-tile';
import { HEALTH_ICON, HEALTH_WORD, PALETTES, type WallTheme } from './wall-theme';

const HEALTH_ORDER: readonly GatewayHealth[] = ['healthy', 'degraded', 'down', 'not-answering'];

interface SummaryBandProps {
  peersByState: PeerStateCounts;
  health: FleetHealth;
  nowMs: number;
  intervalMs: number;
  theme: WallTheme;
}

/** The whole fleet in two lines: peers by state, gateways by health, the time and the oldest data. */
export function WallSummaryBand({ peersByState, health, nowMs, intervalMs, theme }: SummaryBandProps) {
  const palette = PALETTES[theme];
  const oldest = health.oldestAgeSeconds;
  const oldestIsStale = oldest !== null && oldest * 1000 > 2.5 * intervalMs;
  return (
    <section
      aria-label="Fleet summary"
      data-testid="wall-summary"
      className={`flex shrink-0 flex-col gap-[0.25rem] rounded-[0.3rem] border-[0.1rem] px-[0.75rem] py-[0.4rem] ${palette.band}`}
    >
      <div className="flex h-[2.25rem] items-center justify-between gap-[1rem]">
        <ul aria-label="Peers by state" className="flex min-w-0 items-center gap-[1.25rem]">
          {PEER_STATES_BY_SEVERITY.map((state) => (
            <StateCount key={state} state={state} count={peersByState[state]} theme={theme} />
          ))}
        </ul>
        <p data-testid="wall-clock" className={`shrink-0 text-[1.5rem] leading-[2.25rem] font-bold tabular-nums ${palette.strong}`}>
          {clockTime(nowMs)}
        </p>
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
        <p data-testid="wall-oldest" className={`shrink-0 ${oldestIsStale ? `rounded-[0.2rem] px-[0.4rem] font-bold ${palette.stale}` : palette.muted}`}>
          oldest data {oldest === null ? '—' : `${formatDuration(oldest)} old`}
        </p>
      </div>
    </section>
  );
}

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

/** Pinned above the tiles until each peer reconnects or someone presses A. */
export function WallAlertBand({ alerts, nowMs, theme }: { alerts: readonly PeerAlert[]; nowMs: number; theme: WallTheme }) {
  const palette = PALETTES[theme];
  return (
    <section
      role="alert"
      aria-label="Peers that left Connected"
      data-testid="wall-alerts"
      className={`wall-flash flex shrink-0 items-center gap-[0.75rem] rounded-[0.3rem] border-[0.15rem] px-[0.75rem] py-[0.3rem] ${palette.alertBand}`}
    >
      <p className="shrink-0 text-[1.25rem] leading-[2.25rem] font-bold">
        {alerts.length} {alerts.length === 1 ? 'peer' : 'peers'} DOWN · press A to acknowledge
      </p>
      {/* Items that do not fit wrap onto hidden lines instead of being cut mid-word. */}
      <ul className="flex h-[2.25rem] min-w-0 flex-1 flex-wrap gap-x-[0.75rem] overflow-hidden">
        {alerts.map((alert) => (
          <li
            key={alert.key}
            data-testid="wall-alert"
            data-neighbor={alert.neighbor ?? ''}
            data-local-address={alert.localAddress ?? ''}
            data-gateway-id={alert.gatewayId}
            className={`flex h-[2.25rem] items-center gap-[0.4rem] rounded-[0.25rem] border-[0.1rem] px-[0.5rem] ${palette.states[alert.state]}`}
          >
            <PeerStateIcon state={alert.state} />
            <span className="font-bold">{alert.state}</span>
            <span className="font-semibold tabular-nums">{alert.neighbor ?? '—'}</span>
            <span>on {alert.gatewayName}</span>
            <span className="tabular-nums">{formatDuration(Math.max(0, (nowMs - alert.sinceMs) / 1000))} ago</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function WallChangesStrip({ changes, theme }: { changes: readonly StateChange[]; theme: WallTheme }) {
  const palette = PALETTES[theme];
  return (
    <section
      aria-label="Recent state changes"
      data-testid="wall-changes"
      className={`flex h-[2rem] shrink-0 items-center gap-[0.75rem] leading-[2rem] ${palette.muted}`}
    >
      <p className="shrink-0 font-semibold">Recent changes</p>
      {changes.length === 0 ? (
        <p>none since this screen started</p>
      ) : (
        <ul className="flex h-[2rem] min-w-0 flex-1 flex-wrap gap-x-[1.25rem] overflow-hidden">
          {changes.map((change) => (
            <li key={`${change.key}|${change.atMs}`} className="flex h-[2rem] items-center gap-[0.3rem] whitespace-nowrap">
              <span className="tabular-nums">{clockTime(change.atMs)}</span>
              <span className={palette.strong}>{change.gatewayName}</span>
              <span className="tabular-nums">{change.neighbor ?? '—'}</span>
              <span>{change.from}</span>→
              <PeerStateIcon state={change.to} />
              <span className="font-bold">{change.to}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
