import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { EvidenceBundleError, ProofMismatch, ProofUnavailable } from '@apo/audit';
import type { EventStore } from '@apo/event-store';
import type { ReadStore } from '@apo/read-store';
import { TransparencyLogReader, TransparencyRangeError } from '@apo/shared-read-models';
import { CliError, type StoreOptions } from '../cli-context';
import { openReadDatabase, type ReadDatabaseOptions } from '../projections/read-database';
import { withStore } from './audit-context';

/** `--read-database` on the commands that read the transparency log (the tree lives beside the read models). */
export const readDatabaseOption = () =>
  new Option(
    '--read-database <url>',
    'read database holding the transparency log: postgres://…, sqlite:<file> or a file path (default: $READ_DATABASE_URL, else <data dir>/read.sqlite, as the API)',
  );

/** A tree size, leaf count or revision given on the command line: a whole number (no sign, no exponent), at most 2^53 - 1. */
export function wholeNumber(what: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d{1,16}$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected ${what} (a whole number, 0 or more)`);
    return n;
  };
}

/**
 * Opens the event store and the read store's transparency log, runs `use`, closes both. What the
 * log cannot prove yet (not in a signed checkpoint, no checkpoint of that size, a size beyond the
 * tree) and what does not verify are findings (exit 1), with the reason; see `withStore` for the rest.
 */
export async function withTransparencyLog<T>(
  options: StoreOptions & ReadDatabaseOptions,
  use: (store: EventStore, reader: TransparencyLogReader, readStore: ReadStore) => Promise<T>,
): Promise<T> {
  return withStore(options, async (store) => {
    const readStore = await openReadDatabase(options);
    try {
      return await use(store, new TransparencyLogReader(readStore.db), readStore);
    } catch (error) {
      if (error instanceof ProofUnavailable || error instanceof TransparencyRangeError || error instanceof EvidenceBundleError)
        throw new CliError(error.message, 1);
      if (error instanceof ProofMismatch) throw new CliError(`DOES NOT VERIFY: ${error.message}`, 1);
      throw error;
    } finally {
      await readStore.close();
    }
  });
}

/** The offline verifier script (tools/audit/verify-bundle.mjs) beside the sources or the build, undefined when this install lacks it. */
export function verifierScript(): string | undefined {
  return [resolve(__dirname, '../../../../tools/audit/verify-bundle.mjs'), resolve(__dirname, '../../../../../tools/audit/verify-bundle.mjs')].find((p) =>
    existsSync(p),
  );
}

/** A shell word: quoted unless plainly safe (paths and keys printed for the auditor to paste). */
export const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
