/**
 * How the alert band shows more alerts than fit on its line: when they all fit, one page with all
 * of them; otherwise pages of `capacity - 1` alerts, the last slot of each saying "+N more" (the
 * alerts not on this page), and the band turns its pages by itself so every alert reaches the
 * screen. Pure, so the arithmetic is tested without a browser.
 */
export interface AlertBandPage {
  start: number;
  end: number;
  /** Alerts not on this page; 0 when every alert is shown. */
  more: number;
}

export function alertBandPages(count: number, capacity: number): AlertBandPage[] {
  const fit = Math.max(1, Math.floor(capacity));
  if (count <= fit) return [{ start: 0, end: count, more: 0 }];
  const perPage = Math.max(1, fit - 1);
  const pages: AlertBandPage[] = [];
  for (let start = 0; start < count; start += perPage) {
    const end = Math.min(count, start + perPage);
    pages.push({ start, end, more: count - (end - start) });
  }
  return pages;
}

/** Alerts a band of this width holds on its line. */
export function alertBandCapacity(widthPx: number, remPx: number, itemRem: number, gapRem: number): number {
  if (widthPx <= 0 || remPx <= 0) return 1;
  return Math.max(1, Math.floor((widthPx + gapRem * remPx) / ((itemRem + gapRem) * remPx)));
}
