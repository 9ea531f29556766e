import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, type StoreOptions } from '../cli-context';
import { rebuildProjections } from '../projections/projections-rebuild';
import type { ReadDatabaseOptions } from '../projections/read-database';
import { print, printJson } from '../audit/audit-context';
import { divergenceLines, readManifest, refuseEventStoreDb, storeFileName, syncDirectory, verifyStoreFile } from './backup-files';

export interface RestoreOptions extends StoreOptions, ReadDatabaseOptions {
  readonly from: string;
  readonly workers?: number;
  readonly json?: boolean;
  /** false (`--no-rebuild`): leave the read models as they are (rebuild them before the API takes writes). */
  readonly rebuild?: boolean;
}

/** The store's companion files SQLite may leave beside it. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Fails (exit 3) if a running API (or another coe command) holds the store `file`: probes for the write
 * lock and writes nothing, so the store is byte for byte what it was. Returns whether there is a
 * store (a damaged one too: what a restore is for; it is kept aside like any other).
 */
function refuseHeldStore(file: string): boolean {
  if (!existsSync(file)) return false;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 250 });
    db.prepare('BEGIN IMMEDIATE').run();
    db.prepare('ROLLBACK').run();
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      throw new CliError(`the current store ${file} is in use by another process (a running API, or another coe command, holds it): stop it first`, 3);
    if (!code.startsWith('SQLITE_NOTADB') && !code.startsWith('SQLITE_CORRUPT'))
      throw new CliError(`the current store ${file}: ${(error as Error).message}`, 3);
  } finally {
    db?.close();
  }
  return true;
}

/** Every file of the store `current` renamed with `suffix` (kept, never deleted). */
function moveAside(current: string, suffix: string): string {
  const kept = `${current}${suffix}`;
  if (existsSync(kept)) throw new CliError(`${kept} exists: refusing to overwrite a store kept aside`, 2);
  for (const side of ['', ...SIDE_FILES]) {
    if (existsSync(current + side)) renameSync(current + side, kept + side);
  }
  return kept;
}

/**
 * `coe restore --from DIR`: puts the backup's event store in place of the one in the data
 * directory (the API stopped). The backup is first copied beside the store and that
 * copy opened and verified (every stream replayed, hash chains, revisions; the manifest's event
 * count and digest when there is one): only a copy that verifies replaces the store, and the old
 * store is renamed `events.sqlite.before-restore-<time>`, never deleted. The backup directory is
 * only read. Exit 1 when the backup is damaged or does not verify (nothing changed), 3 when the
 * store is held by a running process.
 */
export async function restoreStore(options: RestoreOptions): Promise<void> {
  refuseEventStoreDb('coe restore', options.eventstore);
  const STORE_FILE_NAME = await storeFileName();
  const from = resolve(options.from);
  const backup = join(from, STORE_FILE_NAME);
  if (!existsSync(backup) || !statSync(backup).isFile())
    throw new CliError(`no backup in ${from} (expected ${STORE_FILE_NAME}, as \`coe backup --to\` writes)`, 2);
  const manifest = readManifest(from);
  const dataDir = resolve(options.dataDir ?? process.env.DATA_DIR ?? 'data');
  if (!existsSync(dataDir)) throw new CliError(`data directory ${dataDir} does not exist; check --data-dir or DATA_DIR`, 2);
  const current = join(dataDir, STORE_FILE_NAME);
  refuseHeldStore(current);

  const staged = join(dataDir, `${STORE_FILE_NAME}.restoring-${process.pid}`);
  const dropStaged = () => ['', ...SIDE_FILES].forEach((side) => rmSync(staged + side, { force: true }));
  dropStaged();
  try {
    copyFileSync(backup, staged);
    if (existsSync(`${backup}-wal`)) copyFileSync(`${backup}-wal`, `${staged}-wal`);
    const result = await verifyStoreFile(staged, `backup ${backup}`, options.workers).catch((error: unknown) => {
      if (error instanceof CliError && error.exitCode === 1) throw new CliError(`${error.message}; nothing was changed`, 1);
      throw error;
    });
    if (!result.ok) {
      print([`backup ${backup} does not verify:`, ...divergenceLines(result)].join('\n'));
      throw new CliError(`backup ${backup} does not verify; nothing was changed`, 1);
    }
    if (manifest && (manifest.digest !== result.digest || manifest.events !== result.events))
      throw new CliError(
        `backup ${backup} is not the copy its manifest describes (${manifest.events} events, digest ${manifest.digest}; found ${result.events} events, digest ${result.digest}): events were lost or added; nothing was changed`,
        1,
      );
    // Checked again just before the swap: a process may have started meanwhile.
    const kept = refuseHeldStore(current) ? moveAside(current, `.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`) : undefined;
    for (const side of ['', ...SIDE_FILES]) if (existsSync(staged + side)) renameSync(staged + side, current + side);
    syncDirectory(dataDir);
    // The read models may hold events the restored log no longer has, and would skip new events
    // written at those positions: rebuilt from the restored log before the API takes writes.
    const rebuilt = options.rebuild !== false;
    if (rebuilt) await rebuildProjections(undefined, { ...options, output: options.json ? process.stderr : process.stdout });
    const summary = {
      restored: current,
      from: backup,
      events: result.events,
      streams: result.streams,
      digest: result.digest,
      keptAside: kept ?? null,
      readModelsRebuilt: rebuilt,
    };
    if (options.json) return printJson(summary);
    print(
      [
        `restored ${result.events} events in ${result.streams} streams from ${backup} to ${summary.restored}`,
        'replay, hash chains and revisions: OK',
        `digest: ${result.digest}${manifest ? ' (matches the backup manifest)' : ' (no manifest: a copy made by hand)'}`,
        kept ? `the previous store is kept as ${kept}` : 'there was no store before',
        rebuilt
          ? 'the read models were rebuilt from the restored log'
          : 'next: `coe projections rebuild`, then start the API: the read store is ahead of the restored log, and would skip the new events written at the positions of the lost ones',
        'events written after the backup are gone: the transparency self-check names them (AUDIT_ALARM) until an admin acknowledges it',
      ].join('\n'),
    );
  } finally {
    dropStaged();
  }
}
