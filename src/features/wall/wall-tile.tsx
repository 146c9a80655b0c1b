import { memo } from 'react';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import type { PeerCondition } from '../../bgp/peer-condition';
import type { WatchedGateway } from '../../queries/get-gateways';
import { instanceLabels } from '../../bgp/peer-instances';
import { sameStatus, type GatewayStatus } from './gateway-health';
import { peerId } from '../../bgp/peer-identity';
import { UpdatedAgo } from './wall-clock-text';
import { formatClock } from '../../lib/format';
import { gatewayFacts } from './gateway-facts';
import { WALL_SIZES, type PlacedTile } from './wall-layout';
import { tilePeers } from './wall-model';
import { ConnectedPeerChip, DownPeerBadge } from './wall-peer-badges';
import { PALETTES, type WallTheme } from './wall-theme';

export interface WallTileProps {
  gateway: WatchedGateway;
  peers: readonly BgpPeer[] | undefined;
  dataUpdatedAt: number;
  status: GatewayStatus;
  placed: PlacedTile;
  /** Keys (peerId) of peers with an unacknowledged alert. */
  alertKeys: ReadonlySet<string>;
  /** When each peer entered its current state, when that was seen happen. */
  stateSince: (gatewayId: string, peer: BgpPeer) => number | null;
  /** Why a peer that is not Connected is no outage (not trying, expected down), if it is not. */
  conditionOf: (gatewayId: string, peer: BgpPeer) => PeerCondition | null;
  theme: WallTheme;
}

/** A status or placement rebuilt with the same values (each poll of another gateway does that) keeps the tile as drawn. */
function sameTileProps(before: WallTileProps, after: WallTileProps): boolean {
  const { status, placed, ...rest } = after;
  return (
    sameStatus(before.status, status) &&
    before.placed.id === placed.id &&
    before.placed.heightRem === placed.heightRem &&
    before.placed.visibleDown === placed.visibleDown &&
    before.placed.visibleUp === placed.visibleUp &&
    before.placed.compact === placed.compact &&
    (Object.keys(rest) as (keyof typeof rest)[]).every((key) => Object.is(before[key], rest[key]))
  );
}

/** One gateway: its name and freshness, then its down peers as large badges and its Connected ones as chips. */
export const WallTile = memo(function WallTile(props: WallTileProps) {
  const { gateway, peers, dataUpdatedAt, status, placed, alertKeys, stateSince, conditionOf, theme } = props;
  const palette = PALETTES[theme];
  const { ordered, shownDown, shownUp, hidden, alerting } = tilePeers(gateway.id, peers, placed, alertKeys);
  const labels = instanceLabels(ordered, gateway.summary?.activeActive ?? false);
  const instanceOf = (peer: BgpPeer) => (peer.localAddress ? (labels.get(peer.localAddress) ?? null) : null);
  const { gapRem, badgeGapRem, tileHeaderRem, lineRem } = WALL_SIZES;
  const notAnswering = status.stale || status.health === 'not-answering';
  const look = alerting ? `${palette.tileAlert} wall-flash` : notAnswering ? palette.tileStale : palette.tile;

  return (
    <section
      data-testid="wall-tile"
      data-gateway-id={gateway.id}
      data-health={status.health}
      data-stale={notAnswering}
      data-alert={alerting}
      aria-label={`Gateway ${gateway.name}`}
      style={{ height: `${placed.heightRem}rem`, gap: `${gapRem}rem` }}
      className={`box-border flex flex-col overflow-hidden rounded-[0.3rem] border-[0.1rem] p-[0.5rem] ${look}`}
    >
      <header style={{ height: `${tileHeaderRem}rem` }} className="flex shrink-0 flex-col">
        <div className="flex h-[1.75rem] items-baseline justify-between gap-[0.75rem]">
          <h2 className={`min-w-0 truncate text-[1.125rem] leading-[1.75rem] font-bold ${palette.strong}`}>{gateway.name}</h2>
          <p className={`shrink-0 leading-[1.75rem] ${palette.muted}`}>{gatewayFacts(gateway)}</p>
        </div>
        <TileFreshness status={status} dataUpdatedAt={dataUpdatedAt} theme={theme} />
      </header>

      {(peers === undefined || ordered.length === 0) && (
        <p style={{ height: `${lineRem}rem` }} className={`flex shrink-0 items-center ${palette.muted}`}>
          {peers !== undefined ? 'No BGP peers reported' : status.why ? 'No peer status yet' : 'Waiting for the first answer…'}
        </p>
      )}
      {shownDown.length > 0 && (
        <ul aria-label="Peers not Connected" className="flex shrink-0 flex-wrap content-start" style={{ gap: `${badgeGapRem}rem` }}>
          {shownDown.map((peer) => (
            <DownPeerBadge
              key={`${peer.neighbor}|${peer.localAddress}`}
              peer={peer}
              instance={instanceOf(peer)}
              alert={alertKeys.has(peerId(gateway.id, peer))}
              sinceMs={stateSince(gateway.id, peer)}
              condition={conditionOf(gateway.id, peer)}
              theme={theme}
            />
          ))}
        </ul>
      )}
      {shownUp.length > 0 && (
        <ul
          aria-label="Connected peers"
          className={`flex shrink-0 flex-wrap content-start ${status.stale ? 'opacity-60' : ''}`}
          style={{ gap: `${badgeGapRem}rem` }}
        >
          {shownUp.map((peer) => (
            <ConnectedPeerChip key={`${peer.neighbor}|${peer.localAddress}`} peer={peer} instance={instanceOf(peer)} theme={theme} />
          ))}
        </ul>
      )}
      {hidden > 0 && !(placed.compact && shownDown.length === 0) && (
        <p data-testid="wall-tile-more" style={{ height: `${lineRem}rem` }} className={`flex shrink-0 items-center ${palette.muted}`}>
          {placed.compact && hidden === hiddenConnected(ordered, shownUp)
            ? `+${hidden} Connected`
            : `+${hidden} more peers, not shown for lack of room`}
        </p>
      )}
    </section>
  );
}, sameTileProps);

/** How many Connected peers the tile leaves out. */
function hiddenConnected(ordered: readonly BgpPeer[], shownUp: readonly BgpPeer[]): number {
  return ordered.filter((peer) => peer.state === 'Connected').length - shownUp.length;
}

function TileFreshness({ status, dataUpdatedAt, theme }: { status: GatewayStatus; dataUpdatedAt: number; theme: WallTheme }) {
  const palette = PALETTES[theme];
  if (status.why) {
    const since = dataUpdatedAt > 0 ? `STALE since ${formatClock(dataUpdatedAt)}` : 'NO DATA';
    return (
      <p data-testid="wall-stale" className={`h-[1.75rem] truncate rounded-[0.2rem] px-[0.4rem] leading-[1.75rem] font-bold ${palette.stale}`}>
        {since} · {status.why.text}
      </p>
    );
  }
  return (
    <div className={`flex h-[1.75rem] items-baseline justify-between gap-[0.75rem] leading-[1.75rem] ${palette.muted}`}>
      <UpdatedAgo dataUpdatedAt={dataUpdatedAt} />
      {status.total > 0 && (
        <p className="shrink-0 tabular-nums">
          {status.connected} / {status.total} Connected
        </p>
      )}
    </div>
  );
}
