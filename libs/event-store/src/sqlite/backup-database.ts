import type Database from 'better-sqlite3';
import { close, fdatasync, openSync } from 'node:fs';

/** Pages (4 KiB) copied per step: a few milliseconds of the event loop each. */
const PAGES_PER_STEP = 512;

/**
 * SQLite's online backup of `db` into the new file `target`, a few pages per turn of the event
 * loop. SQLite syncs the finished copy in its last step, on the event loop: with a copy of a
 * large store that alone held the loop for a second or more. So what has been written so far is
 * synced as the copy goes, off the loop (libuv's pool), and the last step has little left to wait for.
 */
export async function backupDatabase(db: Database.Database, target: string): Promise<void> {
  let fd: number | undefined;
  let syncing: Promise<void> | undefined;
  const syncSoFar = () => {
    if (syncing) return;
    try {
      fd ??= openSync(target, 'r');
    } catch {
      return; // not created yet: the next step
    }
    const descriptor = fd;
    syncing = new Promise<void>((resolve) => fdatasync(descriptor, () => resolve())).then(() => void (syncing = undefined));
  };
  try {
    await db.backup(target, {
      progress: () => {
        syncSoFar();
        return PAGES_PER_STEP;
      },
    });
  } finally {
    await syncing;
    if (fd !== undefined) close(fd, () => undefined);
  }
}
