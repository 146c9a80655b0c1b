import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { alertDetail, alertHeadline } from '../../bgp/alert-words';
import { onPeersPoll } from '../../queries/peers-poll';
import { bgpKeys } from '../../queries/query-keys';
import type { MaintenanceWindow } from '../../bgp/maintenance';
import { alertsToShow } from '../../bgp/peer-condition';
import { PeerSignals, type PeerAlert, type PeerSignalsSnapshot } from '../../bgp/peer-signals';
import { playAlertSound } from './alert-sound';

interface AlertOptions {
  sound: boolean;
  /** Peers expected down: their alerts make no sound and no notification. */
  maintenance: readonly MaintenanceWindow[];
}

/**
 * Watches every successful poll of the shown gateways (straight from the query cache, so each
 * answer is seen exactly once whatever renders) and makes a peer leaving Connected loud.
 */
export function useWallAlerts(
  gateways: readonly { id: string; name: string; summary?: { activeActive: boolean } | null }[],
  options: AlertOptions,
): { alerts: PeerSignals; snapshot: PeerSignalsSnapshot } {
  const queryClient = useQueryClient();
  const [alerts] = useState(() => new PeerSignals());
  const names = useRef(new Map<string, { name: string; activeActive: boolean }>());
  const optionsRef = useRef(options);

  useEffect(() => {
    optionsRef.current = options;
  });

  useEffect(() => {
    names.current = new Map(
      gateways.map((gateway) => [gateway.id.toLowerCase(), { name: gateway.name, activeActive: gateway.summary?.activeActive ?? false }]),
    );
    alerts.retainGateways(gateways.map((gateway) => gateway.id));
    // Answers already in the cache (the dashboard was open before) are the baseline, not news.
    for (const gateway of gateways) {
      const state = queryClient.getQueryState<BgpPeer[]>(bgpKeys.peers(gateway.id));
      if (state?.data) {
        alerts.observe(gateway.id, gateway.name, state.data, state.dataUpdatedAt, { activeActive: gateway.summary?.activeActive ?? false });
      }
    }
  }, [alerts, gateways, queryClient]);

  useEffect(() => {
    return onPeersPoll(queryClient, (poll) => {
      const gateway = names.current.get(poll.gatewayId.toLowerCase());
      if (!poll.ok || gateway === undefined) return;
      const raised = alerts.observe(poll.gatewayId, gateway.name, poll.peers, poll.time, { activeActive: gateway.activeActive });
      const loud = alertsToShow(raised, optionsRef.current.maintenance, Date.now());
      if (loud.length > 0) announce(loud, optionsRef.current);
    });
  }, [alerts, queryClient]);

  const snapshot = useSyncExternalStore(alerts.subscribe, alerts.getSnapshot);
  return { alerts, snapshot };
}

function announce(raised: readonly PeerAlert[], options: AlertOptions): void {
  if (options.sound) playAlertSound();
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  for (const alert of raised.slice(0, 3)) {
    try {
      // The tag folds repeated drops of one peer into one notification.
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
