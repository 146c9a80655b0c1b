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
