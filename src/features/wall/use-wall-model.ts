import { useQueries, type QueryObserverResult } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useArmClient } from '../../queries/arm-client-context';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { useClockValue } from '../../components/use-now';
import type { AppConfig } from '../../config/app-config';
import { peersQueryOptions } from '../../queries/get-bgp-peer-status';
import { useWatchedGateways, type WatchedGateway } from '../../queries/get-gateways';
import { useThisTabPolls } from '../../queries/shared-polling/poll-role';
import type { MaintenanceWindow } from '../../bgp/maintenance';
import { alertsToShow, peerCondition, type ConditionContext, type PeerCondition, type SignalCounts } from '../../bgp/peer-condition';
import type { PeerAlert, StateChange } from '../../bgp/peer-signals';
import { RUNNING_WINDOWS_ONLY, useMaintenance } from '../../components/use-maintenance';
import { staleCheckTime } from './data-age';
import { filterWallGateways, summarizeHealth, type FleetHealth, type GatewayPeersState } from './gateway-health';
import { useWallAlerts } from './use-wall-alerts';
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
  peersByState: SignalCounts;
  health: FleetHealth;
  /** Newest first; acknowledged ones included (dimmed); peers under maintenance left out. */
  alerts: readonly PeerAlert[];
  /** Maintenance windows running now (this browser's and the URL's). */
  maintenance: readonly MaintenanceWindow[];
  /** Why a peer that is not Connected is no outage, if it is not. */
  conditionOf: (gatewayId: string, peer: BgpPeer) => PeerCondition | null;
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
  const maintenance = useMaintenance(params.mute);
  const { alerts, snapshot } = useWallAlerts(gateways, { sound: params.sound, maintenance: maintenance.windows });
  // useMaintenance gives the running windows only (re-derived as each ends), so no clock here.
  const peerConditions = useMemo<ConditionContext>(
    () => ({ notTrying: snapshot.notTrying, windows: maintenance.windows, nowMs: RUNNING_WINDOWS_ONLY }),
    [snapshot.notTrying, maintenance.windows],
  );
  const shownAlerts = useMemo(() => alertsToShow(snapshot.alerts, peerConditions.windows, peerConditions.nowMs), [snapshot.alerts, peerConditions]);

  const updatedAts = useMemo(() => polls.map((poll) => poll.dataUpdatedAt), [polls]);
  const checkAt = useClockValue((nowMs) => staleCheckTime(updatedAts, intervalMs, nowMs));
  const { online, needsInteraction } = screen;
  const tiles = useMemo(
    () => wallTiles(gateways, polls, shownAlerts, { nowMs: checkAt, intervalMs, online, needsInteraction }, peerConditions),
    [gateways, polls, shownAlerts, checkAt, intervalMs, online, needsInteraction, peerConditions],
  );

  const acknowledge = useCallback(() => alerts.acknowledge(), [alerts]);
  const stateSince = useCallback((gatewayId: string, peer: BgpPeer) => alerts.stateSince(gatewayId, peer), [alerts]);
  const conditionOf = useCallback((gatewayId: string, peer: BgpPeer) => peerCondition(gatewayId, peer, peerConditions), [peerConditions]);
  const alertKeys = useMemo(() => alertedPeerKeys(shownAlerts), [shownAlerts]);
  const sizes = useMemo(() => tileSizes(tiles), [tiles]);
  const peersByState = useMemo(() => countPeers(tiles, peerConditions), [tiles, peerConditions]);
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
    alerts: shownAlerts,
    maintenance: maintenance.windows,
    conditionOf,
    alertKeys,
    recentChanges: snapshot.recentChanges,
    acknowledge,
    stateSince,
    frozenReasons: frozen,
  };
}
