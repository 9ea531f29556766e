import { readModelProjections, projectionStatus, type FailedEvent, type ProjectionStatus } from '@apo/projections';
import { openStore, registry, type StoreOptions } from '../cli-context';
import { openReadDatabase, type ReadDatabaseOptions } from './read-database';

export interface StatusOptions extends StoreOptions, ReadDatabaseOptions {
  readonly json?: boolean;
}

/** `coe projections status`: where every projection stands against the head of the log. */
export async function printProjectionsStatus(options: StatusOptions): Promise<void> {
  const store = await openStore(options);
  try {
    const readStore = await openReadDatabase(options);
    try {
      const projections = await projectionStatus(store, readStore, readModelProjections({ registry: registry(), store }));
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ readStore: readStore.location, projections }, null, 2)}\n`);
      } else {
        process.stdout.write(`read store ${readStore.location}\n${statusTable(projections)}${failedEventsText(projections)}`);
      }
    } finally {
      await readStore.close();
    }
  } finally {
    await store.close();
  }
}

const COLUMNS = ['projection', 'version', 'position', 'head', 'lag (events)', 'behind (s)', 'rebuilding', 'failed'] as const;

/** A plain text table, numbers right-aligned; a capped lag reads "10000+" (at least that many). */
export function statusTable(rows: readonly ProjectionStatus[]): string {
  const cells = rows.map((s) => [
    s.name,
    String(s.version),
    s.position,
    s.headPosition,
    `${s.lagEvents}${s.lagCapped ? '+' : ''}`,
    String(s.secondsBehind),
    s.rebuilding ? 'yes' : 'no',
    String(s.failedEvents),
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...cells.map((row) => row[i].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === 0 || i === row.length - 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), ...cells.map(line)].map((l) => `${l}\n`).join('');
}

/** One line per failed event: where it is, whose it is, what went wrong. */
const failedEventLine = (f: FailedEvent): string =>
  `  position ${f.position}  ${f.projection}  ${f.streamId}@${f.revision}${f.type === null ? '' : ` ${f.type}`}: ${f.error}`;

/** Below the table: the events the projections skipped (the first ones of each), or nothing. */
export function failedEventsText(rows: readonly ProjectionStatus[]): string {
  const total = rows.reduce((sum, s) => sum + s.failedEvents, 0);
  if (total === 0) return '';
  const shown = rows.flatMap((s) => s.failed).sort((a, b) => Number(BigInt(a.position) - BigInt(b.position)) || (a.projection < b.projection ? -1 : 1));
  const more = total > shown.length ? `  ... and ${total - shown.length} more\n` : '';
  return `\n${total} failed event${total === 1 ? '' : 's'}, skipped until the projection is rebuilt (docs/projections.md):\n${shown.map((f) => `${failedEventLine(f)}\n`).join('')}${more}`;
}
