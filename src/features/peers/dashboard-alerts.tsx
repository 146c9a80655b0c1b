import { useId } from 'react';
import { alertDetail, alertHeadline } from '../../bgp/alert-words';
import { formatMuteParam, type MaintenanceWindow } from '../../bgp/maintenance';
import { peerDataAttributes } from '../../bgp/peer-identity';
import type { PeerAlert } from '../../bgp/peer-signals';
import { useNow } from '../../components/use-now';
import { formatAge, formatClock, formatDayClock } from '../../lib/format';

interface DashboardAlertsProps {
  /** Newest first, maintenance already held back. */
  alerts: readonly PeerAlert[];
  onAcknowledge: () => void;
  /** Running windows saved in this browser, and whether each can be ended from here. */
  maintenance: readonly MaintenanceWindow[];
  onEndMaintenance: (window: MaintenanceWindow) => void;
  gatewayName: (gatewayId: string) => string;
}

const KIND_TONE: Record<PeerAlert['kind'], string> = {
  down: 'border-red-400 bg-red-950/70',
  'routes-withdrawn': 'border-orange-300 bg-orange-950/60',
  flapping: 'border-amber-300 bg-amber-950/50',
};

/**
 * The same alerts as the wall's band, on the dashboard: peers that left Connected, lost their
 * routes or flap, each with its instance and since when; acknowledged ones stay, plain, until they
 * recover. Below them, the maintenance windows running in this browser.
 */
export function DashboardAlerts({ alerts, onAcknowledge, maintenance, onEndMaintenance, gatewayName }: DashboardAlertsProps) {
  const headingId = useId();
  const unacknowledged = alerts.filter((alert) => !alert.acknowledged).length;
  return (
    <section aria-labelledby={headingId} data-testid="dashboard-alerts" className="flex flex-col gap-2 rounded-lg border border-slate-700 bg-slate-900 px-4 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-bold text-white">
          Alerts
        </h2>
        <p role="status" className="text-slate-200">
          {alerts.length === 0
            ? 'None: no peer has dropped, lost its routes or flapped since this page opened.'
            : `${alerts.length} ${alerts.length === 1 ? 'alert' : 'alerts'}${alerts.length > unacknowledged ? `, ${alerts.length - unacknowledged} acknowledged` : ''}`}
        </p>
        {unacknowledged > 0 && (
          <button type="button" onClick={onAcknowledge} className="rounded border border-slate-400 px-2 py-1 text-slate-100 hover:bg-slate-800">
            Acknowledge all
          </button>
        )}
      </div>
      {alerts.length > 0 && (
        <ul className="flex flex-col gap-1">
          {alerts.map((alert) => (
            <AlertRow key={alert.key} alert={alert} />
          ))}
        </ul>
      )}
      {maintenance.length > 0 && <MaintenanceList windows={maintenance} onEnd={onEndMaintenance} gatewayName={gatewayName} />}
    </section>
  );
}

function AlertRow({ alert }: { alert: PeerAlert }) {
  const nowMs = useNow();
  return (
    <li
      data-testid="dashboard-alert"
      data-kind={alert.kind}
      data-acknowledged={alert.acknowledged}
      {...peerDataAttributes(alert)}
      data-gateway-id={alert.gatewayId}
      className={`flex flex-wrap items-baseline gap-x-3 rounded border-l-4 px-3 py-1 ${
        alert.acknowledged ? 'border-slate-500 bg-slate-800/60 text-slate-200' : `${KIND_TONE[alert.kind]} text-white`
      }`}
    >
      <span className="font-bold">{alertHeadline(alert)}</span>
      <span className="font-mono">{alert.neighbor ?? '—'}</span>
      {alert.instance && <span>{alert.instance}</span>}
      <span>on {alert.gatewayName}</span>
      {alert.kind !== 'down' && <span className="font-semibold">{alertDetail(alert)}</span>}
      <span className="tabular-nums">
        since {formatClock(alert.sinceMs)} ({formatAge(alert.sinceMs, nowMs)})
      </span>
      {alert.acknowledged && <span className="text-sm">acknowledged</span>}
    </li>
  );
}

function MaintenanceList({ windows, onEnd, gatewayName }: { windows: readonly MaintenanceWindow[]; onEnd: (window: MaintenanceWindow) => void; gatewayName: (gatewayId: string) => string }) {
  const wallUrl = `/wall?${new URLSearchParams({ mute: formatMuteParam(windows, -Infinity) })}`;
  return (
    <div data-testid="maintenance-list" className="flex flex-col gap-1 border-t border-slate-700 pt-2">
      <h3 className="font-semibold text-slate-100">Expected down (maintenance in this browser)</h3>
      <ul className="flex flex-col gap-1">
        {windows.map((window) => {
          const what = window.neighbor
            ? `peer ${window.neighbor}${window.localAddress ? ` via ${window.localAddress}` : ''} on ${gatewayName(window.gatewayId)}`
            : `gateway ${gatewayName(window.gatewayId)}`;
          return (
            <li key={`${window.gatewayId}|${window.neighbor}|${window.localAddress}`} className="flex flex-wrap items-center gap-x-3 text-slate-200">
              <span>
                {what} until {formatDayClock(window.untilMs)}
                {window.note && <> — {window.note}</>}
              </span>
              <button type="button" onClick={() => onEnd(window)} aria-label={`End maintenance of ${what}`} className="rounded border border-slate-400 px-1.5 py-0.5 text-sm hover:bg-slate-800">
                End now
              </button>
            </li>
          );
        })}
      </ul>
      <p className="text-sm text-slate-300">
        A wall screen on another machine gets them through its URL:{' '}
        <a href={wallUrl} className="text-sky-300 underline">
          wall with these windows
        </a>{' '}
        (add your other wall parameters).
      </p>
    </div>
  );
}
