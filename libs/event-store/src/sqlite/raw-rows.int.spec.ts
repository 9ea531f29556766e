import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AllFilter, EventToAppend, JsonObject, ReadAllOptions, RecordedEvent, SubscriptionMessage } from '../port';
import { openSqliteEventStore, SqliteStoreCopyReader, type SqliteEventStore } from './index';

/**
 * The store's reads decode raw rows (arrays, the id as hex from SQLite). Here every read is
 * compared with the decoding they replaced, kept below as the reference: object rows of every
 * column, the id's bytes through a Buffer, the position through BigInt.
 */
interface ReferenceRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: Buffer;
  type: string;
  data: string;
  metadata: string;
  created_at: string;
}
const referenceRecorded = (row: ReferenceRow): RecordedEvent => {
  const hex = row.event_id.toString('hex');
  return {
    streamId: row.stream_id,
    revision: row.revision,
    position: BigInt(row.position),
    eventId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    createdAt: row.created_at,
  };
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const STREAMS = ['coe-a', 'coe-b', 'coe-ü-δ', 'other-x', 'coe-c'];
const TYPES = ['Opened', 'Assessed', 'Closed'];
const BIG = 'x'.repeat(100_000);

/** Unusual payloads every few events: unicode, escapes, nesting, large metadata, extreme numbers. */
const payload = (i: number): { data: JsonObject; metadata: JsonObject } => {
  switch (i % 7) {
    case 0:
      return { data: { text: 'Grüße, 日本語, emoji 🚀🧪, RTL עברית', i }, metadata: { note: '\u0000 nul, \u2028 separator, "quotes" \\ back' } };
    case 1:
      return { data: { nested: { deep: [1, [2, [3, { k: null }]]], flag: true } }, metadata: { big: i % 98 === 1 ? BIG : 'y'.repeat(2_000), i } };
    case 2:
      return { data: { n: 1e21, small: 5e-324, neg: -123.456, max: Number.MAX_SAFE_INTEGER }, metadata: {} };
    case 3:
      return { data: {}, metadata: { list: Array.from({ length: 40 }, (_, k) => ({ k, s: `v${k}` })) } };
    default:
      return { data: { i, s: `event ${i}` }, metadata: { correlationId: randomUUID() } };
  }
};

describe('raw row decoding', () => {
  jest.setTimeout(30_000);
  let store: SqliteEventStore;
  let reference: Database.Database;
  let copyFile: string;
  let head: number;

  const referenceAll = (sql: string, ...params: unknown[]): RecordedEvent[] =>
    reference
      .prepare<unknown[], ReferenceRow>(`SELECT position, stream_id, revision, event_id, type, data, metadata, created_at FROM events ${sql}`)
      .all(...params)
      .map(referenceRecorded);

  const collect = async (options?: ReadAllOptions): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll(options)) events.push(event);
    return events;
  };

  /** Deep-equal, and each event has the reference's keys in the same order and a bigint position. */
  const expectSame = (actual: RecordedEvent[], expected: RecordedEvent[]) => {
    expect(actual.length).toBe(expected.length);
    expect(actual).toStrictEqual(expected);
    actual.forEach((event, i) => expect(Object.keys(event)).toEqual(Object.keys(expected[i])));
    for (const event of actual) expect(typeof event.position).toBe('bigint');
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apo-raw-rows-'));
    dirs.push(dir);
    store = await openSqliteEventStore({ dataDir: join(dir, 'store') });
    // 1,700 events: more than three 512-row pages, streams interleaved, batches of 1 to 9 events.
    let i = 0;
    const revisions = new Map<string, number>();
    while (i < 1_700) {
      const stream = STREAMS[i % STREAMS.length];
      const batch: EventToAppend[] = [];
      for (let k = 0; k < 1 + (i % 9) && i < 1_700; k++, i++) batch.push({ eventId: randomUUID(), type: TYPES[i % TYPES.length], ...payload(i) });
      await store.appendToStream(stream, batch, revisions.get(stream) ?? 'no_stream');
      revisions.set(stream, (revisions.get(stream) ?? -1) + batch.length);
    }
    copyFile = join(dir, 'copy.db');
    await store.copyTo(copyFile);
    SqliteStoreCopyReader.open(copyFile, true).close();
    reference = new Database(copyFile, { readonly: true });
    head = reference.prepare<[], number>('SELECT max(position) FROM events').pluck().get() as number;
  });

  afterAll(async () => {
    reference?.close();
    await store?.close();
  });

  it('readAll forwards, whole log and from odd positions with odd counts', async () => {
    expect(head).toBe(1_700);
    expectSame(await collect(), referenceAll('ORDER BY position'));
    for (const [from, count] of [
      [0, 511],
      [0, 512],
      [0, 513],
      [511, 1],
      [511, 1025],
      [512, undefined],
      [1_023, 700],
      [1_699, undefined],
      [1_700, undefined],
    ] as const) {
      const options = { position: BigInt(from), ...(count === undefined ? {} : { maxCount: count }) };
      expectSame(await collect(options), referenceAll('WHERE position > ? ORDER BY position LIMIT ?', from, count ?? -1));
    }
  });

  it('readAll backwards, from the end and from odd positions with odd counts', async () => {
    expectSame(await collect({ direction: 'backwards' }), referenceAll('ORDER BY position DESC'));
    for (const [before, count] of [
      [1_701, 513],
      [1_189, undefined],
      [513, 512],
      [2, undefined],
      [1, undefined],
      [900, 1_000],
    ] as const) {
      const options = { direction: 'backwards' as const, position: BigInt(before), ...(count === undefined ? {} : { maxCount: count }) };
      expectSame(await collect(options), referenceAll('WHERE position < ? ORDER BY position DESC LIMIT ?', before, count ?? -1));
    }
  });

  it('readAll with filters over several pages', async () => {
    const filters: [AllFilter, string, unknown[]][] = [
      [{ streamPrefixes: ['coe-'] }, "instr(stream_id, 'coe-') = 1", []],
      [{ eventTypes: ['Assessed'] }, "type = 'Assessed'", []],
      [
        { streamPrefixes: ['coe-ü', 'other'], eventTypes: ['Opened', 'Closed'] },
        "(instr(stream_id, 'coe-ü') = 1 OR instr(stream_id, 'other') = 1) AND type IN ('Opened', 'Closed')",
        [],
      ],
    ];
    for (const [filter, where] of filters) {
      expectSame(await collect({ filter }), referenceAll(`WHERE ${where} ORDER BY position`));
      expectSame(await collect({ filter, direction: 'backwards', maxCount: 333 }), referenceAll(`WHERE ${where} ORDER BY position DESC LIMIT 333`));
    }
  });

  it('readStream in either direction, from revisions, with counts', async () => {
    for (const stream of STREAMS) {
      expectSame(await store.readStream(stream), referenceAll('WHERE stream_id = ? ORDER BY revision', stream));
      expectSame(await store.readStream(stream, { direction: 'backwards' }), referenceAll('WHERE stream_id = ? ORDER BY revision DESC', stream));
      expectSame(
        await store.readStream(stream, { fromRevision: 101, maxCount: 77 }),
        referenceAll('WHERE stream_id = ? AND revision >= 101 ORDER BY revision LIMIT 77', stream),
      );
      expectSame(
        await store.readStream(stream, { fromRevision: 200, direction: 'backwards', maxCount: 150 }),
        referenceAll('WHERE stream_id = ? AND revision <= 200 ORDER BY revision DESC LIMIT 150', stream),
      );
    }
  });

  it('a subscription delivers the same events, filtered or not', async () => {
    const events = async (filter?: AllFilter): Promise<RecordedEvent[]> => {
      const subscription = store.subscribeToAll({ after: 300n, filter });
      const seen: RecordedEvent[] = [];
      for await (const message of subscription as AsyncIterable<SubscriptionMessage>) {
        if (message.kind === 'event') seen.push(message.event);
        if (message.kind === 'caughtUp') break;
      }
      await subscription.close();
      return seen;
    };
    expectSame(await events(), referenceAll('WHERE position > 300 ORDER BY position'));
    expectSame(await events({ streamPrefixes: ['coe-b'] }), referenceAll("WHERE position > 300 AND instr(stream_id, 'coe-b') = 1 ORDER BY position"));
  });

  it('a store copy reader yields the same events stream by stream', () => {
    const reader = SqliteStoreCopyReader.open(copyFile);
    try {
      expectSame([...reader.streams('', undefined, head)], referenceAll('WHERE position <= ? ORDER BY stream_id, revision', head));
      expectSame(
        [...reader.streams('coe-b', 'coe-ü', 1_200)],
        referenceAll("WHERE stream_id >= 'coe-b' AND stream_id < 'coe-ü' AND position <= 1200 ORDER BY stream_id, revision"),
      );
    } finally {
      reader.close();
    }
  });
});
