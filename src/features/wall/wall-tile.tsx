import { memo } from 'react';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { formatDuration } from '../../lib/format';
import type { WatchedGateway } from '../../queries/get-gateways';
import { instanceLabels } from '../../bgp/peer-instances';
import { DEFAULT_PEER_SORT, sortPeers } from '../../bgp/peer-sort';
import { PeerStateIcon } from '../../components/peer-state-badge';
import type { GatewayStatus } from './gateway-health';
import { peerKey } from './wall-alerts';
import { WALL_SIZES, type PlacedTile } from './wall-layout';
import { PALETTES, type WallTheme } from './wall-theme';

export interface WallTileProps {
  gateway: WatchedGateway;
  peers: readonly BgpPeer[] | undefined;
  dataUpdatedAt: number;
  status: GatewayStatus;
  placed: PlacedTile;
  /** Keys (peerKey) of peers with an unacknowledged alert. */
  alertKeys: ReadonlySet<string>;
  /** When each peer entered its current state, when that was seen happen. */
  stateSince: (peer: BgpPeer) => number | null;
  nowMs: number;
  theme: WallTheme;
}

/** The largest unit only ("9d", "4h", "12m"): a badge is read from across the room, not studied. */
export function shortDuration(seconds: number | null): string | null {
  if (seconds === null) return null;
  return formatDuration(seconds).split(' ')[0] ?? null;
}

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Alerted peers first, then worst state first, so a drop is the first badge of its tile. */
export function wallPeerOrder(gatewayId: string, peers: readonly BgpPeer[], alertKeys: ReadonlySet<string>): BgpPeer[] {
  const sorted = sortPeers(peers, DEFAULT_PEER_SORT);
  const alerted = sorted.filter((peer) => alertKeys.has(peerKey(gatewayId, peer)));
  return alerted.length === 0 ? sorted : [...alerted, ...sorted.filter((peer) => !alerted.includes(peer))];
}

function gatewayFacts(gateway: WatchedGateway): string {
  const summary = gateway.summary;
  if (!summary) return '';
  const type = summary.gatewayType === 'Vpn' ? 'VPN' : summary.gatewayType === 'ExpressRoute' ? 'ExpressRoute' : (summary.gatewayType ?? '');
  return [type, summary.activeActive ? 'active-active' : null].filter(Boolean).join(' · ');
}

export const WallTile = memo(function WallTile(props: WallTileProps) {
  const { gateway, peers, dataUpdatedAt, status, placed, alertKeys, stateSince, nowMs, theme } = props;
  const palette = PALETTES[theme];
  const ordered = peers ? wallPeerOrder(gateway.id, peers, alertKeys) : [];
  const down = ordered.filter((peer) => peer.state !== 'Connected');
  const up = ordered.filter((peer) => peer.state === 'Connected');
  const shownDown = down.slice(0, placed.visibleDown);
  const shownUp = up.slice(0, placed.visibleUp);
  const hidden = ordered.length - shownDown.length - shownUp.length;
  const alerting = down.some((peer) => alertKeys.has(peerKey(gateway.id, peer)));
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
              alert={alertKeys.has(peerKey(gateway.id, peer))}
              sinceMs={stateSince(peer)}
              nowMs={nowMs}
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
      {hidden > 0 && (
        <p style={{ height: `${lineRem}rem` }} className={`flex shrink-0 items-center ${palette.muted}`}>
          +{hidden} more peers, not shown for lack of room
        </p>
      )}
    </section>
  );
});

function TileFreshness({ status, dataUpdatedAt, theme }: { status: GatewayStatus; dataUpdatedAt: number; theme: WallTheme }) {
  const palette = PALETTES[theme];
  if (status.why) {
    const since = dataUpdatedAt > 0 ? `STALE since ${clockTime(dataUpdatedAt)}` : 'NO DATA';
    return (
      <p data-testid="wall-stale" className={`h-[1.75rem] truncate rounded-[0.2rem] px-[0.4rem] leading-[1.75rem] font-bold ${palette.stale}`}>
        {since} · {status.why.text}
      </p>
    );
  }
  return (
    <div className={`flex h-[1.75rem] items-baseline justify-between gap-[0.75rem] leading-[1.75rem] ${palette.muted}`}>
      <p data-testid="wall-updated">
        {status.ageSeconds === null ? 'no answer yet' : `updated ${formatDuration(status.ageSeconds)} ago`}
      </p>
      {status.total > 0 && (
        <p className="shrink-0 tabular-nums">
          {status.connected} / {status.total} Connected
        </p>
      )}
    </div>
  );
}

interface DownPeerBadgeProps {
  peer: BgpPeer;
  instance: string | null;
  alert: boolean;
  sinceMs: number | null;
  nowMs: number;
  theme: WallTheme;
}

/** A peer that is not Connected: large, its state in word, icon and colour, and how long it has been so. */
function DownPeerBadge({ peer, instance, alert, sinceMs, nowMs, theme }: DownPeerBadgeProps) {
  const { badgeWidthRem, downBadgeHeightRem } = WALL_SIZES;
  // ARM gives no duration for a peer that is down: it is how long ago this screen saw it go.
  const duration = shortDuration(sinceMs !== null ? Math.max(0, (nowMs - sinceMs) / 1000) : null);
  const word = peer.state === 'Unknown' && peer.rawState ? `Unknown (${peer.rawState})` : peer.state;
  return (
    <li
      data-testid="wall-peer"
      data-neighbor={peer.neighbor ?? ''}
      data-local-address={peer.localAddress ?? ''}
      data-state={peer.state}
      data-alert={alert}
      style={{ width: `${badgeWidthRem}rem`, height: `${downBadgeHeightRem}rem` }}
      className={`box-border flex flex-col justify-center rounded-[0.25rem] border-[0.1rem] px-[0.3rem] leading-[1.25rem] ${
        PALETTES[theme].states[peer.state]
      } ${alert ? `outline-[0.2rem] outline-offset-[0.1rem] ${PALETTES[theme].alertOutline}` : ''}`}
    >
      <div className="flex items-center gap-[0.3rem]">
        <PeerStateIcon state={peer.state} />
        <span className="min-w-0 flex-1 truncate font-semibold tabular-nums">{peer.neighbor ?? '—'}</span>
        {instance && <InstanceTag instance={instance} />}
      </div>
      <div className="flex items-baseline gap-[0.4rem]">
        <span className="min-w-0 truncate font-bold">{word}</span>
        {duration && <span className="shrink-0 tabular-nums">for {duration}</span>}
      </div>
    </li>
  );
}

/** A Connected peer, on one line: the tile's "N / M Connected" names the state; icon and colour mark each chip. */
function ConnectedPeerChip({ peer, instance, theme }: { peer: BgpPeer; instance: string | null; theme: WallTheme }) {
  const { badgeWidthRem, upChipHeightRem } = WALL_SIZES;
  const duration = shortDuration(peer.connectedSeconds);
  return (
    <li
      data-testid="wall-peer"
      data-neighbor={peer.neighbor ?? ''}
      data-local-address={peer.localAddress ?? ''}
      data-state={peer.state}
      data-alert="false"
      aria-label={`${peer.neighbor ?? 'unknown neighbor'} Connected`}
      style={{ width: `${badgeWidthRem}rem`, height: `${upChipHeightRem}rem` }}
      className={`box-border flex items-center gap-[0.3rem] rounded-[0.25rem] border-[0.1rem] px-[0.3rem] leading-[1.5rem] ${PALETTES[theme].states.Connected}`}
    >
      <PeerStateIcon state="Connected" />
      <span className="min-w-0 flex-1 truncate tabular-nums">{peer.neighbor ?? '—'}</span>
      {instance && <InstanceTag instance={instance} />}
      {duration && <span className="shrink-0 tabular-nums opacity-90">{duration}</span>}
    </li>
  );
}

/** "i0" / "i1": which instance of an active-active gateway holds this session. */
function InstanceTag({ instance }: { instance: string }) {
  return (
    <span className="shrink-0 opacity-80" aria-label={instance}>
      i{instance.replace(/\D+/g, '')}
    </span>
  );
}
