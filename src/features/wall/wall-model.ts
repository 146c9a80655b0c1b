import type { BgpPeer } from '../../azure/bgp-peer-status';
import type { WatchedGateway } from '../../queries/get-gateways';
import { DEFAULT_PEER_SORT, sortPeers } from '../../bgp/peer-sort';
import { countPeerSignals, emptySignalCounts, peerCondition, type ConditionContext, type SignalCounts } from '../../bgp/peer-condition';
import { gatewayStatus, orderTiles, type GatewayPeersState, type GatewayStatus, type ScreenConditions } from './gateway-health';
import { peerId } from '../../bgp/peer-identity';
import type { PeerAlert } from '../../bgp/peer-signals';
import type { PlacedTile, TileInput } from './wall-layout';
import type { WallParams } from './wall-params';

export interface TileModel {
  gateway: WatchedGateway;
  peers: readonly BgpPeer[] | undefined;
  dataUpdatedAt: number;
  status: GatewayStatus;
  /** One of its peers has an unacknowledged alert. */
  alerting: boolean;
  /** Its peers that are not Connected but no outage (not trying, expected down). */
  excused: number;
}

const NO_CONDITIONS: ConditionContext = { notTrying: new Set(), windows: [], nowMs: 0 };

/**
 * One tile per shown gateway, problems first; `polls[i]` is the latest poll of `gateways[i]`.
 * `alerts` are the ones on show (maintenance already held back); acknowledged ones do not flash.
 */
export function wallTiles(
  gateways: readonly WatchedGateway[],
  polls: readonly GatewayPeersState[],
  alerts: readonly PeerAlert[],
  conditions: ScreenConditions,
  peerConditions: ConditionContext = NO_CONDITIONS,
): TileModel[] {
  const alertingGateways = new Set(alerts.filter((alert) => !alert.acknowledged).map((alert) => alert.gatewayId.toLowerCase()));
  return orderTiles(
    gateways.map((gateway, index) => {
      const poll = polls[index] ?? { data: undefined, error: null, dataUpdatedAt: 0 };
      const excused = poll.data?.filter((peer) => peerCondition(gateway.id, peer, peerConditions) !== null).length ?? 0;
      return {
        gateway,
        peers: poll.data,
        dataUpdatedAt: poll.dataUpdatedAt,
        status: gatewayStatus(poll, conditions, excused),
        alerting: alertingGateways.has(gateway.id.toLowerCase()),
        excused,
      };
    }),
  );
}

/** What the layout needs of each tile: how many large badges and how many chips. */
export function tileSizes(tiles: readonly TileModel[]): TileInput[] {
  return tiles.map((tile) => {
    const upCount = tile.peers?.filter((peer) => peer.state === 'Connected').length ?? 0;
    const stale = tile.status.stale || tile.status.health === 'not-answering';
    return { id: tile.gateway.id, upCount, downCount: (tile.peers?.length ?? 0) - upCount, ...(stale ? { keepChips: true } : {}) };
  });
}

/** Peers by state, with the not-trying and expected-down ones counted apart. */
export function countPeers(tiles: readonly TileModel[], peerConditions: ConditionContext = NO_CONDITIONS): SignalCounts {
  const counts = emptySignalCounts();
  for (const tile of tiles) if (tile.peers) countPeerSignals(tile.gateway.id, tile.peers, peerConditions, counts);
  return counts;
}

/** Keys (peerId) of the peers with an unacknowledged alert. */
export function alertedPeerKeys(alerts: readonly PeerAlert[]): ReadonlySet<string> {
  return new Set(alerts.filter((alert) => !alert.acknowledged).map((alert) => alert.peerKey));
}

/** Alerted peers first, then worst state first, so a drop is the first badge of its tile. */
export function wallPeerOrder(gatewayId: string, peers: readonly BgpPeer[], alertKeys: ReadonlySet<string>): BgpPeer[] {
  const sorted = sortPeers(peers, DEFAULT_PEER_SORT);
  const alerted = sorted.filter((peer) => alertKeys.has(peerId(gatewayId, peer)));
  return alerted.length === 0 ? sorted : [...alerted, ...sorted.filter((peer) => !alerted.includes(peer))];
}

export interface TilePeers {
  /** Every peer, in wall order (the instance labels need them all). */
  ordered: BgpPeer[];
  shownDown: BgpPeer[];
  shownUp: BgpPeer[];
  /** Peers left out for lack of room. */
  hidden: number;
  alerting: boolean;
}

/** Which peers a tile draws, as the layout placed it: badges of down peers, then chips of Connected ones. */
export function tilePeers(gatewayId: string, peers: readonly BgpPeer[] | undefined, placed: PlacedTile, alertKeys: ReadonlySet<string>): TilePeers {
  const ordered = peers ? wallPeerOrder(gatewayId, peers, alertKeys) : [];
  const down = ordered.filter((peer) => peer.state !== 'Connected');
  const shownDown = down.slice(0, placed.visibleDown);
  const shownUp = ordered.filter((peer) => peer.state === 'Connected').slice(0, placed.visibleUp);
  return {
    ordered,
    shownDown,
    shownUp,
    hidden: ordered.length - shownDown.length - shownUp.length,
    alerting: down.some((peer) => alertKeys.has(peerId(gatewayId, peer))),
  };
}

/** Why nothing on screen refreshes, in words for the banner; empty while the screen is live. */
export function frozenReasons(online: boolean, needsInteraction: boolean): string[] {
  const reasons: string[] = [];
  if (!online) reasons.push('the network is offline');
  if (needsInteraction) reasons.push('the sign-in has expired');
  return reasons;
}

/** The URL's selection in words, for a wall that matches no gateway. */
export function describeSelection(params: WallParams): string {
  const parts = [params.gateways === 'all' ? 'all watched gateways' : `${params.gateways.length} gateway IDs`];
  if (params.subscription.length > 0) parts.push(`subscription ${params.subscription.join(', ')}`);
  if (params.type) parts.push(`type ${params.type}`);
  if (params.name) parts.push(`name containing "${params.name}"`);
  return parts.join(', ');
}
