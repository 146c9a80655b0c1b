import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { onPeersPoll } from '../../queries/peers-poll';
import { bgpKeys } from '../../queries/query-keys';
import { playAlertSound } from './alert-sound';
import { useAnnouncingWall } from './use-announcing-wall';
import { WallAlerts, type PeerAlert, type WallAlertsSnapshot } from './wall-alerts';

interface AlertOptions {
  sound: boolean;
}

/**
 * Watches every successful poll of the shown gateways (straight from the query cache, so each
 * answer is seen exactly once whatever renders) and makes a peer leaving Connected loud.
 */
export function useWallAlerts(
  gateways: readonly { id: string; name: string }[],
  options: AlertOptions,
): { alerts: WallAlerts; snapshot: WallAlertsSnapshot } {
  const queryClient = useQueryClient();
  const [alerts] = useState(() => new WallAlerts());
  const names = useRef(new Map<string, string>());
  const soundsHere = useAnnouncingWall('sound', options.sound);
  const notifiesHere = useAnnouncingWall('notifications', true);

  useEffect(() => {
    names.current = new Map(gateways.map((gateway) => [gateway.id.toLowerCase(), gateway.name]));
    alerts.retainGateways(gateways.map((gateway) => gateway.id));
    // Answers already in the cache (the dashboard was open before) are the baseline, not news.
    for (const gateway of gateways) {
      const state = queryClient.getQueryState<BgpPeer[]>(bgpKeys.peers(gateway.id));
      if (state?.data) alerts.observe(gateway.id, gateway.name, state.data, state.dataUpdatedAt);
    }
  }, [alerts, gateways, queryClient]);

  // Another tab may be the one polling ARM for this browser: its polls raise alerts here too.
  useEffect(() => {
    return onPeersPoll(queryClient, (poll) => {
      const name = names.current.get(poll.gatewayId.toLowerCase());
      if (!poll.ok || name === undefined) return;
      const raised = alerts.observe(poll.gatewayId, name, poll.peers, poll.time);
      if (raised.length > 0) announce(raised, { sound: soundsHere(), notifications: notifiesHere() });
    }, { includeOtherTabs: true });
  }, [alerts, queryClient, soundsHere, notifiesHere]);

  const snapshot = useSyncExternalStore(alerts.subscribe, alerts.getSnapshot);
  return { alerts, snapshot };
}

/** `sound` and `notifications`: whether this wall is the one of the browser that plays, and that notifies. */
function announce(raised: readonly PeerAlert[], here: { sound: boolean; notifications: boolean }): void {
  if (here.sound) playAlertSound();
  if (!here.notifications || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  for (const alert of raised.slice(0, 3)) {
    try {
      // The tag folds repeated drops of one peer into one notification.
      new Notification(`BGP peer ${alert.state}: ${alert.neighbor ?? 'unknown neighbor'}`, {
        body: `${alert.gatewayName}: left Connected (local ${alert.localAddress ?? '—'})`,
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
