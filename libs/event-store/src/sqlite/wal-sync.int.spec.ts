import { randomUUID } from 'node:crypto';
import { fsync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend, RecordedEvent } from '../port';
import { EventStoreError } from './event-store-error';
import { openDatabase } from './open-database';
import { SqliteEventStore } from './sqlite-event-store';
import { WalSync, type FsyncFile } from './wal-sync';

const event = (): EventToAppend => ({ eventId: randomUUID(), type: 'Tested', data: { n: 1 }, metadata: {} });
const collect = async (events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
};
const settledState = async (promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> => {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  return state;
};

/** A durable store whose WAL fsyncs wait until the test lets them through (or fails them). */
function storeWithHeldFsync() {
  const dir = mkdtempSync(join(tmpdir(), 'apo-walsync-'));
  const file = join(dir, 'events.sqlite');
  const held: { fd: number; done: (error: Error | null) => void }[] = [];
  const fsyncFile: FsyncFile = (fd, done) => held.push({ fd, done });
  const db = openDatabase(file, 'FULL');
  db.pragma('synchronous = NORMAL');
  const store = new SqliteEventStore(db, file, new WalSync(`${file}-wal`, fsyncFile));
  const release = () => held.splice(0).forEach(({ fd, done }) => fsync(fd, done));
  const failAll = () => held.splice(0).forEach(({ done }) => done(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })));
  return { store, held, release, failAll, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('durable appends: the WAL fsync off the event loop', () => {
  it('acknowledges an append only after the fsync that followed its commit, and shows it to readers only then', async () => {
    const { store, held, release, cleanup } = storeWithHeldFsync();
    try {
      const first = event();
      const append = store.appendToStream('walsync-1', [first], 'no_stream');
      expect(await settledState(append)).toBe('pending');
      // The WAL, and (with the first commit only) its directory.
      expect(held).toHaveLength(2);
      // Committed to the WAL but not yet durable: no reader sees it.
      expect(await store.readStream('walsync-1')).toEqual([]);
      expect(await collect(store.readAll())).toEqual([]);
      release();
      expect(await append).toEqual({ nextExpectedRevision: 0, position: 1n });
      expect((await store.readStream('walsync-1')).map((e) => e.eventId)).toEqual([first.eventId]);
      expect((await collect(store.readAll())).map((e) => e.eventId)).toEqual([first.eventId]);
    } finally {
      release();
      await store.close();
      cleanup();
    }
  });

  it('keeps the event loop free while an fsync is under way: the next batch commits meanwhile', async () => {
    const { store, held, release, cleanup } = storeWithHeldFsync();
    try {
      const a = store.appendToStream('walsync-a', [event()], 'no_stream');
      await settledState(a);
      const b = store.appendToStream('walsync-b', [event()], 'no_stream');
      await settledState(b);
      expect(held).toHaveLength(3);
      expect(store.stats.transactions).toBe(2);
      release();
      expect((await Promise.all([a, b])).map((r) => r.position)).toEqual([1n, 2n]);
    } finally {
      release();
      await store.close();
      cleanup();
    }
  });

  it('refuses the batch and every later append with STORE_IO when an fsync fails', async () => {
    const { store, failAll, release, cleanup } = storeWithHeldFsync();
    try {
      const append = store.appendToStream('walsync-io', [event()], 'no_stream');
      await settledState(append);
      failAll();
      await expect(append).rejects.toMatchObject({ code: 'STORE_IO', message: expect.stringContaining('fsync of the write-ahead log failed') });
      const later = await store.appendToStream('walsync-other', [event()], 'no_stream').catch((error: unknown) => error);
      expect(later).toBeInstanceOf(EventStoreError);
      expect((later as EventStoreError).code).toBe('STORE_IO');
      expect(await collect(store.readAll())).toEqual([]);
    } finally {
      release();
      await store.close();
      cleanup();
    }
  });

  it('on close, waits for the fsyncs under way and settles every accepted append', async () => {
    const { store, release, cleanup } = storeWithHeldFsync();
    try {
      const appends = [store.appendToStream('walsync-c1', [event()], 'no_stream'), store.appendToStream('walsync-c2', [event()], 'no_stream')];
      const closing = store.close();
      await settledState(closing);
      release();
      await closing;
      expect(await Promise.all(appends)).toHaveLength(2);
    } finally {
      cleanup();
    }
  });
});

describe('durable appends when the WAL cannot be opened for its fsync', () => {
  it('refuses the batch with STORE_IO instead of crashing the process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apo-walsync-'));
    const file = join(dir, 'events.sqlite');
    const db = openDatabase(file, 'FULL');
    db.pragma('synchronous = NORMAL');
    const store = new SqliteEventStore(db, file, new WalSync(join(dir, 'missing', 'events.sqlite-wal')));
    try {
      await expect(store.appendToStream('walsync-open', [event()], 'no_stream')).rejects.toMatchObject({ code: 'STORE_IO' });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
