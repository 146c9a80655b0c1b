import { formatClock, formatClockMinutes } from '../../../lib/format';

const TICK_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720].map((minutes) => minutes * 60_000);

/**
 * At most about `count` round times in [fromMs, toMs]. Given explicitly, because an axis left to
 * find its own ticks measures a label for every data point: most of a day chart's draw time.
 */
export function timeTicks(fromMs: number, toMs: number, count = 7): number[] {
  const span = Math.max(1, toMs - fromMs);
  const step = TICK_STEPS_MS.find((s) => span / s <= count) ?? span / count;
  // Round in local time, so the labels read 14:00, 14:30 and not 14:00 minus the zone offset.
  const offset = new Date(fromMs).getTimezoneOffset() * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil((fromMs - offset) / step) * step + offset; t <= toMs; t += step) ticks.push(t);
  return ticks;
}

/** Axis labels of a time range: minutes from an hour up (ticks are 10 min or more apart there), seconds below. */
export function timeLabelFormatter(fromMs: number, toMs: number): (ms: number) => string {
  return toMs - fromMs >= 3_600_000 ? formatClockMinutes : formatClock;
}

/**
 * Seconds until a chart can draw a first rate, which needs two samples: about one polling
 * interval after the first sample, two before it. Null once two samples exist.
 */
export function firstPointsInSeconds(sampleTimes: readonly number[], nowMs: number, intervalMs: number): number | null {
  const distinct = new Set(sampleTimes);
  if (distinct.size >= 2) return null;
  const first = distinct.size === 1 ? Math.min(...distinct) : null;
  const dueMs = first === null ? 2 * intervalMs : first + intervalMs - nowMs;
  return Math.max(1, Math.ceil(dueMs / 1000));
}

/** A dragged selection as a zoom range, or null when it is too narrow to mean one (a click). */
export function zoomRange(a: number | null, b: number | null, minSpanMs: number): { fromMs: number; toMs: number } | null {
  if (a === null || b === null) return null;
  const fromMs = Math.min(a, b);
  const toMs = Math.max(a, b);
  return toMs - fromMs >= minSpanMs ? { fromMs, toMs } : null;
}

/**
 * One crosshair across the page's charts: each chart keeps its own points (the extremes of its
 * own lines), so the others show their row nearest in time to the one under the pointer, if one
 * is within `withinMs` (a slice of the downsampled range); else none, rather than another time.
 * Recharts' custom `syncMethod`: it passes the other chart's label as text, and wants an index.
 */
export function nearestTimeSync(withinMs: number) {
  return (ticks: readonly { value: unknown }[], data: { activeLabel?: string | number }): number => {
    const label = Number(data.activeLabel);
    if (data.activeLabel === undefined || data.activeLabel === '' || !Number.isFinite(label)) return -1;
    let best = -1;
    let bestDistance = Infinity;
    for (let i = 0; i < ticks.length; i++) {
      const distance = Math.abs(Number(ticks[i]?.value) - label);
      if (distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    }
    return bestDistance <= withinMs ? best : -1;
  };
}
