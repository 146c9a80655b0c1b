// One formatter each, made once: `toLocaleTimeString` builds a new Intl.DateTimeFormat on every
// call, and chart axes format hundreds of candidate ticks per draw.
const CLOCK = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/** "14:03:27": times in charts, timelines and events (24-hour clock, local time). */
export function formatClock(ms: number): string {
  return CLOCK.format(ms);
}

/** "15 Jan 14:03:27": exact times in tooltips and event lists, where the day matters too. */
export function formatDayClock(ms: number): string {
  return `${DAY.format(ms)} ${CLOCK.format(ms)}`;
}
