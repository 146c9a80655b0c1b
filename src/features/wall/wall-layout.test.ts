import { describe, expect, it } from 'vitest';
import { fillScale, layoutWall, layoutWallWithColumns, MAX_WALL_SCALE, tileHeightRem, WALL_SIZES, type TileInput, type WallLayout } from './wall-layout';

const HD = { widthPx: 1896, heightPx: 700, remPx: 24 };
const UHD = { widthPx: 3792, heightPx: 1400, remPx: 48 };

/** Gateways with this many Connected peers each (and one down peer in every third). */
function tiles(peerCounts: number[]): TileInput[] {
  return peerCounts.map((peerCount, index) => {
    const downCount = index % 3 === 2 && peerCount > 0 ? 1 : 0;
    return { id: `gw-${index}`, downCount, upCount: peerCount - downCount };
  });
}

/** Tiles of one page in reading order: across the columns, row by row. */
function readingOrder(columns: readonly { id: string }[][]): string[] {
  const ids: string[] = [];
  const rows = Math.max(0, ...columns.map((column) => column.length));
  for (let row = 0; row < rows; row++) for (const column of columns) if (column[row]) ids.push(column[row]!.id);
  return ids;
}

function layoutWallAllChips(input: TileInput[]): number {
  let best = Infinity;
  for (let columns = 1; columns <= 3; columns++) best = Math.min(best, layoutWallWithColumns(input, columns, HD).pages.length);
  return best;
}

function columnHeightsRem(layout: WallLayout): number[] {
  return layout.pages.flatMap((columns) =>
    columns.map((column) => column.reduce((sum, tile, i) => sum + tile.heightRem + (i > 0 ? WALL_SIZES.gapRem : 0), 0)),
  );
}

describe('layoutWall', () => {
  it('never fills a column taller than the tile area', () => {
    const layout = layoutWall(tiles([12, 5, 8, 4, 10, 6, 12, 8, 4, 9, 5, 12, 7]), HD);
    const areaRem = (HD.heightPx - 2) / HD.remPx;
    for (const height of columnHeightsRem(layout)) expect(height).toBeLessThanOrEqual(areaRem);
    expect(layout.pages.length).toBeGreaterThan(1);
  });

  it('keeps every tile, in order across the top row first', () => {
    const input = tiles([4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
    const layout = layoutWall(input, HD);
    const placed = layout.pages.flatMap((columns) => columns.flat().map((tile) => tile.id));
    expect(placed.sort()).toEqual(input.map((tile) => tile.id).sort());
    const firstPage = layout.pages[0]!;
    expect(firstPage.map((column) => column[0]?.id)).toEqual(Array.from({ length: layout.columns }, (_, i) => `gw-${i}`));
  });

  it('gives a 4K screen the same pages as a 1080p one, twice as large', () => {
    const input = tiles([12, 5, 8, 4, 10, 6, 12, 8, 4, 9]);
    const hd = layoutWall(input, HD);
    const uhd = layoutWall(input, UHD);
    expect(uhd.columns).toBe(hd.columns);
    expect(uhd.badgesPerRow).toBe(hd.badgesPerRow);
    expect(uhd.pages.map((p) => p.map((c) => c.map((t) => t.id)))).toEqual(hd.pages.map((p) => p.map((c) => c.map((t) => t.id))));
  });

  it('a wider screen gets more columns, and fewer pages', () => {
    const input = tiles(Array.from({ length: 40 }, () => 8));
    const narrow = layoutWall(input, HD);
    const wide = layoutWall(input, { ...HD, widthPx: 3792 });
    expect(wide.columns).toBeGreaterThan(narrow.columns);
    expect(wide.pages.length).toBeLessThan(narrow.pages.length);
  });

  it('down peers take large badges and Connected ones one-line chips, so a healthy gateway is smaller', () => {
    expect(tileHeightRem(0, 8, 2)).toBeLessThan(tileHeightRem(8, 0, 2));
    expect(tileHeightRem(2, 6, 2)).toBe(
      2 * WALL_SIZES.tileInsetRem +
        WALL_SIZES.tileHeaderRem +
        WALL_SIZES.gapRem + WALL_SIZES.downBadgeHeightRem +
        WALL_SIZES.gapRem + 3 * WALL_SIZES.upChipHeightRem + 2 * WALL_SIZES.badgeGapRem,
    );
  });

  it('picks the column count that needs the fewest pages', () => {
    const input = tiles(Array.from({ length: 30 }, () => 8));
    const chosen = layoutWall(input, HD);
    for (const columns of [1, 2, 3]) {
      expect(chosen.pages.length).toBeLessThanOrEqual(layoutWallWithColumns(input, columns, HD).pages.length);
    }
  });

  it('keeps the tiles in their order on screen when one grows between polls: no two others swap places', () => {
    const input = tiles([4, 4, 4, 4, 4, 4, 4, 4, 4]);
    const order = (layout: WallLayout) => layout.pages.flatMap((columns) => readingOrder(columns));
    const tall = { ...HD, heightPx: 1000 };
    const before = layoutWallWithColumns(input, 3, tall);
    // The first gateway loses a peer: a chip becomes a large badge and its tile grows.
    const grown = input.map((tile, i) => (i === 0 ? { ...tile, downCount: 1, upCount: 3 } : tile));
    const after = layoutWallWithColumns(grown, 3, tall);
    expect(order(after)).toEqual(order(before));
    expect(order(before)).toEqual(input.map((tile) => tile.id));
    // And each tile stays in its column.
    const columnOf = (layout: WallLayout, id: string) => layout.pages[0]!.findIndex((column) => column.some((tile) => tile.id === id));
    for (const tile of input) expect(columnOf(after, tile.id)).toBe(columnOf(before, tile.id));
  });

  it('compacts Connected peers into one line per tile when the fleet needs more than a page, and so needs fewer pages', () => {
    // A NOC-sized fleet: 120 gateways of 4 to 16 peers, a few of them down.
    const fleet = tiles(Array.from({ length: 120 }, (_, i) => 4 + ((i * 7) % 13)));
    const chips = layoutWallAllChips(fleet);
    const layout = layoutWall(fleet, HD);
    expect(layout.compact).toBe(true);
    expect(layout.pages.length).toBeLessThan(chips);
    const placed = layout.pages.flat(2);
    expect(placed.every((tile) => tile.visibleUp === 0 && tile.compact)).toBe(true);
    // Down peers are never compacted.
    for (const tile of placed) expect(tile.visibleDown).toBe(fleet.find((input) => input.id === tile.id)!.downCount);
  });

  it('keeps the chips of a stale tile when compacting: its header no longer counts them', () => {
    const fleet = tiles(Array.from({ length: 120 }, (_, i) => 4 + ((i * 7) % 13))).map((tile, i) => (i === 0 ? { ...tile, keepChips: true } : tile));
    const layout = layoutWall(fleet, HD);
    expect(layout.compact).toBe(true);
    const stale = layout.pages.flat(2).find((tile) => tile.id === 'gw-0')!;
    expect(stale.visibleUp).toBe(fleet[0]!.upCount);
    expect(stale.compact).toBeFalsy();
  });

  it('does not compact a wall that fits on one page', () => {
    expect(layoutWall(tiles([4, 4, 4]), HD).compact).toBe(false);
  });
  it('a gateway taller than the page shows its down peers first, then the chips that fit, and says "+N more"', () => {
    const layout = layoutWall([{ id: 'huge', downCount: 5, upCount: 300 }], HD);
    const [tile] = layout.pages[0]!.flat();
    expect(tile!.visibleDown).toBe(5);
    expect(tile!.visibleUp).toBeLessThan(300);
    expect(tile!.visibleUp % layout.badgesPerRow).toBe(0);
    expect(tile!.heightRem).toBeLessThanOrEqual((HD.heightPx - 2) / HD.remPx);
    expect(tile!.heightRem).toBe(tileHeightRem(5, tile!.visibleUp, layout.badgesPerRow, true));
  });

  it('a screen too small for even one badge row still places every tile, one per page', () => {
    const layout = layoutWall(tiles([3, 3]), { widthPx: 300, heightPx: 50, remPx: 24 });
    expect(layout.columns).toBe(1);
    expect(layout.pages).toHaveLength(2);
  });

  it('no gateways, no pages', () => {
    expect(layoutWall([], HD).pages).toEqual([]);
  });
});

describe('fillScale', () => {
  it('draws a few gateways larger, as large as still fits whole on one page', () => {
    const few = tiles([4, 3, 6]);
    const scale = fillScale(few, HD);
    expect(scale).toBeGreaterThan(1.1);
    const layout = layoutWall(few, { ...HD, remPx: HD.remPx * scale });
    expect(layout.pages).toHaveLength(1);
    expect(layout.pages[0]!.flat().every((tile) => tile.visibleUp + tile.visibleDown === few.find((t) => t.id === tile.id)!.upCount + few.find((t) => t.id === tile.id)!.downCount)).toBe(true);
    // A little larger would not fit.
    expect(layoutWall(few, { ...HD, remPx: HD.remPx * (scale + 0.05) }).pages.length > 1 || scale + 0.05 > MAX_WALL_SCALE || layoutWall(few, { ...HD, remPx: HD.remPx * (scale + 0.05) }).pages[0]!.flat().some((t) => t.visibleUp < few.find((f) => f.id === t.id)!.upCount)).toBe(true);
  });

  it('leaves a wall that needs more than one page at its base size', () => {
    expect(fillScale(tiles(Array.from({ length: 60 }, () => 8)), HD)).toBe(1);
    expect(fillScale([], HD)).toBe(1);
  });

  it('never grows past the cap', () => {
    expect(fillScale(tiles([1]), UHD)).toBeLessThanOrEqual(MAX_WALL_SCALE);
  });
});
