import Database from 'better-sqlite3';
import { join } from 'node:path';
import { STORE_FILE_NAME } from '@apo/event-store/sqlite';

/** One stored event as the SQLite store's file holds it (data as JSON text). */
export interface StoredRow {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
}

/**
 * The `events` table of a closed SQLite event store, edited in place: what a log written before
 * the input policy, or bytes damaged on disk, look like to the projections. The store must be
 * closed (it holds its file exclusively).
 */
export class DamagedLog {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, STORE_FILE_NAME));
  }

  /** Every stored event, in log order. */
  rows(): StoredRow[] {
    return this.db.prepare('SELECT position, stream_id AS streamId, revision, type, data FROM events ORDER BY position').all() as StoredRow[];
  }

  /** The first stored event of `type` whose stream is none of `not`. */
  first(type: string, not: readonly string[] = []): StoredRow {
    const row = this.rows().find((r) => r.type === type && !not.includes(r.streamId));
    if (!row) throw new Error(`no ${type} event outside ${not.join(', ')}`);
    return row;
  }

  /** Sets the data of the event at `position` (as JSON: `JSON.stringify` writes a NUL or a lone surrogate as an escape). */
  setData(position: number, data: Record<string, unknown>): void {
    this.setRawData(position, JSON.stringify(data));
  }

  /** Overwrites the stored data text of the event at `position` (anything, e.g. JSON cut short). */
  setRawData(position: number, text: string): void {
    this.db.prepare('UPDATE events SET data = ? WHERE position = ?').run(text, position);
  }

  close(): void {
    this.db.close();
  }
}
