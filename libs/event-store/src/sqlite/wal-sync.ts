import { close, closeSync, existsSync, fsync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** Flushes the file's data to stable storage off the event loop (libuv's thread pool). */
export type FsyncFile = (fd: number, done: (error: Error | null) => void) => void;

/**
 * Makes committed WAL frames durable without blocking the event loop.
 *
 * The store runs SQLite with `synchronous=NORMAL` in WAL mode: a commit appends its frames to
 * the `-wal` file (in the OS page cache) and never fsyncs; SQLite itself syncs the WAL before a
 * checkpoint and the database after one, so the file is always consistent. An fsync of the WAL
 * file issued after a commit returned makes that commit (and every one before it) survive a power
 * cut: that is SQLite's FULL guarantee, with the wait moved to a pool thread. The group commit
 * acknowledges a batch only when an fsync started after the batch committed has completed.
 *
 * With `locking_mode=EXCLUSIVE` the connection keeps its WAL file for its whole life (SQLite
 * removes it only when the last connection closes), so one descriptor opened after the first
 * commit stays valid until `close()`.
 */
export class WalSync {
  private fd: number | undefined;
  /** The WAL's directory, fsynced once (with the first commit) so the file's entry is durable too. */
  private dirFd: number | undefined;
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly walFile: string,
    private readonly fsyncFile: FsyncFile = fsync,
  ) {}

  /**
   * At open: a WAL left by a process that died between a commit and its fsync holds frames that
   * are readable but maybe not on disk yet. One fsync before anything is served makes every
   * event the store will show durable.
   */
  syncLeftovers(): void {
    if (!existsSync(this.walFile)) return;
    const fd = openSync(this.walFile, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Resolves once everything written to the WAL before this call is on stable storage. */
  sync(): Promise<void> {
    if (this.fd === undefined) {
      // The WAL exists once a transaction has committed.
      this.fd = openSync(this.walFile, 'r');
      this.dirFd = openSync(dirname(this.walFile), 'r');
    }
    const first = this.dirFd;
    this.dirFd = undefined;
    this.inFlight++;
    const synced = Promise.all([this.fsyncOnce(this.fd), first === undefined ? undefined : this.fsyncOnce(first).finally(() => close(first, () => undefined))]);
    return synced.then(
      () => this.settled(),
      (error: unknown) => {
        this.settled();
        throw error;
      },
    );
  }

  /** Waits for the fsyncs under way, then releases the descriptor. */
  async close(): Promise<void> {
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.fd !== undefined) {
      const fd = this.fd;
      this.fd = undefined;
      await new Promise<void>((resolve) => close(fd, () => resolve()));
    }
  }

  private settled(): void {
    if (--this.inFlight > 0) return;
    const waiting = this.idle;
    this.idle = [];
    for (const resolve of waiting) resolve();
  }

  private fsyncOnce(fd: number): Promise<void> {
    return new Promise<void>((resolve, reject) => this.fsyncFile(fd, (error) => (error ? reject(error) : resolve())));
  }
}
