import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../../lib/format';
import { niceStep, niceTicks, robustScale } from './chart-scale';

describe('round ticks', () => {
  it('steps by 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(8500)).toBe(10_000);
    expect(niceStep(1700)).toBe(2000);
    expect(niceStep(2200)).toBe(2500);
    expect(niceStep(0.3)).toBe(0.5);
  });

  it('turns a 34,000 maximum into 0 / 10,000 / … / 40,000, not 8500 / 17000 / 34000', () => {
    const ticks = niceTicks(34_000);
    expect(ticks).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(ticks.map(formatDecimal)).toEqual(['0', '10,000', '20,000', '30,000', '40,000']);
  });

  it('gives whole numbers for counts of routes, even when small', () => {
    expect(niceTicks(3, 4, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 4, true)).toEqual([0, 1]);
  });
});

describe('a scale one spike cannot flatten', () => {
  const ordinary = Array.from({ length: 100 }, (_, i) => 2 + (i % 3));

  it('caps just above the 95th percentile and counts what it cut', () => {
    const scale = robustScale([...ordinary, 34_000, null]);
    expect(scale.capped).toBe(true);
    expect(scale.top).toBeGreaterThanOrEqual(4);
    expect(scale.top).toBeLessThan(10);
    expect(scale.cutCount).toBe(1);
    expect(scale.max).toBe(34_000);
    expect(scale.ticks.at(-1)).toBe(scale.top);
  });

  it('keeps the full range when nothing stands far above the rest, or when asked', () => {
    expect(robustScale([...ordinary, 9]).capped).toBe(false);
    const full = robustScale([...ordinary, 34_000], { full: true });
    expect(full).toMatchObject({ capped: false, cutCount: 0, top: 40_000 });
  });

  it('draws an empty chart from 0 to 1', () => {
    expect(robustScale([null, null])).toMatchObject({ top: 1, max: null, cutCount: 0 });
  });
});
