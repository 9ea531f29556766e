/**
 * CSV (RFC 4180): a header row, CRLF line ends, and fields quoted when they hold a comma, a
 * quote, CR or LF (quotes doubled). `null`/`undefined` become empty fields; other values their
 * `String()`. Columns are the first row's keys unless given: query rows keep a stable key order.
 */
export function toCsv(rows: readonly object[], columns?: readonly string[]): string {
  const header = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  if (header.length === 0) return '';
  const lines = [header.map(field).join(',')];
  for (const row of rows) lines.push(header.map((c) => field((row as Record<string, unknown>)[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
