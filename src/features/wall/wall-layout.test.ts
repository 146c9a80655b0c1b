import { describe, expect, it } from 'vitest';
import { layoutWall, tileHeightRem, WALL_SIZES, type TileInput, type WallLayout } from './wall-layout';

const HD = { widthPx: 1896, heightPx: 700, remPx: 24 };
const UHD = { widthPx: 3792, heightPx: 1400, remPx: 48 };

function tiles(peerCounts: number[]): TileInput[] {
  return peerCounts.map((peerCount, index) => ({ id: `gw-${index}`, peerCount }));
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
    expect(firstPage.map((column) => column[0]?.id)).toEqual(['gw-0', 'gw-1']);
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
    const input = tiles(Array.from({ length: 20 }, () => 8));
    const narrow = layoutWall(input, HD);
    const wide = layoutWall(input, { ...HD, widthPx: 3792 });
    expect(wide.columns).toBeGreaterThan(narrow.columns);
    expect(wide.pages.length).toBeLessThan(narrow.pages.length);
  });

  it('a gateway taller than the page shows the badges that fit and leaves the rest for "+N more"', () => {
    const layout = layoutWall(tiles([200]), HD);
    const [tile] = layout.pages[0]!.flat();
    expect(tile!.visibleBadges).toBeLessThan(200);
    expect(tile!.visibleBadges % layout.badgesPerRow).toBe(0);
    expect(tile!.heightRem).toBeLessThanOrEqual((HD.heightPx - 2) / HD.remPx);
    expect(tile!.heightRem).toBe(tileHeightRem(tile!.visibleBadges, layout.badgesPerRow, true));
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
