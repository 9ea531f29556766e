import Database from 'better-sqlite3';
import type { ClientConfig } from 'pg';

/** Proof that this process is the one runner of a read store, until `release()` (or death). */
export interface Lease {
  /** True once the lease is gone without `release()` (the PostgreSQL session died). */
  readonly lost: boolean;
  release(): Promise<void>;
}

/**
 * SQLite: an exclusive lock on a side file (`<read store>.lease`), held by an open transaction.
 * The OS drops the lock when the process dies, even on SIGKILL, so a crashed runner never leaves
 * a lease that others must wait out; SQLite also arbitrates between connections of one process.
 */
export function trySqliteLease(file: string): Lease | undefined {
  const db = new Database(`${file}.lease`, { timeout: 0 });
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return undefined;
    throw error;
  }
  let released = false;
  return {
    lost: false,
    release: async () => {
      if (released) return;
      released = true;
      db.close();
    },
  };
}

/** Both keys of the advisory lock: a constant for "projection runner" and one per schema. */
const LOCK_SQL = "SELECT pg_try_advisory_lock(hashtext('apo-projection-runner'), hashtext(current_schema())) AS locked";

/**
 * PostgreSQL: a session advisory lock on a dedicated connection kept for the runner's life. The
 * server frees it when that session ends, including when the runner's process is killed.
 */
export async function tryPostgresLease(config: ClientConfig): Promise<Lease | undefined> {
  const { Client } = await import('pg');
  const client = new Client(config);
  let lost = false;
  let released = false;
  // Without a listener a dropped connection would crash the process; here it ends the lease.
  client.on('error', () => {
    lost = true;
  });
  client.on('end', () => {
    if (!released) lost = true;
  });
  await client.connect();
  try {
    const result = await client.query<{ locked: boolean }>(LOCK_SQL);
    if (!result.rows[0]?.locked) {
      released = true;
      await client.end();
      return undefined;
    }
  } catch (error) {
    released = true;
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    get lost() {
      return lost;
    },
    release: async () => {
      if (released) return;
      released = true;
      await client.end().catch(() => undefined);
    },
  };
}
