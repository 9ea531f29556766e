import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ConcurrencyError } from '@apo/engine';
import { describeEventStoreConformance } from '../testing';
import type { EventToAppend, SubscriptionMessage } from '../port';
import { MAX_JSON_DEPTH } from '../json-depth';
import { UnreadableEvent } from '../unreadable-event';
import { CopyStreamReader, EventStoreError, openSqliteEventStore, STORE_FILE_NAME, type SqliteEventStore } from './index';
import { APPLICATION_ID, MIGRATIONS } from './schema';

const tempDirs: string[] = [];
const newDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'apo-sqlite-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describeEventStoreConformance('sqlite', async () => {
  const dataDir = newDataDir();
  let store = await openSqliteEventStore({ dataDir });
  return {
    store,
    reopen: async () => {
      await store.close();
      store = await openSqliteEventStore({ dataDir });
      return store;
    },
    dispose: () => store.close(),
  };
});

const event = (type = 'Tested'): EventToAppend => ({ eventId: randomUUID(), type, data: { n: 1 }, metadata: {} });

const refusal = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => new Error('expected a refusal, got success'),
    (error) => error,
  );

describe('SqliteEventStore', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dataDir = newDataDir();
    store = await openSqliteEventStore({ dataDir });
  });
  afterEach(() => store.close());

  it('runs durable by default: WAL, synchronous FULL, exclusive lock', () => {
    expect(store.diagnostics()).toEqual({
      synchronous: 'FULL',
      walFsync: 'per-commit, off the event loop',
      journalMode: 'wal',
      lockingMode: 'exclusive',
      schemaVersion: MIGRATIONS.length,
    });
  });

  it('writes 32 concurrent appends in fewer transactions, each settled on its own', async () => {
    await store.appendToStream('taken', [event()], 'no_stream');
    const before = store.stats;
    const appends = Array.from({ length: 32 }, (_, i) => store.appendToStream(`group-${i}`, [event(), event()], 'no_stream'));
    // A neighbour that conflicts fails alone.
    const conflicting = store.appendToStream('taken', [event()], 'no_stream');
    const results = await Promise.all(appends);
    expect(await refusal(conflicting)).toBeInstanceOf(ConcurrencyError);
    const after = store.stats;
    expect(after.appends - before.appends).toBe(33);
    expect(after.transactions - before.transactions).toBeLessThan(4);
    expect(new Set(results.map((r) => r.position)).size).toBe(32);
    expect(await store.readStream('group-7')).toHaveLength(2);
  });

  it('refuses event ids stored elsewhere or partly, and writes nothing', async () => {
    const [a, b] = [event(), event()];
    await store.appendToStream('one', [a, b], 'no_stream');
    const elsewhere = await refusal(store.appendToStream('two', [event(), a], 'no_stream'));
    expect(elsewhere).toBeInstanceOf(EventStoreError);
    expect(elsewhere).toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
    expect(await refusal(store.appendToStream('one', [a, event()], 'no_stream'))).toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
    expect(await refusal(store.appendToStream('one', [b, a], 'any'))).toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
    expect(await store.readStream('two')).toEqual([]);
    expect(await store.readStream('one')).toHaveLength(2);
  });

  it('stores event ids in lower case, so a retry in another case is still a retry', async () => {
    const upper = { ...event(), eventId: randomUUID().toUpperCase() };
    const first = await store.appendToStream('case', [upper], 'no_stream');
    expect(await store.appendToStream('case', [{ ...upper, eventId: upper.eventId.toLowerCase() }], 'no_stream')).toEqual(first);
    expect((await store.readStream('case'))[0].eventId).toBe(upper.eventId.toLowerCase());
  });

  it('refuses non-JSON data that would not round-trip', async () => {
    for (const data of [{ when: new Date() }, { n: Number.NaN }, { u: undefined }, { big: 1n }]) {
      expect(await refusal(store.appendToStream('json', [{ ...event(), data: data as never }], 'any'))).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await store.readStream('json')).toEqual([]);
  });

  it('names a stored event whose bytes no longer parse (UnreadableEvent), and reads the log on after it', async () => {
    await store.appendToStream('a', [event(), event()], 'no_stream');
    await store.appendToStream('b', [event()], 'no_stream');
    await store.close();
    const raw = new Database(join(dataDir, STORE_FILE_NAME));
    raw.prepare("UPDATE events SET data = '{\"n\":' WHERE stream_id = 'a' AND revision = 1").run();
    raw.prepare("UPDATE events SET metadata = '[1]' WHERE stream_id = 'b'").run();
    raw.close();
    store = await openSqliteEventStore({ dataDir });
    const failure = await refusal(store.readStream('a'));
    expect(failure).toBeInstanceOf(UnreadableEvent);
    expect(failure).toMatchObject({ code: 'EVENT_UNREADABLE', streamId: 'a', revision: 1, position: 2n, part: 'data', type: 'Tested' });
    expect(await refusal(store.readStream('b'))).toMatchObject({ streamId: 'b', revision: 0, position: 3n, part: 'metadata', reason: 'a JSON array' });
    const seen: bigint[] = [];
    const readFrom = async (position?: bigint) => {
      for await (const e of store.readAll({ position })) seen.push(e.position);
    };
    expect(await refusal(readFrom())).toMatchObject({ position: 2n });
    expect(await refusal(readFrom(2n))).toMatchObject({ position: 3n });
    expect(seen).toEqual([1n]);

    // A subscription delivers what comes before it, in order, then ends with it; one after it reads on.
    await store.appendToStream('c', [event()], 'no_stream');
    const delivered: unknown[] = [];
    const subscribeFrom = async (after?: bigint) => {
      const subscription = store.subscribeToAll({ after });
      for await (const message of subscription) {
        delivered.push(message.kind === 'event' ? message.event.position : message.kind);
        if (message.kind === 'caughtUp') await subscription.close();
      }
    };
    expect(await refusal(subscribeFrom())).toMatchObject({ position: 2n });
    expect(await refusal(subscribeFrom(2n))).toMatchObject({ position: 3n });
    await subscribeFrom(3n);
    expect(delivered).toEqual([1n, 4n, 'caughtUp']);
  });

  it('reads a stored value nested deeper than the store writes as unreadable, however deep', async () => {
    await store.appendToStream('deep', [event(), event()], 'no_stream');
    await store.close();
    const raw = new Database(join(dataDir, STORE_FILE_NAME));
    const deep = (n: number) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`;
    raw.prepare('UPDATE events SET data = ? WHERE revision = 0').run(deep(MAX_JSON_DEPTH + 1));
    raw.prepare('UPDATE events SET metadata = ? WHERE revision = 1').run(deep(1_000_000));
    raw.close();
    store = await openSqliteEventStore({ dataDir });
    expect(await refusal(store.readStream('deep'))).toMatchObject({ revision: 0, part: 'data', reason: expect.stringMatching(/nested more than 256 deep/) });
    expect(await refusal(store.readStream('deep', { fromRevision: 1 }))).toMatchObject({
      revision: 1,
      part: 'metadata',
      reason: expect.stringMatching(/nested more than 256 deep/),
    });
  });

  it('emits a checkpoint to a filtered subscription that skips many events', async () => {
    await store.appendToStream(
      'noise',
      Array.from({ length: 3000 }, () => event()),
      'no_stream',
    );
    const messages: SubscriptionMessage[] = [];
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: ['quiet-'] } });
    for await (const message of subscription) {
      messages.push(message);
      if (message.kind === 'caughtUp') break;
    }
    expect(messages.at(-1)).toEqual({ kind: 'caughtUp' });
    expect(messages.filter((m) => m.kind === 'event')).toEqual([]);
    expect(messages.at(-2)).toEqual({ kind: 'checkpoint', position: 3000n });
  });

  it('copies its log for readers in other connections: every event up to the head when asked, removed on request', async () => {
    expect(await store.headPosition()).toBe(0n);
    await store.appendToStream('copied-b', [event(), event()], 'no_stream');
    await store.appendToStream('copied-a', [event()], 'no_stream');
    const copy = await store.copyForReading();
    expect(copy.head).toBe(3n);
    expect(copy.sampleStreamIds(3)).toEqual(['copied-a', 'copied-b', 'copied-b']);
    const reader = new CopyStreamReader(copy.location);
    try {
      expect([...reader.streams('', undefined, Number(copy.head))].map((e) => [e.streamId, e.revision])).toEqual([
        ['copied-a', 0],
        ['copied-b', 0],
        ['copied-b', 1],
      ]);
    } finally {
      reader.close();
    }
    copy.remove();
    expect(existsSync(copy.location)).toBe(false);
  });

  it('close() writes accepted appends, ends subscriptions and refuses further use', async () => {
    const subscription = store.subscribeToAll();
    const ended = (async () => {
      let count = 0;
      for await (const message of subscription) if (message.kind === 'event') count++;
      return count;
    })();
    const pending = store.appendToStream('late', [event()], 'no_stream');
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0 });
    await expect(ended).resolves.toBeGreaterThanOrEqual(0);
    expect(await refusal(store.appendToStream('late', [event()], 'any'))).toMatchObject({ code: 'STORE_CLOSED' });
    store = await openSqliteEventStore({ dataDir });
    expect(await store.readStream('late')).toHaveLength(1);
  });
});

describe('opening a SQLite event store', () => {
  const openError = async (options: Parameters<typeof openSqliteEventStore>[0]) => {
    const error = await refusal(openSqliteEventStore(options));
    expect(error).toBeInstanceOf(EventStoreError);
    return error as EventStoreError;
  };

  it('refuses a second open of the same store while the first is open, then allows it', async () => {
    const dataDir = newDataDir();
    const first = await openSqliteEventStore({ dataDir });
    expect((await openError({ dataDir })).code).toBe('STORE_LOCKED');
    await first.close();
    await (await openSqliteEventStore({ dataDir })).close();
  });

  it('refuses a store held by another process with STORE_LOCKED', async () => {
    const dataDir = newDataDir();
    const store = await openSqliteEventStore({ dataDir });
    try {
      const repo = resolve(__dirname, '../../../..');
      const script = `require(${JSON.stringify(join(__dirname, 'index.ts'))}).openSqliteEventStore({ dataDir: process.argv[1] })
        .then(() => console.log('opened'), (e) => console.log(e.code))`;
      const { stdout } = await promisify(execFile)(process.execPath, ['-r', join(repo, 'tools/register.js'), '-e', script, dataDir], { cwd: repo });
      expect(stdout.trim()).toBe('STORE_LOCKED');
    } finally {
      await store.close();
    }
  }, 20_000);

  it('refuses a file that is not a database with STORE_CORRUPT', async () => {
    const dataDir = newDataDir();
    writeFileSync(join(dataDir, STORE_FILE_NAME), 'this is not a database, just text that happens to be here '.repeat(100));
    expect((await openError({ dataDir })).code).toBe('STORE_CORRUPT');
  });

  it('refuses a SQLite database of something else with STORE_CORRUPT', async () => {
    const file = join(newDataDir(), 'other.db');
    new Database(file).exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)').close();
    expect((await openError({ file })).code).toBe('STORE_CORRUPT');
  });

  it('refuses a store written by a newer schema with STORE_SCHEMA_TOO_NEW, untouched', async () => {
    const dataDir = newDataDir();
    const store = await openSqliteEventStore({ dataDir });
    await store.appendToStream('kept', [event()], 'no_stream');
    await store.close();
    const raw = new Database(join(dataDir, STORE_FILE_NAME));
    raw.pragma('user_version = 99');
    raw.close();
    const error = await openError({ dataDir });
    expect(error.code).toBe('STORE_SCHEMA_TOO_NEW');
    expect(error.message).toMatch(/99/);
    const check = new Database(join(dataDir, STORE_FILE_NAME), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    check.close();
  });

  it('migrates a version-1 store (text event ids) and keeps its events and their idempotency', async () => {
    const dataDir = newDataDir();
    const raw = new Database(join(dataDir, STORE_FILE_NAME));
    raw.exec(MIGRATIONS[0]);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma('user_version = 1');
    const old = event();
    raw
      .prepare(
        "INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created_at) VALUES ('old', 0, ?, 'Tested', '{\"n\":1}', '{}', '2025-01-01T00:00:00.000Z')",
      )
      .run(old.eventId);
    raw.close();
    const store = await openSqliteEventStore({ dataDir });
    try {
      expect(store.diagnostics().schemaVersion).toBe(MIGRATIONS.length);
      expect(await store.readStream('old')).toEqual([expect.objectContaining({ eventId: old.eventId, data: { n: 1 }, revision: 0, position: 1n })]);
      expect(await store.appendToStream('old', [old], 'no_stream')).toEqual({ nextExpectedRevision: 0, position: 1n });
    } finally {
      await store.close();
    }
  });

  it('honours synchronous NORMAL when asked', async () => {
    const store = await openSqliteEventStore({ file: join(newDataDir(), 'nested', 'x.sqlite'), synchronous: 'NORMAL' });
    expect(store.diagnostics()).toMatchObject({ synchronous: 'NORMAL', walFsync: 'none' });
    await store.close();
  });
});
