import { closeSync, fsyncSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditRegistry, describeDivergence, verifyStore, type StoreVerification } from '@apo/audit';
import { CliError } from '../cli-context';

/** The embedded store's adapter, loaded on use (as `openStore` does: the CLI also runs against EventStoreDB). */
export const sqliteAdapter = () => import('@apo/event-store/sqlite');

/** The embedded store's file name in a data directory (`STORE_FILE_NAME` of the adapter). */
export const storeFileName = async (): Promise<string> => (await sqliteAdapter()).STORE_FILE_NAME;

/** What `coe backup` writes beside the copy, and `coe restore` holds the copy to. */
export const MANIFEST_FILE_NAME = 'backup.json';
export const MANIFEST_FORMAT = 'apo-backup/1';

/** The manifest of a backup directory: what the copy held when it was made. */
export interface BackupManifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** ISO instant the copy was finished. */
  readonly createdAt: string;
  /** The store file copied. */
  readonly source: string;
  readonly events: number;
  readonly streams: number;
  /** `coe audit seal`'s digest over every stream's head: a backup that lost or gained an event no longer gives it. */
  readonly digest: string;
}

/** The `EVENT_STORE=eventstoredb` case: these commands copy the embedded store only. */
export function refuseEventStoreDb(command: string, eventstore: string | undefined): void {
  if (eventstore !== undefined || process.env.EVENT_STORE === 'eventstoredb')
    throw new CliError(
      `${command} copies the embedded SQLite store only; back up EventStoreDB with the vendor's procedure (docs/operations.md, "EventStoreDB")`,
      2,
    );
}

/** A store error as the operator's message: a held store names the process to stop, a damaged file says so. */
export function storeProblem(error: unknown, what: string): unknown {
  // The adapter's EventStoreError, told by its name: the adapter is loaded lazily, so no `instanceof`.
  if (!(error instanceof Error) || error.name !== 'EventStoreError') return error;
  const code = (error as Error & { code: string }).code;
  if (code === 'STORE_LOCKED') return new CliError(`${what} is in use by another process (a running API, or another coe command, holds it): stop it first`, 3);
  if (code === 'STORE_CORRUPT') {
    const sqlite = (error.cause as { code?: unknown } | undefined)?.code;
    return new CliError(`${what} is not a valid event store or is damaged${typeof sqlite === 'string' ? ` (${sqlite})` : ''}`, 1);
  }
  if (code === 'STORE_SCHEMA_TOO_NEW') return new CliError(`${what}: ${error.message}`, 1);
  return new CliError(`${what}: ${error.message}`, 3);
}

/**
 * Opens a store file (a fresh copy, never the original of a backup: opening migrates and checkpoints
 * it) and replays every stream through its definition, as `coe audit verify` does.
 */
export async function verifyStoreFile(file: string, what: string, workers: number | undefined): Promise<StoreVerification> {
  let store;
  try {
    store = await (await sqliteAdapter()).openSqliteEventStore({ file });
  } catch (error) {
    throw storeProblem(error, what);
  }
  try {
    return await verifyStore(store, { registry: auditRegistry(), workers });
  } catch (error) {
    throw storeProblem(error, what);
  } finally {
    await store.close();
  }
}

/** The first divergences of a failed verification, one line each. */
export const divergenceLines = (result: StoreVerification): string[] => [
  `${result.divergenceCount} divergences in ${result.brokenStreams} streams`,
  ...result.divergences.slice(0, 10).map((d) => `  ${describeDivergence(d)}`),
];

export function writeManifest(dir: string, manifest: BackupManifest): void {
  writeFileSync(join(dir, MANIFEST_FILE_NAME), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
}

/** The manifest of a backup directory, or undefined when there is none (a copy made by hand); a malformed one is refused. */
export function readManifest(dir: string): BackupManifest | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST_FILE_NAME), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`${join(dir, MANIFEST_FILE_NAME)}: ${(error as Error).message}`, 2);
  }
  try {
    const manifest = JSON.parse(text) as Partial<BackupManifest>;
    if (manifest.format === MANIFEST_FORMAT && typeof manifest.digest === 'string' && typeof manifest.events === 'number') return manifest as BackupManifest;
  } catch {
    // reported below
  }
  throw new CliError(`${join(dir, MANIFEST_FILE_NAME)} is not a backup manifest (${MANIFEST_FORMAT})`, 1);
}

/** Makes a rename or a new file in `dir` durable. */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
