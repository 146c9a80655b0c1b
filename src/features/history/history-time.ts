/** "14:03:27": times in charts, timelines and events (24-hour clock, local time). */
export function formatClock(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "15 Jan 14:03:27": exact times in tooltips and event lists, where the day matters too. */
export function formatDayClock(ms: number): string {
  const date = new Date(ms);
  return `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${formatClock(ms)}`;
}
