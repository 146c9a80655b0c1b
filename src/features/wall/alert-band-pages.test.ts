import { describe, expect, it } from 'vitest';
import { alertBandCapacity, alertBandPages } from './alert-band-pages';

describe('alertBandPages', () => {
  it('alerts that fit are all shown on one page, with no "+N more"', () => {
    expect(alertBandPages(3, 4)).toEqual([{ start: 0, end: 3, more: 0 }]);
    expect(alertBandPages(4, 4)).toEqual([{ start: 0, end: 4, more: 0 }]);
  });

  it('more than fit: pages leave the last slot for "+N more", and together they show every alert once', () => {
    const pages = alertBandPages(10, 4);
    expect(pages).toEqual([
      { start: 0, end: 3, more: 7 },
      { start: 3, end: 6, more: 7 },
      { start: 6, end: 9, more: 7 },
      { start: 9, end: 10, more: 9 },
    ]);
    const shown = pages.flatMap((page) => Array.from({ length: page.end - page.start }, (_, i) => page.start + i));
    expect(shown).toEqual([...Array(10).keys()]);
  });

  it('a band with room for one alert still shows each in turn', () => {
    expect(alertBandPages(3, 1).map((page) => page.end - page.start)).toEqual([1, 1, 1]);
  });

  it('capacity follows the band width', () => {
    // 1920 px at 24 px/rem: 80 rem; items of 19 rem with 0.75 rem gaps hold 4.
    expect(alertBandCapacity(1920, 24, 19, 0.75)).toBe(4);
    expect(alertBandCapacity(0, 24, 19, 0.75)).toBe(1);
  });
});
