import { memo, useMemo } from 'react';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import type { PeerCondition } from '../../bgp/peer-condition';
import { ErrorBoundary } from '../../components/error-boundary';
import { WALL_SIZES, type PlacedTile } from './wall-layout';
import type { TileModel } from './wall-model';
import { PALETTES, type WallTheme } from './wall-theme';
import { WallTile } from './wall-tile';

const TILE_RECOVERY_MS = 30_000;

interface TileGridProps {
  /** The page on screen: columns of placed tiles, top to bottom. */
  columns: readonly PlacedTile[][];
  tiles: readonly TileModel[];
  alertKeys: ReadonlySet<string>;
  stateSince: (gatewayId: string, peer: BgpPeer) => number | null;
  conditionOf: (gatewayId: string, peer: BgpPeer) => PeerCondition | null;
  theme: WallTheme;
  /** CSS zoom of the whole grid: the layout was computed for rem × scale. */
  scale: number;
}

/** One page of tiles, each behind its own error boundary so a drawing bug costs one tile, not the wall. */
export const WallTileGrid = memo(function WallTileGrid({ columns, tiles, alertKeys, stateSince, conditionOf, theme, scale }: TileGridProps) {
  const byId = useMemo(() => new Map(tiles.map((tile) => [tile.gateway.id, tile])), [tiles]);
  return (
    <div data-testid="wall-tile-grid" data-scale={scale} className="flex items-start" style={{ gap: `${WALL_SIZES.gapRem}rem`, zoom: scale }}>
      {columns.map((column, index) => (
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
                  stateSince={stateSince}
                  conditionOf={conditionOf}
                  theme={theme}
                />
              </ErrorBoundary>
            );
          })}
        </div>
      ))}
    </div>
  );
});

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
