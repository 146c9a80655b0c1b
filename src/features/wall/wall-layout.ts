/**
 * How many gateway tiles fit on one wall page. Every size is in rem and the tile components use
 * exactly these sizes, so the model is the layout: a page never overflows, and nothing needs a
 * scrollbar. The root font size scales with the screen (see wall-screen-size), so a 4K screen gets the
 * same pages as a 1080p one, twice as large.
 *
 * A tile shows the peers that are not Connected as large two-line badges (state word, icon,
 * time down), and its Connected peers as one-line chips: exceptions loud, the normal compact,
 * so a NOC-sized fleet needs a few pages instead of a dozen. When even that needs more than one
 * page, Connected peers are compacted further into one line per tile ("+12 Connected"): the
 * tile's header already says "12 / 12 Connected".
 *
 * Tiles keep their given order (severity, then name) on screen whatever their heights: tile i of
 * a page goes in column i mod columns, so a tile that grows or shrinks between polls never makes
 * two other tiles swap places.
 */
export const WALL_SIZES = {
  /** Space between tiles, and between a tile's header and its blocks of peers. */
  gapRem: 0.5,
  /** Space between badges and chips. */
  badgeGapRem: 0.4,
  badgeWidthRem: 12,
  /** Two lines of 1.25rem, 0.15rem padding and a 0.1rem border above and below. */
  downBadgeHeightRem: 3,
  /** One line of 1.5rem, with its border. */
  upChipHeightRem: 1.75,
  /** Padding plus border on each side of a tile. */
  tileInsetRem: 0.6,
  /** Two lines of 1.75rem: name and facts, then freshness or STALE. */
  tileHeaderRem: 3.5,
  /** A one-line block: "+N more peers", "No BGP peers reported", "Waiting for the first answer". */
  lineRem: 1.75,
  /** A tile is never narrower than two badges side by side. */
  minBadgesPerRow: 2,
} as const;

export interface TileInput {
  id: string;
  /** Peers not Connected (large badges). */
  downCount: number;
  /** Connected peers (chips). */
  upCount: number;
  /**
   * Its data is stale: its chips stay when others are compacted, since the header then says
   * STALE instead of "N / M Connected", and the last peers read must stay on screen.
   */
  keepChips?: boolean;
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
  /** How many badges and chips the tile shows: all, unless it alone is taller than the page. */
  visibleDown: number;
  visibleUp: number;
  /** Its Connected peers are summed up in one line instead of drawn as chips, to save pages. */
  compact?: boolean;
}

export interface WallLayout {
  columns: number;
  badgesPerRow: number;
  /** Connected peers are compacted into one line per tile. */
  compact: boolean;
  /** pages → columns → tiles, top to bottom. */
  pages: PlacedTile[][][];
}

export function badgesPerRowFor(columnWidthRem: number): number {
  const { badgeGapRem, badgeWidthRem, tileInsetRem } = WALL_SIZES;
  const inner = columnWidthRem - 2 * tileInsetRem;
  return Math.max(1, Math.floor((inner + badgeGapRem) / (badgeWidthRem + badgeGapRem)));
}

function blockRem(count: number, perRow: number, itemHeightRem: number): number {
  const rows = Math.ceil(count / perRow);
  return rows === 0 ? 0 : rows * itemHeightRem + (rows - 1) * WALL_SIZES.badgeGapRem;
}

/** The height of a tile showing `down` badges and `up` chips; `more` adds the "+N more" line. */
export function tileHeightRem(down: number, up: number, badgesPerRow: number, more = false): number {
  const { gapRem, tileInsetRem, tileHeaderRem, downBadgeHeightRem, upChipHeightRem, lineRem } = WALL_SIZES;
  const blocks = [blockRem(down, badgesPerRow, downBadgeHeightRem), blockRem(up, badgesPerRow, upChipHeightRem)].filter(
    (height) => height > 0,
  );
  // An empty tile still has one line saying so (a tile with only a "+N" line has that line).
  if (blocks.length === 0 && !more) blocks.push(lineRem);
  if (more) blocks.push(lineRem);
  return 2 * tileInsetRem + tileHeaderRem + blocks.reduce((sum, height) => sum + gapRem + height, 0);
}

/**
 * Lays the tiles out for every column count the width allows and keeps the one with the fewest
 * pages (then the widest tiles); when that is more than one page, tries again with Connected
 * peers compacted and keeps that if it saves pages. The first tiles (problems) sit across the top
 * of page 1.
 */
export function layoutWall(tiles: readonly TileInput[], area: TileArea): WallLayout {
  const full = layoutWallAllColumns(tiles, area, false);
  if (full.pages.length <= 1) return full;
  const compact = layoutWallAllColumns(tiles, area, true);
  return compact.pages.length < full.pages.length ? compact : full;
}

function layoutWallAllColumns(tiles: readonly TileInput[], area: TileArea, compact: boolean): WallLayout {
  const { gapRem, badgeWidthRem, badgeGapRem, tileInsetRem, minBadgesPerRow } = WALL_SIZES;
  const remPx = area.remPx > 0 ? area.remPx : 16;
  const widthRem = Math.max(0, area.widthPx / remPx);
  const minTileWidth = 2 * tileInsetRem + minBadgesPerRow * badgeWidthRem + (minBadgesPerRow - 1) * badgeGapRem;
  const maxColumns = Math.max(1, Math.floor((widthRem + gapRem) / (minTileWidth + gapRem)));

  let best: WallLayout | null = null;
  for (let columns = 1; columns <= maxColumns; columns++) {
    const layout = layoutWallWithColumns(tiles, columns, area, compact);
    if (!best || layout.pages.length < best.pages.length) best = layout;
  }
  return best ?? layoutWallWithColumns(tiles, 1, area, compact);
}

export function layoutWallWithColumns(tiles: readonly TileInput[], columns: number, area: TileArea, compact = false): WallLayout {
  const { gapRem } = WALL_SIZES;
  const remPx = area.remPx > 0 ? area.remPx : 16;
  const widthRem = Math.max(0, area.widthPx / remPx);
  // Two pixels of slack guard against sub-pixel rounding of rem sizes.
  const heightRem = Math.max(0, (area.heightPx - 2) / remPx);
  const badgesPerRow = badgesPerRowFor((widthRem - (columns - 1) * gapRem) / columns);
  const pages: { columns: PlacedTile[][]; heights: number[]; count: number }[] = [];
  const grownBy = (height: number, tile: PlacedTile) => (height > 0 ? height + gapRem + tile.heightRem : tile.heightRem);
  const newPage = () => {
    const page = { columns: Array.from({ length: columns }, (): PlacedTile[] => []), heights: Array.from({ length: columns }, () => 0), count: 0 };
    pages.push(page);
    return page;
  };

  for (const tile of tiles) {
    const placed = compact && tile.upCount > 0 && !tile.keepChips ? compactTile(tile, badgesPerRow, heightRem) : fitTile(tile, badgesPerRow, heightRem);
    let page = pages[pages.length - 1] ?? newPage();
    if (page.count > 0 && grownBy(page.heights[page.count % columns] ?? 0, placed) > heightRem) page = newPage();
    const column = page.count % columns;
    page.heights[column] = grownBy(page.heights[column] ?? 0, placed);
    page.columns[column]?.push(placed);
    page.count += 1;
  }
  return { columns, badgesPerRow, compact, pages: pages.map((page) => page.columns) };
}

/**
 * Down peers as badges (as many as fit), every Connected one summed up: in one "+N Connected"
 * line under the badges, or, on a tile with nothing down, by its header's "N / N Connected" alone.
 */
function compactTile(tile: TileInput, badgesPerRow: number, pageHeightRem: number): PlacedTile {
  const fitted = fitTile({ ...tile, upCount: 0 }, badgesPerRow, pageHeightRem);
  const heightRem =
    fitted.visibleDown === 0 ? 2 * WALL_SIZES.tileInsetRem + WALL_SIZES.tileHeaderRem : tileHeightRem(fitted.visibleDown, 0, badgesPerRow, true);
  return { ...fitted, id: tile.id, visibleUp: 0, compact: true, heightRem };
}

/**
 * How much larger than the base size a wall with few gateways can draw everything and still show
 * every tile whole on one page: the room a small wall would leave empty goes to larger type.
 * 1 when the tiles need more than a page at the base size.
 */
export const MAX_WALL_SCALE = 3;

export function fillScale(tiles: readonly TileInput[], area: TileArea): number {
  const remPx = area.remPx > 0 ? area.remPx : 16;
  const fitsWhole = (scale: number) => {
    const layout = layoutWall(tiles, { ...area, remPx: remPx * scale });
    return (
      layout.pages.length === 1 &&
      !layout.compact &&
      layout.pages[0]?.flat().every((placed) => {
        const input = tiles.find((tile) => tile.id === placed.id);
        return input !== undefined && placed.visibleDown === input.downCount && placed.visibleUp === input.upCount;
      }) === true
    );
  };
  if (tiles.length === 0 || !fitsWhole(1)) return 1;
  let low = 1;
  let high = MAX_WALL_SCALE;
  if (fitsWhole(high)) return high;
  // Ten halvings: within 0.2 % of the largest scale that fits.
  for (let i = 0; i < 10; i++) {
    const middle = (low + high) / 2;
    if (fitsWhole(middle)) low = middle;
    else high = middle;
  }
  return Math.floor(low * 100) / 100;
}

/**
 * A tile taller than the whole page keeps its header and as many rows as fit, badges of down
 * peers before chips of Connected ones, and says how many it left out.
 */
function fitTile(tile: TileInput, badgesPerRow: number, pageHeightRem: number): PlacedTile {
  const full = tileHeightRem(tile.downCount, tile.upCount, badgesPerRow);
  if (full <= pageHeightRem) {
    return { id: tile.id, heightRem: full, visibleDown: tile.downCount, visibleUp: tile.upCount };
  }
  let visibleDown = 0;
  let visibleUp = 0;
  const fits = (down: number, up: number) => tileHeightRem(down, up, badgesPerRow, true) <= pageHeightRem;
  while (visibleDown < tile.downCount && fits(Math.min(tile.downCount, visibleDown + badgesPerRow), 0)) {
    visibleDown = Math.min(tile.downCount, visibleDown + badgesPerRow);
  }
  if (visibleDown === tile.downCount) {
    while (visibleUp < tile.upCount && fits(visibleDown, Math.min(tile.upCount, visibleUp + badgesPerRow))) {
      visibleUp = Math.min(tile.upCount, visibleUp + badgesPerRow);
    }
  }
  // On a screen too small for even one row, one row is shown and the tile is cut, not lost.
  if (visibleDown === 0 && visibleUp === 0) {
    if (tile.downCount > 0) visibleDown = Math.min(tile.downCount, badgesPerRow);
    else visibleUp = Math.min(tile.upCount, badgesPerRow);
  }
  return { id: tile.id, heightRem: tileHeightRem(visibleDown, visibleUp, badgesPerRow, true), visibleDown, visibleUp };
}

