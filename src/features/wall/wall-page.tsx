import { useQueries, useQuery } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useSearch } from 'wouter';
import { useArmClient } from '../../queries/arm-client-context';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { useAuth } from '../../auth/auth-context';
import { ErrorBoundary } from '../../components/error-boundary';
import { useNow } from '../../components/use-now';
import type { AppConfig } from '../../config/app-config';
import { summarizeError } from '../../bgp/error-summary';
import { peersQueryOptions } from '../../queries/get-bgp-peer-status';
import { gatewaysQueryOptions, type WatchedGateway } from '../../queries/get-gateways';
import { countPeersByState, emptyStateCounts } from '../../bgp/peer-state';
import { unlockAlertSound } from './alert-sound';
import { filterWallGateways, gatewayStatus, orderTiles, summarizeHealth, type GatewayStatus } from './gateway-health';
import { usePageRotation, useWallKeys } from './use-page-rotation';
import { useOnline, useResumePolling } from './use-resume-polling';
import { requestNotificationPermission, useWallAlerts } from './use-wall-alerts';
import { WallAlertBand, WallChangesStrip, WallSummaryBand } from './wall-bands';
import { layoutWall, WALL_SIZES, type PlacedTile, type TileArea } from './wall-layout';
import { parseWallParams, WALL_PARAM_NAMES, type WallParams } from './wall-params';
import { clockTime, WallTile } from './wall-tile';
import { PALETTES, type WallTheme } from './wall-theme';
import './wall.css';

/**
 * Type that grows with the screen: 24 px at 1920 px wide (readable from five metres), 48 px on a
 * 3840 px 4K panel, so both show the same pages. Everything on the wall is sized in rem.
 */
export const WALL_ROOT_FONT_SIZE = 'clamp(16px, 1.25vw, 96px)';
const TILE_RECOVERY_MS = 30_000;

/** `/wall?…`: the NOC wall screen, configured entirely by its URL (see wall-params.ts). */
export default function WallPage({ config }: { config: AppConfig }) {
  const search = useSearch();
  const parsed = useMemo(() => parseWallParams(search), [search]);
  if (!parsed.ok) return <WallParamProblems problems={parsed.problems} />;
  return <Wall config={config} params={parsed.params} />;
}

function useWallRootFontSize(): void {
  useLayoutEffect(() => {
    const root = document.documentElement;
    const before = root.style.fontSize;
    root.style.fontSize = WALL_ROOT_FONT_SIZE;
    return () => {
      root.style.fontSize = before;
    };
  }, []);
}

/** The tile area's size in px and the root font size, re-measured whenever either changes. */
function useTileArea(): [RefObject<HTMLDivElement | null>, TileArea | null] {
  const ref = useRef<HTMLDivElement>(null);
  const [area, setArea] = useState<TileArea | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      const remPx = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setArea((previous) =>
        previous && previous.widthPx === width && previous.heightPx === height && previous.remPx === remPx
          ? previous
          : { widthPx: width, heightPx: height, remPx },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, area];
}

interface TileModel {
  gateway: WatchedGateway;
  peers: readonly BgpPeer[] | undefined;
  dataUpdatedAt: number;
  status: GatewayStatus;
  alerting: boolean;
}

function Wall({ config, params }: { config: AppConfig; params: WallParams }) {
  useWallRootFontSize();
  useResumePolling();
  const [areaRef, area] = useTileArea();
  const client = useArmClient();
  const { needsInteraction, signInAgain } = useAuth();
  const online = useOnline();
  const nowMs = useNow();
  const intervalMs = config.pollingIntervalSeconds * 1000;
  const theme: WallTheme = params.theme;
  const palette = PALETTES[theme];

  const watchedIds = params.gateways === 'all' ? config.gateways : params.gateways;
  const gatewayList = useQuery(gatewaysQueryOptions(client, watchedIds, intervalMs));
  const gateways = useMemo(() => filterWallGateways(gatewayList.data ?? [], params), [gatewayList.data, params]);
  // Every shown gateway is polled from here, not from its tile: tiles on other pages are not
  // mounted, and their drops must still raise alerts and count in the summary.
  const peerResults = useQueries({ queries: gateways.map((gateway) => peersQueryOptions(client, gateway.id, intervalMs)) });
  const { alerts, snapshot } = useWallAlerts(gateways, { sound: params.sound });

  const alertKeys = useMemo(() => new Set(snapshot.alerts.map((alert) => alert.key)), [snapshot.alerts]);
  const alertingGateways = useMemo(
    () => new Set(snapshot.alerts.map((alert) => alert.gatewayId.toLowerCase())),
    [snapshot.alerts],
  );
  const conditions = { nowMs, intervalMs, online, needsInteraction };
  const tiles: TileModel[] = orderTiles(
    gateways.map((gateway, index) => {
      const result = peerResults[index];
      const peers = { data: result?.data, error: result?.error ?? null, dataUpdatedAt: result?.dataUpdatedAt ?? 0 };
      return {
        gateway,
        peers: peers.data,
        dataUpdatedAt: peers.dataUpdatedAt,
        status: gatewayStatus(peers, conditions),
        alerting: alertingGateways.has(gateway.id.toLowerCase()),
      };
    }),
  );
  const peersByState = emptyStateCounts();
  for (const tile of tiles) if (tile.peers) countPeersByState(tile.peers, peersByState);
  const health = summarizeHealth(tiles.map((tile) => tile.status));

  const tileInputs = tiles.map((tile) => {
    const upCount = tile.peers?.filter((peer) => peer.state === 'Connected').length ?? 0;
    return { id: tile.gateway.id, upCount, downCount: (tile.peers?.length ?? 0) - upCount };
  });
  const layout = area ? layoutWall(tileInputs, area) : null;
  const pageCount = layout?.pages.length ?? 0;
  const rotation = usePageRotation(pageCount, params.rotateSeconds, params.startPage);
  const keys = useMemo(
    () => ({
      next: rotation.next,
      previous: rotation.previous,
      togglePause: rotation.togglePause,
      acknowledge: () => alerts.acknowledge(),
      anyKey: () => {
        unlockAlertSound();
        requestNotificationPermission();
      },
    }),
    [rotation.next, rotation.previous, rotation.togglePause, alerts],
  );
  useWallKeys(keys);

  const stateSince = useCallback((gatewayId: string, peer: BgpPeer) => alerts.stateSince(gatewayId, peer), [alerts]);
  const byId = new Map(tiles.map((tile) => [tile.gateway.id, tile]));
  const frozenReasons = [!online && 'the network is offline', needsInteraction && 'the sign-in has expired'].filter(
    (reason): reason is string => typeof reason === 'string',
  );

  return (
    <div
      data-testid="wall"
      data-theme={theme}
      className={`fixed inset-0 flex flex-col gap-[0.5rem] overflow-hidden p-[0.5rem] text-[1rem] leading-[1.5rem] ${palette.page}`}
    >
      {frozenReasons.length > 0 && (
        <div
          role="alert"
          data-testid="wall-frozen"
          className={`flex h-[2.5rem] shrink-0 items-center justify-between gap-[1rem] rounded-[0.3rem] px-[0.75rem] text-[1.25rem] font-bold ${palette.banner}`}
        >
          <p className="min-w-0 truncate">
            SCREEN FROZEN: {frozenReasons.join(' and ')}. Nothing below is refreshing
            {health.oldestAgeSeconds !== null && ` (oldest data from ${clockTime(nowMs - health.oldestAgeSeconds * 1000)})`}.
          </p>
          {needsInteraction && (
            <button type="button" onClick={signInAgain} className="shrink-0 rounded-[0.25rem] border-[0.1rem] border-current px-[0.75rem]">
              Sign in again
            </button>
          )}
        </div>
      )}
      {params.show.has('summary') && (
        <WallSummaryBand peersByState={peersByState} health={health} nowMs={nowMs} intervalMs={intervalMs} theme={theme} />
      )}
      {snapshot.alerts.length > 0 && <WallAlertBand alerts={snapshot.alerts} nowMs={nowMs} theme={theme} />}

      <div ref={areaRef} data-testid="wall-tiles" className="min-h-0 flex-1">
        {gatewayList.data === undefined ? (
          <GatewayListStatus error={gatewayList.error} theme={theme} />
        ) : gateways.length === 0 ? (
          <p className={`text-[1.5rem] ${palette.muted}`}>No gateway matches this wall's URL ({describeSelection(params)}).</p>
        ) : (
          params.show.has('tiles') &&
          layout && (
            <div className="flex h-full items-start" style={{ gap: `${WALL_SIZES.gapRem}rem` }}>
              {(layout.pages[rotation.page] ?? []).map((column, index) => (
                <div key={index} className="flex min-w-0 flex-1 flex-col" style={{ gap: `${WALL_SIZES.gapRem}rem` }}>
                  {column.map((placed) => {
                    const tile = byId.get(placed.id);
                    if (!tile) return null;
                    return (
                      <ErrorBoundary
                        key={placed.id}
                        resetAfterMs={TILE_RECOVERY_MS}
                        fallback={(error) => <BrokenTile name={tile.gateway.name} placed={placed} error={error} theme={theme} />}
                      >
                        <WallTile
                          gateway={tile.gateway}
                          peers={tile.peers}
                          dataUpdatedAt={tile.dataUpdatedAt}
                          status={tile.status}
                          placed={placed}
                          alertKeys={alertKeys}
                          stateSince={(peer) => stateSince(tile.gateway.id, peer)}
                          nowMs={nowMs}
                          theme={theme}
                        />
                      </ErrorBoundary>
                    );
                  })}
                </div>
              ))}
            </div>
          )
        )}
      </div>

      {params.show.has('changes') && <WallChangesStrip changes={snapshot.recentChanges} theme={theme} />}
      <footer className={`flex h-[1.75rem] shrink-0 items-center justify-between gap-[1rem] leading-[1.75rem] ${palette.muted}`}>
        <p data-testid="wall-page-indicator" className="shrink-0 font-semibold">
          {pageCount > 0 ? `Page ${rotation.page + 1} / ${pageCount}` : 'Page —'}
          <span className="font-normal">
            {' · '}
            {rotation.paused
              ? 'rotation PAUSED'
              : params.rotateSeconds === 0 || pageCount <= 1
                ? 'no rotation'
                : `next page every ${params.rotateSeconds} s`}
            {' · '}polled every {config.pollingIntervalSeconds} s{params.sound ? ' · sound on' : ''}
          </span>
        </p>
        <p data-testid="wall-keys" className="min-w-0 truncate text-[0.8rem]">
          Keys: → ← page · Space pause · A acknowledge alerts
        </p>
      </footer>
    </div>
  );
}

function describeSelection(params: WallParams): string {
  const parts = [params.gateways === 'all' ? 'all watched gateways' : `${params.gateways.length} gateway IDs`];
  if (params.subscription.length > 0) parts.push(`subscription ${params.subscription.join(', ')}`);
  if (params.type) parts.push(`type ${params.type}`);
  if (params.name) parts.push(`name containing "${params.name}"`);
  return parts.join(', ');
}

function GatewayListStatus({ error, theme }: { error: unknown; theme: WallTheme }) {
  const palette = PALETTES[theme];
  if (!error) return <p className={`text-[1.5rem] ${palette.muted}`}>Finding virtual network gateways…</p>;
  const { code, headline } = summarizeError(error);
  return (
    <p role="alert" className={`rounded-[0.3rem] p-[0.75rem] text-[1.5rem] font-bold ${palette.stale}`}>
      Could not list the gateways: {headline} ({code}). Trying again automatically.
    </p>
  );
}

function BrokenTile({ name, placed, error, theme }: { name: string; placed: PlacedTile; error: Error; theme: WallTheme }) {
  const palette = PALETTES[theme];
  return (
    <section
      data-testid="wall-tile-broken"
      style={{ height: `${placed.heightRem}rem` }}
      className={`box-border flex flex-col gap-[0.25rem] overflow-hidden rounded-[0.3rem] border-[0.1rem] p-[0.5rem] ${palette.tileStale}`}
    >
      <h2 className={`truncate font-bold ${palette.strong}`}>{name}</h2>
      <p role="alert" className="line-clamp-2">
        This tile hit a bug and stopped drawing ({error.message}); it tries again within {TILE_RECOVERY_MS / 1000} s.
      </p>
    </section>
  );
}

/** A mistyped wall URL says exactly what to fix, in type readable from the back of the room. */
function WallParamProblems({ problems }: { problems: string[] }) {
  useWallRootFontSize();
  return (
    <main role="alert" data-testid="wall-url-problems" className="fixed inset-0 flex flex-col gap-[1rem] overflow-hidden bg-slate-950 p-[2rem] text-slate-100">
      <h1 className="text-[2rem] font-bold text-amber-300">This wall screen's URL needs fixing</h1>
      <ul className="flex list-disc flex-col gap-[0.5rem] pl-[2rem] text-[1.25rem]">
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      <p className="text-slate-300">
        Parameters: {WALL_PARAM_NAMES.join(', ')}. Example: <code>/wall?type=vpn&amp;rotate=30&amp;sound=on</code>
      </p>
    </main>
  );
}
