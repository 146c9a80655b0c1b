import { useCallback, useEffect, useRef } from 'react';
import { alertDetail, alertHeadline } from '../../bgp/alert-words';
import type { MaintenanceWindow } from '../../bgp/maintenance';
import { alertsToShow } from '../../bgp/peer-condition';
import type { PeerAlert, PeerSignals, PeerSignalsSnapshot } from '../../bgp/peer-signals';
import { usePeerSignals, type SignalGateway } from '../../queries/use-peer-signals';
import { RUNNING_WINDOWS_ONLY } from '../../components/use-maintenance';
import { playAlertSound } from './alert-sound';
import { useAnnouncingWall } from './use-announcing-wall';

interface AlertOptions {
  sound: boolean;
  /** Running maintenance windows: alerts of those peers make no sound and no notification. */
  maintenance: readonly MaintenanceWindow[];
}

/** The wall's signals, and every new alert made loud (sound, notification) unless the peer is expected down. */
export function useWallAlerts(gateways: readonly SignalGateway[], options: AlertOptions): { alerts: PeerSignals; snapshot: PeerSignalsSnapshot } {
  const optionsRef = useRef(options);
  useEffect(() => {
    optionsRef.current = options;
  });
  // Every wall of the browser shows the alerts; one plays the sound and one raises notifications.
  const soundsHere = useAnnouncingWall('sound', options.sound);
  const notifiesHere = useAnnouncingWall('notifications', true);
  const onRaised = useCallback(
    (raised: PeerAlert[]) => {
      const loud = alertsToShow(raised, optionsRef.current.maintenance, RUNNING_WINDOWS_ONLY);
      if (loud.length > 0) announce(loud, { sound: soundsHere(), notifications: notifiesHere() });
    },
    [soundsHere, notifiesHere],
  );
  const { signals, snapshot } = usePeerSignals(gateways, onRaised);
  return { alerts: signals, snapshot };
}

/** `sound` and `notifications`: whether this wall is the one of the browser that plays, and that notifies. */
function announce(raised: readonly PeerAlert[], here: { sound: boolean; notifications: boolean }): void {
  if (here.sound) playAlertSound();
  if (!here.notifications || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  for (const alert of raised.slice(0, 3)) {
    try {
      // The tag folds repeated alerts of one kind on one peer into one notification.
      new Notification(`BGP peer ${alertHeadline(alert)}: ${alert.neighbor ?? 'unknown neighbor'}`, {
        body: `${alert.gatewayName}: ${alertDetail(alert)} (local ${alert.localAddress ?? '—'})`,
        tag: alert.key,
      });
    } catch {
      // Some browsers only allow notifications from a service worker; the screen still flashes.
    }
  }
}

/** Asks for notification permission; browsers only allow this from a key press or click. */
export function requestNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
    void Notification.requestPermission().catch(() => {});
  }
}
