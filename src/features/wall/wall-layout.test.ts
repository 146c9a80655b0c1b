import { describe, expect, it } from 'vitest';
import { layoutWall, layoutWallWithColumns, tileHeightRem, WALL_SIZES, type TileInput, type WallLayout } from './wall-layout';

const HD = { widthPx: 1896, heightPx: 700, remPx: 24 };
const UHD = { widthPx: 3792, heightPx: 1400, remPx: 48 };

/** Gateways with this many Connected peers each (and one down peer in every third). */
function tiles(peerCounts: number[]): TileInput[] {
  return peerCounts.map((peerCount, index) => {
    const downCount = index % 3 === 2 && peerCount > 0 ? 1 : 0;
    return { id: `gw-${index}`, downCount, upCount: peerCount - downCount };
  });
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

  it('a small gateway later in the list fills the room left on an earlier page', () => {
    // One column: a tall tile fills most of page 1, the next tall one needs page 2, the small third fits on page 1.
    const tall = { downCount: 12, upCount: 0 };
    const input = [{ id: 'gw-0', ...tall }, { id: 'gw-1', ...tall }, { id: 'gw-2', downCount: 0, upCount: 1 }];
    const area = { widthPx: 700, heightPx: 24 * (tileHeightRem(12, 0, 2) + tileHeightRem(0, 1, 2) + WALL_SIZES.gapRem) + 2, remPx: 24 };
    const layout = layoutWall(input, area);
    expect(layout.columns).toBe(1);
    const pageOf = (id: string) => layout.pages.findIndex((columns) => columns.flat().some((tile) => tile.id === id));
    expect(pageOf('gw-1')).toBe(1);
    expect(pageOf('gw-2')).toBe(0);
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
