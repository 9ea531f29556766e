import Database from 'better-sqlite3';
import type { RecordedEvent } from '../port';
import { mapSqliteError } from './open-database';
import { COLUMNS, toRecorded, type EventRow } from './rows';

/**
 * Read-only access to a copy of the store's file (`SqliteEventStore.copyTo`), which nothing
 * writes to any more: any number of connections, in any thread, read it at once. Events are
 * decoded exactly as the store's own reads decode them.
 */
export class SqliteStoreCopyReader {
  private readonly db: Database.Database;
  private readonly bounded: Database.Statement<[string, string, number], EventRow>;
  private readonly open: Database.Statement<[string, number], EventRow>;

  private constructor(readonly file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    // Through the (stream_id, revision) key's index: stream by stream, each in revision order.
    const sql = (upper: string) => `SELECT ${COLUMNS} FROM events WHERE stream_id >= ? ${upper} AND position <= ? ORDER BY stream_id, revision`;
    this.bounded = this.db.prepare<[string, string, number], EventRow>(sql('AND stream_id < ?')).raw();
    this.open = this.db.prepare<[string, number], EventRow>(sql('')).raw();
  }

  /**
   * Opens a copy. A fresh backup is still marked WAL; pass `prepare` once (before any reader
   * opens it) to turn it into a plain rollback-journal file that read-only connections share.
   */
  static open(file: string, prepare = false): SqliteStoreCopyReader {
    try {
      if (prepare) {
        const db = new Database(file, { fileMustExist: true });
        db.pragma('journal_mode = DELETE');
        db.close();
      }
      return new SqliteStoreCopyReader(file);
    } catch (error) {
      throw mapSqliteError(error, file);
    }
  }

  /**
   * Every event at a position up to `head` of the streams whose ids are in [from, to) (binary
   * order; `to` undefined: no upper bound), stream by stream in id order, each as `readStream`
   * returns it (revision order).
   */
  *streams(from: string, to: string | undefined, head: number): Generator<RecordedEvent> {
    try {
      const rows = to === undefined ? this.open.iterate(from, head) : this.bounded.iterate(from, to, head);
      for (const row of rows) yield toRecorded(row);
    } catch (error) {
      throw mapSqliteError(error, this.file);
    }
  }

  /**
   * Stream ids of events at `count` positions spread evenly over 1..`head`, sorted in the order
   * `streams` uses: an event-weighted sample, to cut the streams into ranges of similar size.
   */
  sampleStreamIds(head: number, count: number): string[] {
    const positions = Array.from({ length: count }, (_, i) => 1 + Math.floor((i * head) / count));
    return this.db
      .prepare<[string], string>('SELECT stream_id FROM events WHERE position IN (SELECT value FROM json_each(?)) ORDER BY stream_id')
      .pluck()
      .all(JSON.stringify(positions));
  }

  close(): void {
    this.db.close();
  }
}
