import type Database from 'better-sqlite3';
import type { AllFilter, JsonObject, RecordedEvent } from '../port';
import { parseStoredObject, storedObjectProblem } from '../unreadable-event';
import { hexToUuid } from './schema';

/**
 * One row of `events` as the driver returns it in raw mode: an array, in `COLUMNS`' order (no
 * object with named keys per row), the event id as lower-case hex from SQLite (no Buffer per
 * row), the position as a number (positions fit a double for 2^53 events).
 */
export type EventRow = [
  position: number,
  streamId: string,
  revision: number,
  eventIdHex: string,
  type: string,
  data: string,
  metadata: string,
  createdAt: string,
];

/** Every column of `events`, in `EventRow`'s order; select with a statement in `raw()` mode. */
export const COLUMNS = 'position, stream_id, revision, lower(hex(event_id)), type, data, metadata, created_at';

/** The row as the port's event: the same fields, types and key order whichever read produced it. */
export const toRecorded = (row: EventRow): RecordedEvent => ({
  streamId: row[1],
  revision: row[2],
  position: BigInt(row[0]),
  eventId: hexToUuid(row[3]),
  type: row[4],
  data: parse(row, 5),
  metadata: parse(row, 6),
  createdAt: row[7],
});

/** The stored JSON object of column 5 (data) or 6 (metadata); a damaged one throws `UnreadableEvent`. */
function parse(row: EventRow, column: 5 | 6): JsonObject {
  try {
    const value: unknown = JSON.parse(row[column]);
    if (storedObjectProblem(value, row[column]) === undefined) return value as JsonObject;
  } catch {
    // named below, with the event's place in the log
  }
  return parseStoredObject(row[column], column === 5 ? 'data' : 'metadata', {
    streamId: row[1],
    revision: row[2],
    position: row[0],
    type: row[4],
  }) as JsonObject;
}

/** Prepared once per store: statement compilation would otherwise dominate small appends. */
export const prepareStatements = (db: Database.Database) => ({
  lastRevision: db.prepare<[string], number>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1').pluck(),
  insert: db.prepare<[string, number, Buffer, string, string, string, string]>(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
  byEventId: db.prepare<[Buffer], { stream_id: string; revision: number; position: number }>(
    'SELECT stream_id, revision, position FROM events WHERE event_id = ?',
  ),
  // LIMIT -1 is SQLite for "no limit".
  // `position <= ?`: the durable head; rows committed but not yet fsynced are not shown.
  streamForwards: db
    .prepare<
      [string, number, number, number],
      EventRow
    >(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND position <= ? ORDER BY revision ASC LIMIT ?`)
    .raw(),
  streamBackwards: db
    .prepare<
      [string, number, number, number],
      EventRow
    >(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? AND position <= ? ORDER BY revision DESC LIMIT ?`)
    .raw(),
  head: db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(),
});

export type Statements = ReturnType<typeof prepareStatements>;

/**
 * Pages of the global log between two positions (both inclusive), filtered in SQL. The caller
 * bounds the position range as well as the row count, so a selective filter never turns one
 * page into a scan of the whole log that would block the event loop.
 */
export class LogPager {
  private readonly cache = new Map<string, Database.Statement<unknown[], EventRow>>();

  constructor(private readonly db: Database.Database) {}

  page(low: number, high: number, backwards: boolean, filter: AllFilter | undefined, limit: number): EventRow[] {
    const prefixes = filter?.streamPrefixes ?? [];
    const types = filter?.eventTypes ?? [];
    const key = `${backwards ? 'b' : 'f'}:${prefixes.length}:${types.length}`;
    let statement = this.cache.get(key);
    if (statement === undefined) {
      let sql = `SELECT ${COLUMNS} FROM events WHERE position BETWEEN ? AND ?`;
      // instr(...) = 1 is "starts with" without LIKE's wildcard and case-folding surprises.
      if (prefixes.length > 0) sql += ` AND (${prefixes.map(() => 'instr(stream_id, ?) = 1').join(' OR ')})`;
      if (types.length > 0) sql += ` AND type IN (${types.map(() => '?').join(', ')})`;
      sql += ` ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT ?`;
      statement = this.db.prepare<unknown[], EventRow>(sql).raw();
      this.cache.set(key, statement);
    }
    return statement.all(low, high, ...prefixes, ...types, limit);
  }
}
