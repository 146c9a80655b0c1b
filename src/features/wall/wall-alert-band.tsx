import { memo } from 'react';
import { peerDataAttributes } from '../../bgp/peer-identity';
import { PeerStateIcon } from '../../components/peer-state-badge';
import { AlertAge } from './wall-clock-text';
import type { PeerAlert } from './wall-alerts';
import { PALETTES, type WallTheme } from './wall-theme';

/** Pinned above the tiles until each peer reconnects or someone presses A. */
export const WallAlertBand = memo(function WallAlertBand({ alerts, theme }: { alerts: readonly PeerAlert[]; theme: WallTheme }) {
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
            {...peerDataAttributes(alert)}
            data-gateway-id={alert.gatewayId}
            className={`flex h-[2.25rem] items-center gap-[0.4rem] rounded-[0.25rem] border-[0.1rem] px-[0.5rem] ${palette.states[alert.state]}`}
          >
            <PeerStateIcon state={alert.state} />
            <span className="font-bold">{alert.state}</span>
            <span className="font-semibold tabular-nums">{alert.neighbor ?? '—'}</span>
            <span>on {alert.gatewayName}</span>
            <AlertAge sinceMs={alert.sinceMs} />
          </li>
        ))}
      </ul>
    </section>
  );
});
