/**
 * One CSV field. Quoted when it holds a separator, quote or line break; and a text that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) is prefixed with an
 * apostrophe, since names and addresses come from the network, not from us.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV text (RFC 4180: CRLF line ends, a final CRLF). */
export function csvText(header: readonly string[], rows: Iterable<readonly (string | number | null)[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Offers `text` as a file download named `fileName` (a Blob URL: no request leaves the page). */
export function downloadCsv(text: string, fileName: string): void {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
