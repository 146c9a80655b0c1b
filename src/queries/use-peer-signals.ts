import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { BgpPeer } from '../azure/bgp-peer-status';
import { PeerSignals, type PeerAlert, type PeerSignalsSnapshot } from '../bgp/peer-signals';
import { onPeersPoll } from './peers-poll';
import { loadSavedAlerts, saveAlerts } from './saved-alerts';
import { bgpKeys } from './query-keys';

const SAVE_DELAY_MS = 250;

export interface SignalGateway {
  id: string;
  name: string;
  summary?: { activeActive: boolean } | null;
}

/**
 * Feeds every successful poll of these gateways to one PeerSignals (straight from the query
 * cache, so each answer is seen exactly once whatever renders) and returns its snapshot. The
 * dashboard and the wall each hold one; `onRaised` hears the alerts each poll raised.
 */
export function usePeerSignals(
  gateways: readonly SignalGateway[],
  onRaised?: (raised: PeerAlert[]) => void,
): { signals: PeerSignals; snapshot: PeerSignalsSnapshot } {
  const queryClient = useQueryClient();
  const [signals] = useState(() => new PeerSignals());
  const known = useRef(new Map<string, { name: string; activeActive: boolean }>());
  const onRaisedRef = useRef(onRaised);

  useEffect(() => {
    onRaisedRef.current = onRaised;
  });

  useEffect(() => {
    known.current = new Map(
      gateways.map((gateway) => [gateway.id.toLowerCase(), { name: gateway.name, activeActive: gateway.summary?.activeActive ?? false }]),
    );
    signals.retainGateways(gateways.map((gateway) => gateway.id));
    // Alerts from before a reload, for gateways not polled yet here; their first poll settles them.
    const polled = new Set(signals.observedGateways());
    signals.restore(loadSavedAlerts(gateways.map((gateway) => gateway.id).filter((id) => !polled.has(id.toLowerCase()))));
    // Answers already in the cache (another page was open before) are the baseline, not news.
    for (const gateway of gateways) {
      const state = queryClient.getQueryState<BgpPeer[]>(bgpKeys.peers(gateway.id));
      if (state?.data) {
        signals.observe(gateway.id, gateway.name, state.data, state.dataUpdatedAt, { activeActive: gateway.summary?.activeActive ?? false });
      }
    }
  }, [signals, gateways, queryClient]);

  useEffect(() => {
    return onPeersPoll(queryClient, (poll) => {
      const gateway = known.current.get(poll.gatewayId.toLowerCase());
      if (!poll.ok || gateway === undefined) return;
      const raised = signals.observe(poll.gatewayId, gateway.name, poll.peers, poll.time, { activeActive: gateway.activeActive });
      if (raised.length > 0) onRaisedRef.current?.(raised);
      // Another tab may be the one polling ARM for this browser: its polls raise alerts here too.
    }, { includeOtherTabs: true });
  }, [signals, queryClient]);

  // Saved a moment after they change (a tick's answers come in a burst), and at once when the
  // page goes away, so they outlive a reload (see PeerSignals.restore).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      saveAlerts(signals.observedGateways(), signals.getSnapshot().alerts);
    };
    const unsubscribe = signals.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(save, SAVE_DELAY_MS);
    });
    window.addEventListener('pagehide', save);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', save);
      save();
    };
  }, [signals]);

  const snapshot = useSyncExternalStore(signals.subscribe, signals.getSnapshot);
  return { signals, snapshot };
}
