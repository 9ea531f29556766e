import Database from 'better-sqlite3';
import { join } from 'node:path';
import { hashEvent } from '@apo/engine';
import { hexToUuid, STORE_FILE_NAME } from '@apo/event-store/sqlite';

interface Row {
  position: number;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

/**
 * What an attacker (or a bug) with write access to the SQLite file can do to the `events` table,
 * bypassing the store. The store must be closed: it holds the file exclusively.
 */
export class Tamper {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, STORE_FILE_NAME));
  }

  row(streamId: string, revision: number): Row {
    const row = this.db
      .prepare('SELECT position, stream_id, revision, type, data, metadata FROM events WHERE stream_id = ? AND revision = ?')
      .get(streamId, revision) as Row | undefined;
    if (!row) throw new Error(`no event ${streamId}@${revision}`);
    return row;
  }

  /** Every event, in log order. */
  all(): Row[] {
    return this.db.prepare('SELECT position, stream_id, revision, type, data, metadata FROM events ORDER BY position').all() as Row[];
  }

  /** The log's newest event. */
  newest(): Row {
    return this.db.prepare('SELECT position, stream_id, revision, type, data, metadata FROM events ORDER BY position DESC LIMIT 1').get() as Row;
  }

  lastRevision(streamId: string): number {
    return this.db.prepare('SELECT max(revision) FROM events WHERE stream_id = ?').pluck().get(streamId) as number;
  }

  /** json_set on the data or metadata column of one event. */
  edit(streamId: string, revision: number, column: 'data' | 'metadata', path: string, value: unknown): void {
    this.db
      .prepare(`UPDATE events SET ${column} = json_set(${column}, ?, json(?)) WHERE stream_id = ? AND revision = ?`)
      .run(path, JSON.stringify(value), streamId, revision);
  }

  /**
   * Overwrites the stored data or metadata of one event with any bytes: text that is not JSON, JSON
   * that is not an object, bytes that are not even UTF-8 (SQLite does not check what it is cast to TEXT).
   */
  overwrite(streamId: string, revision: number, column: 'data' | 'metadata', bytes: string | Buffer): void {
    this.db.prepare(`UPDATE events SET ${column} = CAST(? AS TEXT) WHERE stream_id = ? AND revision = ?`).run(bytes, streamId, revision);
  }

  /** Moves every event of a stream to another stream id (any text, e.g. one an older writer let through). */
  renameStream(streamId: string, to: string): void {
    this.db.prepare('UPDATE events SET stream_id = ? WHERE stream_id = ?').run(to, streamId);
  }

  delete(streamId: string, revision: number): void {
    this.db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = ?').run(streamId, revision);
  }

  /** Renumbers one event (to any integer, e.g. a negative one the store never writes). */
  renumber(streamId: string, revision: number, to: number): void {
    this.db.prepare('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?').run(to, streamId, revision);
  }

  /** Overwrites one event's stored id (16 bytes as the store writes it, or any other blob). */
  setEventId(streamId: string, revision: number, bytes: Buffer): void {
    this.db.prepare('UPDATE events SET event_id = ? WHERE stream_id = ? AND revision = ?').run(bytes, streamId, revision);
  }

  /** Deletes every event of a stream (the stream is gone from the log). */
  deleteStream(streamId: string): number {
    return this.db.prepare('DELETE FROM events WHERE stream_id = ?').run(streamId).changes;
  }

  /**
   * Re-chains a stream from `revision` on as a forger who knows the algorithm would: each event's
   * prevHash becomes the previous event's hash and its hash is recomputed (`hashEvent`), so the
   * per-stream chain verifies again over whatever was edited.
   */
  rechain(streamId: string, revision: number): void {
    const rows = this.db
      .prepare('SELECT revision, lower(hex(event_id)) AS id, type, data, metadata FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision')
      .all(streamId, revision) as { revision: number; id: string; type: string; data: string; metadata: string }[];
    let prevHash = revision === 0 ? undefined : (JSON.parse(this.row(streamId, revision - 1).metadata) as { hash: string }).hash;
    const update = this.db.prepare('UPDATE events SET metadata = ? WHERE stream_id = ? AND revision = ?');
    this.db.transaction(() => {
      for (const row of rows) {
        const { hash: _old, ...metadata } = JSON.parse(row.metadata) as Record<string, unknown>;
        if (prevHash !== undefined) metadata.prevHash = prevHash;
        const hash = hashEvent({ streamId, revision: row.revision, eventId: hexToUuid(row.id), type: row.type, data: JSON.parse(row.data), metadata });
        update.run(JSON.stringify({ ...metadata, hash }), streamId, row.revision);
        prevHash = hash;
      }
    })();
  }

  /** Two consecutive events trade places in the stream (their revision numbers are swapped). */
  swap(streamId: string, revision: number): void {
    const set = this.db.prepare('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?');
    this.db.transaction(() => {
      set.run(-1, streamId, revision);
      set.run(revision, streamId, revision + 1);
      set.run(revision + 1, streamId, -1);
    })();
  }

  /**
   * Inserts a forged copy of `template`'s event at `revision`, renumbering the events from there
   * on. With `rechain` the forger recomputes its prevHash and hash (knowing the algorithm), so the
   * forged event itself looks valid; without, its hash is garbage.
   */
  insert(streamId: string, revision: number, template: { type: string; data: object; from: string; to: string }, rechain: boolean): void {
    const previous = this.row(streamId, revision - 1);
    const prevMeta = JSON.parse(previous.metadata) as Record<string, unknown>;
    const eventId = '00000000-0000-4000-8000-00000000f0f0';
    const partial = {
      ...prevMeta,
      from: template.from,
      to: template.to,
      commandId: 'forged',
      correlationId: 'forged',
      causationId: 'forged',
      prevHash: rechain ? prevMeta.hash : 'f'.repeat(64),
    };
    delete (partial as { hash?: unknown }).hash;
    const hash = rechain ? hashEvent({ streamId, revision, eventId, type: template.type, data: template.data, metadata: partial }) : 'e'.repeat(64);
    this.db.transaction(() => {
      this.db.prepare('UPDATE events SET revision = -(revision + 1) WHERE stream_id = ? AND revision >= ?').run(streamId, revision);
      this.db.prepare('UPDATE events SET revision = -revision WHERE stream_id = ? AND revision < 0').run(streamId);
      this.db
        .prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(
          streamId,
          revision,
          Buffer.from(eventId.replace(/-/g, ''), 'hex'),
          template.type,
          JSON.stringify(template.data),
          JSON.stringify({ ...partial, hash }),
          new Date().toISOString(),
        );
    })();
  }

  close(): void {
    this.db.close();
  }
}
