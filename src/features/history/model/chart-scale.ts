/**
 * Value axes that tell the truth at a glance: round ticks (1, 2, 2.5, 5 × 10ⁿ), and a scale that
 * one spike cannot flatten. When the largest values are far above the rest, the axis is capped
 * just above a high percentile and the chart says how many values it cut and how high they went.
 */

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/** The smallest round step ≥ rough. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = NICE_STEPS.find((candidate) => candidate * power >= rough * (1 - 1e-9)) ?? 10;
  return step * power;
}

/** Round ticks from 0 to at least `top`, about `count` intervals; integers only when asked. */
export function niceTicks(top: number, count = 4, integers = false): number[] {
  const rough = Math.max(top, 0) / count;
  const step = integers ? Math.max(1, niceStep(Math.max(rough, 1))) : niceStep(rough || 1);
  const ticks: number[] = [];
  const last = Math.max(step, Math.ceil(top / step - 1e-9) * step);
  for (let i = 0; i * step <= last + step * 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

export interface RobustScale {
  /** The axis top (the last tick). */
  top: number;
  ticks: number[];
  /** Values above `top`: drawn at the top edge, marked, and counted here. */
  cutCount: number;
  /** The largest value, cut or not; null when there are none. */
  max: number | null;
  capped: boolean;
}

export interface ScaleOptions {
  /** The percentile the cap sits above (0–1). */
  percentile?: number;
  /** Cap only when the largest value is more than this many times the percentile. */
  spikeFactor?: number;
  integers?: boolean;
  /** Never cap: the full range, whatever the spikes. */
  full?: boolean;
}

function percentileOf(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export function robustScale(values: readonly (number | null)[], options: ScaleOptions = {}): RobustScale {
  const { percentile = 0.95, spikeFactor = 3, integers = false, full = false } = options;
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  const max = present.length > 0 ? (present[present.length - 1] ?? 0) : null;
  const uncapped = (): RobustScale => {
    const ticks = niceTicks(max ?? 0, 4, integers);
    return { top: ticks[ticks.length - 1] ?? 1, ticks, cutCount: 0, max, capped: false };
  };
  if (full || max === null || max <= 0) return uncapped();
  const p = percentileOf(present, percentile);
  if (p <= 0 || max <= spikeFactor * p) return uncapped();
  // Some headroom above the percentile, so the ordinary values do not sit on the edge.
  const ticks = niceTicks(p * 1.25, 4, integers);
  const top = ticks[ticks.length - 1] ?? p;
  const cutCount = present.filter((v) => v > top).length;
  return cutCount === 0 ? uncapped() : { top, ticks, cutCount, max, capped: true };
}
