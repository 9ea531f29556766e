import { readModelProjections, projectionStatus, type ProjectionStatus } from '@apo/projections';
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
        process.stdout.write(`read store ${readStore.location}\n${statusTable(projections)}`);
      }
    } finally {
      await readStore.close();
    }
  } finally {
    await store.close();
  }
}

const COLUMNS = ['projection', 'version', 'position', 'head', 'lag (events)', 'behind (s)', 'rebuilding'] as const;

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
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...cells.map((row) => row[i].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === 0 || i === row.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), ...cells.map(line)].map((l) => `${l}\n`).join('');
}
