// .NET TimeSpan "c" format, which ARM uses for connectedDuration: [-][d.]hh:mm:ss[.fffffff]
const TIMESPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

/** Seconds in a .NET TimeSpan string such as `9.01:04:53.5768637`; null when absent or not a TimeSpan. */
export function parseTimeSpan(value: string | null | undefined): number | null {
  if (typeof value !== 'string') return null;
  const match = TIMESPAN.exec(value.trim());
  if (!match) return null;
  const [, minus, days, hours, minutes, seconds, fraction] = match;
  const h = Number(hours);
  const m = Number(minutes);
  const s = Number(seconds);
  if (h > 23 || m > 59 || s > 59) return null;
  const total =
    Number(days ?? 0) * 86_400 + h * 3_600 + m * 60 + s + (fraction ? Number(`0.${fraction}`) : 0);
  if (!Number.isFinite(total)) return null;
  return minus ? -total : total;
}
