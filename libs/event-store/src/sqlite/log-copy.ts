import { rmSync } from 'node:fs';
import type { LogCopy } from '../port';
import { SqliteStoreCopyReader } from './store-copy-reader';

/**
 * A copy of the store's file (`SqliteEventStore.copyForReading`), readied for read-only
 * connections: workers open `location` with `CopyStreamReader`.
 */
export class SqliteLogCopy implements LogCopy {
  private constructor(
    readonly location: string,
    readonly head: bigint,
  ) {}

  /** Readies a fresh backup for readers (see `SqliteStoreCopyReader.open`); removes it if it cannot. */
  static prepare(location: string, head: bigint): SqliteLogCopy {
    try {
      SqliteStoreCopyReader.open(location, true).close();
      return new SqliteLogCopy(location, head);
    } catch (error) {
      removeCopyFiles(location);
      throw error;
    }
  }

  sampleStreamIds(count: number): string[] {
    const reader = SqliteStoreCopyReader.open(this.location);
    try {
      return reader.sampleStreamIds(Number(this.head), count);
    } finally {
      reader.close();
    }
  }

  remove(): void {
    removeCopyFiles(this.location);
  }
}

export function removeCopyFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
