const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Counters with thousands separators; "—" when ARM did not send the value. */
export function formatCount(value: number | null): string {
  return value === null ? '—' : COUNT.format(value);
}
