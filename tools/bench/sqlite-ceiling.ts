import Database from 'better-sqlite3';
import { join } from 'node:path';
import { msSince, percentile, RssSampler } from './stats';
import { coeEvent, removeDir, scratchDir } from './workload';

/** Same shape as the store's table, so the only difference measured is the adapter's own work. */
const TABLE = `CREATE TABLE events (
  position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id BLOB NOT NULL UNIQUE,
  type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (stream_id, revision)) STRICT`;

export interface RawRun {
  readonly eventsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly peakRssMiB: number;
}

/**
 * `transactions` transactions of `perTransaction` inserts each (JSON serialised per insert),
 * spread round-robin over `streams` streams like the store figure it stands beside: each stream
 * written in a commit dirties its own index page, so the stream count is part of the cost.
 */
export const rawInsert = (synchronous: 'FULL' | 'NORMAL', transactions: number, perTransaction: number, streams = 1): RawRun => {
  const dir = scratchDir();
  const db = new Database(join(dir, 'raw.sqlite'));
  // The store's own settings, so the ceiling differs from the store only by the adapter's work.
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('cache_size = -32768');
  db.pragma('wal_autocheckpoint = 4000');
  db.exec(TABLE);
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const events = Array.from({ length: transactions * perTransaction }, (_, i) => coeEvent(i));
  const revisions = new Array<number>(streams).fill(0);
  const write = db.transaction((from: number) => {
    const now = new Date().toISOString();
    for (let i = from; i < from + perTransaction; i++) {
      const e = events[i];
      const stream = i % streams;
      insert.run(
        `coe-${stream}`,
        revisions[stream]++,
        Buffer.from(e.eventId.replace(/-/g, ''), 'hex'),
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
        now,
      );
    }
  });
  const rss = new RssSampler();
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  for (let t = 0; t < transactions; t++) {
    const begin = process.hrtime.bigint();
    write.immediate(t * perTransaction);
    latencies.push(msSince(begin));
  }
  const elapsed = msSince(start);
  const peakRssMiB = rss.stop();
  db.close();
  removeDir(dir);
  return { eventsPerSecond: events.length / (elapsed / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), peakRssMiB };
};

/** One read of the store file written by the store section, with the same JSON parsing; closes after. */
export const rawReads = (file: string) => {
  const db = new Database(file, { readonly: true });
  const stream = db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision >= 0 ORDER BY revision');
  const all = db.prepare('SELECT * FROM events ORDER BY position');
  const parse = (row: { event_id: Buffer; data: string; metadata: string }) => ({
    ...row,
    eventId: row.event_id.toString('hex'),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  });
  const readStream = (): RawRun => {
    try {
      return readStreamOnce();
    } finally {
      db.close();
    }
  };
  const readStreamOnce = (): RawRun => {
    const rss = new RssSampler();
    const latencies: number[] = [];
    const start = process.hrtime.bigint();
    let count = 0;
    for (let i = 0; i < 50; i++) {
      const t = process.hrtime.bigint();
      count += (stream.all(`coe-${i % 50}`) as { event_id: Buffer; data: string; metadata: string }[]).map(parse).length;
      latencies.push(msSince(t));
    }
    return { eventsPerSecond: count / (msSince(start) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), peakRssMiB: rss.stop() };
  };
  const readAll = (): RawRun => {
    try {
      return readAllOnce();
    } finally {
      db.close();
    }
  };
  const readAllOnce = (): RawRun => {
    const rss = new RssSampler();
    const start = process.hrtime.bigint();
    let count = 0;
    for (const row of all.iterate() as IterableIterator<{ event_id: Buffer; data: string; metadata: string }>) if (parse(row)) count++;
    return { eventsPerSecond: count / (msSince(start) / 1000), p50: -1, p99: -1, peakRssMiB: rss.stop() };
  };
  return { readStream, readAll };
};
