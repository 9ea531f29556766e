import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, type StoreOptions } from '../cli-context';
import { print, printJson } from '../audit/audit-context';
import {
  divergenceLines,
  refuseEventStoreDb,
  sqliteAdapter,
  storeProblem,
  syncDirectory,
  verifyStoreFile,
  writeManifest,
  type BackupManifest,
  MANIFEST_FORMAT,
} from './backup-files';

export interface BackupOptions extends StoreOptions {
  readonly to: string;
  readonly workers?: number;
  readonly json?: boolean;
}

/**
 * `coe backup --to DIR`: a consistent copy of the embedded event store (SQLite's online backup of
 * the open store) into a new or empty directory, verified (every stream replayed, hash chains,
 * revisions) and described by a manifest (event count and the seal digest). The store must not be
 * held by a running API (it is opened exclusively); exit 1 if the copy does not verify.
 */
export async function backupStore(options: BackupOptions): Promise<void> {
  refuseEventStoreDb('coe backup', options.eventstore);
  const { openSqliteEventStore, STORE_FILE_NAME } = await sqliteAdapter();
  const dataDir = resolve(options.dataDir ?? process.env.DATA_DIR ?? 'data');
  const source = join(dataDir, STORE_FILE_NAME);
  if (!existsSync(source)) throw new CliError(`no event store in ${dataDir} (expected ${STORE_FILE_NAME}); check --data-dir or DATA_DIR`, 3);
  const target = resolve(options.to);
  if (existsSync(target) && readdirSync(target).length > 0) throw new CliError(`--to ${target} is not empty: a backup goes into a new or empty directory`, 2);
  mkdirSync(target, { recursive: true });

  let store;
  try {
    store = await openSqliteEventStore({ dataDir });
  } catch (error) {
    throw storeProblem(error, `event store ${source}`);
  }
  // The copy's name while it is written: a directory holding only this is an unfinished backup.
  const partial = join(target, `${STORE_FILE_NAME}.partial`);
  try {
    await store.copyTo(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw storeProblem(error, `copying ${source} to ${target}`);
  } finally {
    await store.close();
  }

  // The copy is verified as a fresh copy of itself would be at restore: opened, replayed, digested.
  const result = await verifyStoreFile(partial, `the copy ${partial}`, options.workers);
  if (!result.ok) {
    print([`the copy in ${target} does not verify (the store itself does not: run \`coe audit verify\`):`, ...divergenceLines(result)].join('\n'));
    throw new CliError(`backup not finished: ${partial} left for inspection`, 1);
  }
  const file = join(target, STORE_FILE_NAME);
  renameSync(partial, file);
  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    createdAt: new Date().toISOString(),
    source,
    events: result.events,
    streams: result.streams,
    digest: result.digest,
  };
  writeManifest(target, manifest);
  syncDirectory(target);
  if (options.json) return printJson({ file, ...manifest });
  print(
    [
      `backed up ${result.events} events in ${result.streams} streams to ${file}`,
      'replay, hash chains and revisions of the copy: OK',
      `digest: ${result.digest} (in ${MANIFEST_FORMAT} manifest backup.json)`,
      'not in this backup: the transparency signing key and witness files (copy them apart), the read store (rebuilt from the log)',
    ].join('\n'),
  );
}
