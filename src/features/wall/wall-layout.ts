/**
 * How many gateway tiles fit on one wall page. Every size is in rem and the tile components use
 * exactly these sizes, so the model is the layout: a page never overflows, and nothing needs a
 * scrollbar. The root font size scales with the screen (see wall-page), so a 4K screen gets the
 * same pages as a 1080p one, twice as large.
 */
export const WALL_SIZES = {
  /** Space between tiles and between badges. */
  gapRem: 0.5,
  badgeWidthRem: 11.5,
  /** Two lines of 1.25rem plus 0.25rem padding above and below. */
  badgeHeightRem: 3,
  /** Padding plus border on each side of a tile. */
  tileInsetRem: 0.6,
  /** Two lines of 1.75rem: name and facts, then freshness or STALE. */
  tileHeaderRem: 3.5,
  /** The "+N more peers" line of a tile cut to fit the page. */
  moreLineRem: 1.5,
  /** A tile is never narrower than three badges side by side. */
  minBadgesPerRow: 3,
} as const;

export interface TileInput {
  id: string;
  peerCount: number;
}

export interface TileArea {
  widthPx: number;
  heightPx: number;
  /** The root font size in px. */
  remPx: number;
}

export interface PlacedTile {
  id: string;
  heightRem: number;
  /** How many peer badges the tile shows; fewer than its peers only when it alone is taller than the page. */
  visibleBadges: number;
}

export interface WallLayout {
  columns: number;
  badgesPerRow: number;
  columnWidthRem: number;
  /** pages → columns → tiles, top to bottom. */
  pages: PlacedTile[][][];
}

export function badgesPerRowFor(columnWidthRem: number): number {
  const { gapRem, badgeWidthRem, tileInsetRem } = WALL_SIZES;
  const inner = columnWidthRem - 2 * tileInsetRem;
  return Math.max(1, Math.floor((inner + gapRem) / (badgeWidthRem + gapRem)));
}

export function tileHeightRem(badgeCount: number, badgesPerRow: number, withMoreLine = false): number {
  const { gapRem, badgeHeightRem, tileInsetRem, tileHeaderRem, moreLineRem } = WALL_SIZES;
  const rows = Math.ceil(badgeCount / badgesPerRow);
  const badges = rows === 0 ? 0 : rows * badgeHeightRem + (rows - 1) * gapRem;
  // The header and the badges are separated by one gap; an empty tile still says "no peers".
  return 2 * tileInsetRem + tileHeaderRem + gapRem + Math.max(badges, badgeHeightRem) + (withMoreLine ? moreLineRem : 0);
}

/**
 * Places tiles, in the given order, each in the currently shortest column so the first tiles
 * (the ones with problems) sit across the top row; a tile that fits in no column starts the
 * next page.
 */
export function layoutWall(tiles: readonly TileInput[], area: TileArea): WallLayout {
  const { gapRem, badgeWidthRem, tileInsetRem, minBadgesPerRow } = WALL_SIZES;
  const remPx = area.remPx > 0 ? area.remPx : 16;
  const widthRem = Math.max(0, area.widthPx / remPx);
  // A pixel of slack per tile row guards against sub-pixel rounding of rem sizes.
  const heightRem = Math.max(0, (area.heightPx - 2) / remPx);

  const minTileWidth = 2 * tileInsetRem + minBadgesPerRow * badgeWidthRem + (minBadgesPerRow - 1) * gapRem;
  const columns = Math.max(1, Math.floor((widthRem + gapRem) / (minTileWidth + gapRem)));
  const columnWidthRem = (widthRem - (columns - 1) * gapRem) / columns;
  const badgesPerRow = badgesPerRowFor(columnWidthRem);

  const pages: PlacedTile[][][] = [];
  let columnsOfPage: PlacedTile[][] = [];
  let heights: number[] = [];
  const newPage = () => {
    columnsOfPage = Array.from({ length: columns }, () => []);
    heights = Array.from({ length: columns }, () => 0);
    pages.push(columnsOfPage);
  };

  for (const tile of tiles) {
    const placed = fitTile(tile, badgesPerRow, heightRem);
    if (pages.length === 0) newPage();
    let shortest = indexOfSmallest(heights);
    const needed = (heights[shortest] ?? 0) > 0 ? placed.heightRem + gapRem : placed.heightRem;
    if ((heights[shortest] ?? 0) + needed > heightRem && (heights[shortest] ?? 0) > 0) {
      newPage();
      shortest = 0;
    }
    const start = heights[shortest] ?? 0;
    heights[shortest] = start + (start > 0 ? placed.heightRem + gapRem : placed.heightRem);
    columnsOfPage[shortest]?.push(placed);
  }
  return { columns, badgesPerRow, columnWidthRem, pages };
}

/** A tile taller than the whole page shows the badges that fit and says how many are left out. */
function fitTile(tile: TileInput, badgesPerRow: number, pageHeightRem: number): PlacedTile {
  const full = tileHeightRem(tile.peerCount, badgesPerRow);
  if (full <= pageHeightRem) return { id: tile.id, heightRem: full, visibleBadges: tile.peerCount };
  const { gapRem, badgeHeightRem } = WALL_SIZES;
  const withoutBadges = tileHeightRem(0, badgesPerRow, true) - badgeHeightRem;
  const rows = Math.max(1, Math.floor((pageHeightRem - withoutBadges + gapRem) / (badgeHeightRem + gapRem)));
  const visibleBadges = Math.min(tile.peerCount, rows * badgesPerRow);
  return { id: tile.id, heightRem: tileHeightRem(visibleBadges, badgesPerRow, true), visibleBadges };
}

function indexOfSmallest(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? 0) < (values[best] ?? 0)) best = i;
  return best;
}
