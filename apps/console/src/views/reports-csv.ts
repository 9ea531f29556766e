import { refusal } from '../api';
import type { ReportSpec } from './reports-catalog';

/** The most rows one report request may ask for (the API refuses limit above 10,000). */
export const CSV_LIMIT = 10_000;

/** The CSV file's name: the report and its filters, e.g. `phase-history_coeId-my-1.csv` (characters a file system dislikes become -). */
export function csvFileName(report: ReportSpec, filters: Record<string, string>): string {
  const parts = Object.entries(filters).map(([name, value]) => `${name}-${value}`);
  return `${[report.name, ...parts].join('_').replace(/[^A-Za-z0-9._-]+/g, '-')}.csv`;
}

/** The report's address at the API with these filters, every matching row (up to CSV_LIMIT). */
export function csvAddress(report: ReportSpec, filters: Record<string, string>): string {
  const query = new URLSearchParams({ ...filters, limit: String(CSV_LIMIT), offset: '0' });
  return `${report.path}?${query.toString()}`;
}

/**
 * Asks the API for the report as CSV (the key in the Authorization header, never in an address) and saves it as a file:
 * a Blob behind a temporary object URL, clicked as a download link.
 */
export async function downloadCsv(report: ReportSpec, filters: Record<string, string>, key: string): Promise<void> {
  const response = await fetch(csvAddress(report, filters), { headers: { accept: 'text/csv', authorization: `Bearer ${key}` } });
  if (!response.ok) throw new Error(`The CSV was not downloaded. ${refusal(response.status)}`);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = csvFileName(report, filters);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoked after the click has handed the Blob to the download.
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }
}
