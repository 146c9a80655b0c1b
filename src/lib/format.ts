// Every number, duration, clock and age the app shows is formatted here, one formatter each, made
// once: `toLocaleString` and friends build a new Intl formatter on every call, and chart axes
// format hundreds of labels per draw.

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const CLOCK = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const CLOCK_MINUTES = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const ZONE = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short' });
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/** Counters with thousands separators ("7,163"); "—" when ARM did not send the value. */
export function formatCount(value: number | null): string {
  return value === null ? '—' : COUNT.format(value);
}

/** Rates and other measured values: thousands separators, at most two decimals ("1,234.5"). */
export function formatDecimal(value: number): string {
  return DECIMAL.format(value);
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

/** "9d", "2h", "5m": the largest unit alone, where only a glance fits (wall chips). */
export function formatDurationShort(seconds: number | null): string | null {
  if (seconds === null) return null;
  return formatDuration(seconds).split(' ')[0] ?? null;
}

/** "41s ago", from two instants in ms; never negative when the screen's clock lags a poll. */
export function formatAge(sinceMs: number, nowMs: number): string {
  return `${formatDuration(Math.max(0, (nowMs - sinceMs) / 1000))} ago`;
}

/** "14:03:27": times in charts, timelines, events and the wall (24-hour clock, local time). */
export function formatClock(ms: number): string {
  return CLOCK.format(ms);
}

/** "14:03": time labels on chart axes of an hour or more, where seconds are noise. */
export function formatClockMinutes(ms: number): string {
  return CLOCK_MINUTES.format(ms);
}

/** "CET", "UTC", "GMT+2": the screen's time zone at that instant, for a clock read by a room. */
export function formatTimeZone(ms: number): string {
  return ZONE.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

/** "15 Jan 14:03:27": exact times in tooltips and event lists, where the day matters too. */
export function formatDayClock(ms: number): string {
  return `${DAY.format(ms)} ${CLOCK.format(ms)}`;
}
