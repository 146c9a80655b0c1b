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

/**
 * The app's one way to show a duration: the two largest units, whole numbers, a zero second
 * unit left out ("9d 1h", "2h 7m", "5m", "41s"); "—" when there is no duration.
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const whole = Math.floor(seconds);
  const days = Math.floor(whole / 86_400);
  const hours = Math.floor((whole % 86_400) / 3_600);
  const minutes = Math.floor((whole % 3_600) / 60);
  const secs = whole % 60;
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small > 0 ? `${big}${bigUnit} ${small}${smallUnit}` : `${big}${bigUnit}`;
  if (days > 0) return pair(days, 'd', hours, 'h');
  if (hours > 0) return pair(hours, 'h', minutes, 'm');
  if (minutes > 0) return pair(minutes, 'm', secs, 's');
  return `${secs}s`;
}
