import { join, resolve } from 'node:path';
import { openReadStore, ReadStoreError, type ReadStore } from '@apo/read-store';
import { CliError } from '../cli-context';

/** Where the projections' read database lives: the flag, else the same defaults as the API. */
export interface ReadDatabaseOptions {
  readonly readDatabase?: string;
  readonly dataDir?: string;
}

/** `--read-database`, else `$READ_DATABASE_URL`, else `<data dir>/read.sqlite` (data dir: flag, `$DATA_DIR`, `data`). */
export function readDatabaseUrl(options: ReadDatabaseOptions): string {
  return options.readDatabase ?? process.env.READ_DATABASE_URL ?? join(resolve(options.dataDir ?? process.env.DATA_DIR ?? 'data'), 'read.sqlite');
}

/**
 * Opens (and migrates) the read database. A URL that cannot be right is bad usage (exit 2);
 * a database that cannot be reached, is damaged or is newer than this software: exit 3.
 */
export async function openReadDatabase(options: ReadDatabaseOptions): Promise<ReadStore> {
  try {
    return await openReadStore({ url: readDatabaseUrl(options) });
  } catch (error) {
    if (!(error instanceof ReadStoreError)) throw error;
    throw new CliError(`--read-database: ${error.message} [${error.code}]`, error.code === 'READ_STORE_BAD_URL' ? 2 : 3);
  }
}
