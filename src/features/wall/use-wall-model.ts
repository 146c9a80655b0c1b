import { useQueries, type QueryObserverResult } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useArmClient } from '../../queries/arm-client-context';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { useClockValue } from '../../components/use-now';
import type { AppConfig } from '../../config/app-config';
import { peersQueryOptions } from '../../queries/get-bgp-peer-status';
import { useWatchedGateways, type WatchedGateway } from '../../queries/get-gateways';
import { useThisTabPolls } from '../../queries/shared-polling/poll-role';
import type { PeerStateCounts } from '../../bgp/peer-state';
import { staleCheckTime } from './data-age';
import { filterWallGateways, summarizeHealth, type FleetHealth, type GatewayPeersState } from './gateway-health';
import { useWallAlerts } from './use-wall-alerts';
import type { PeerAlert, StateChange } from './wall-alerts';
import type { TileInput } from './wall-layout';
import { alertedPeerKeys, countPeers, frozenReasons, tileSizes, wallTiles, type TileModel } from './wall-model';
import type { WallParams } from './wall-params';

export interface WallModel {
  /** The list of gateways: undefined until it first answers; the error says why it has not. */
  gatewayList: WatchedGateway[] | undefined;
  gatewayListError: unknown;
  /** The gateways this wall's URL selects. */
  gateways: readonly WatchedGateway[];
  /** Their tiles, problems first. */
  tiles: readonly TileModel[];
  tileSizes: readonly TileInput[];
  peersByState: PeerStateCounts;
  health: FleetHealth;
  /** Newest first. */
  alerts: readonly PeerAlert[];
  alertKeys: ReadonlySet<string>;
  recentChanges: readonly StateChange[];
  acknowledge: () => void;
  /** When a peer entered its current state, if this screen saw it happen. */
  stateSince: (gatewayId: string, peer: BgpPeer) => number | null;
  /** Why nothing refreshes (offline, sign-in expired); empty while live. */
  frozenReasons: readonly string[];
}

interface ScreenState {
  online: boolean;
  needsInteraction: boolean;
}

function latestPolls(results: QueryObserverResult<BgpPeer[]>[]): GatewayPeersState[] {
  return results.map((result) => ({ data: result.data, error: result.error ?? null, dataUpdatedAt: result.dataUpdatedAt }));
}

/**
 * What the wall shows, in which order, and which alerts: from its URL, the gateway and peer
 * polls and the alerts. No DOM and no clock tick: it changes when data, alerts or the screen's
 * state do, or when some gateway's data turns stale.
 */
export function useWallModel(config: AppConfig, params: WallParams, screen: ScreenState): WallModel {
  const client = useArmClient();
  const intervalMs = config.pollingIntervalSeconds * 1000;
  const watchedIds = params.gateways === 'all' ? config.gateways : params.gateways;
  const gatewayList = useWatchedGateways(watchedIds, intervalMs);
  const gateways = useMemo(() => filterWallGateways(gatewayList.data ?? [], params), [gatewayList.data, params]);
  // Every shown gateway is polled from here, not from its tile: tiles on other pages are not
  // mounted, and their drops must still raise alerts and count in the summary.
  const thisTabPolls = useThisTabPolls();
  const polls = useQueries({
    queries: gateways.map((gateway) => ({ ...peersQueryOptions(client, gateway.id, intervalMs), enabled: thisTabPolls })),
    combine: latestPolls,
  });
  const { alerts, snapshot } = useWallAlerts(gateways, { sound: params.sound });

  const updatedAts = useMemo(() => polls.map((poll) => poll.dataUpdatedAt), [polls]);
  const checkAt = useClockValue((nowMs) => staleCheckTime(updatedAts, intervalMs, nowMs));
  const { online, needsInteraction } = screen;
  const tiles = useMemo(
    () => wallTiles(gateways, polls, snapshot.alerts, { nowMs: checkAt, intervalMs, online, needsInteraction }),
    [gateways, polls, snapshot.alerts, checkAt, intervalMs, online, needsInteraction],
  );

  const acknowledge = useCallback(() => alerts.acknowledge(), [alerts]);
  const stateSince = useCallback((gatewayId: string, peer: BgpPeer) => alerts.stateSince(gatewayId, peer), [alerts]);
  const alertKeys = useMemo(() => alertedPeerKeys(snapshot.alerts), [snapshot.alerts]);
  const sizes = useMemo(() => tileSizes(tiles), [tiles]);
  const peersByState = useMemo(() => countPeers(tiles), [tiles]);
  const health = useMemo(() => summarizeHealth(tiles), [tiles]);
  const frozen = useMemo(() => frozenReasons(online, needsInteraction), [online, needsInteraction]);

  return {
    gatewayList: gatewayList.data,
    gatewayListError: gatewayList.error,
    gateways,
    tiles,
    tileSizes: sizes,
    peersByState,
    health,
    alerts: snapshot.alerts,
    alertKeys,
    recentChanges: snapshot.recentChanges,
    acknowledge,
    stateSince,
    frozenReasons: frozen,
  };
}
