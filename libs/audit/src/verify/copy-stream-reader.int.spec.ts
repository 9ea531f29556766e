import { rmSync } from 'node:fs';
import type { LogCopy } from '@apo/event-store';
import { CopyStreamReader, openSqliteEventStore, PAGE_ROWS, SqliteStoreCopyReader } from '@apo/event-store/sqlite';
import { buildAuditStore, copyStore, LIFE_STREAM } from '../testing/audit-fixtures';
import { Tamper } from '../testing/tamper';

/** What the store's own copy reader yields, as `CopyStreamReader` gives it (no createdAt, the position a number). */
const storeReading = (file: string, from: string, to: string | undefined, head: number) => {
  const reader = SqliteStoreCopyReader.open(file);
  try {
    return [...reader.streams(from, to, head)].map(({ createdAt: _createdAt, position, ...event }) => ({ ...event, position: Number(position) }));
  } finally {
    reader.close();
  }
};

const ourReading = (file: string, from: string, to: string | undefined, head: number) => {
  const reader = new CopyStreamReader(file);
  try {
    return [...reader.streams(from, to, head)];
  } finally {
    reader.close();
  }
};

describe("the verify workers' reader of a store copy", () => {
  let dir: string;
  let copy: LogCopy;
  let file: string;
  let streams: string[];
  let head: number;

  beforeAll(async () => {
    dir = copyStore(await buildAuditStore(40));
    const t = new Tamper(dir);
    // Rows the store never writes but a tampered file may hold: a negative revision, an event id that is not 16 bytes, edited data.
    t.edit(LIFE_STREAM, 3, 'data', '$.title', 'Forged bootcamp');
    t.renumber(LIFE_STREAM, 0, -7);
    t.setEventId(LIFE_STREAM, 5, Buffer.from([1, 2, 0xab]));
    t.close();
    const store = await openSqliteEventStore({ dataDir: dir });
    try {
      const ids = new Set<string>();
      for await (const e of store.readAll()) {
        ids.add(e.streamId);
        head = Number(e.position);
      }
      streams = [...ids].sort();
      copy = await store.copyForReading();
      file = copy.location;
    } finally {
      await store.close();
    }
  }, 60_000);
  afterAll(() => {
    copy.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the same events as the store decodes them, in the same order, over more than one page', () => {
    const all = ourReading(file, '', undefined, head);
    expect(all.length).toBeGreaterThan(3 * PAGE_ROWS);
    expect(all).toEqual(storeReading(file, '', undefined, head));
    const life = all.filter((e) => e.streamId === LIFE_STREAM);
    expect(life[0]).toMatchObject({ revision: -7 });
    expect(life.find((e) => e.revision === 5)).toMatchObject({ eventId: '0102ab----' });
  });

  it('reads a range of stream ids, and only up to the position it is given', () => {
    const [from, to] = [streams[3], streams[30]];
    expect(ourReading(file, from, to, head)).toEqual(storeReading(file, from, to, head));
    expect(ourReading(file, from, undefined, Math.floor(head / 2))).toEqual(storeReading(file, from, undefined, Math.floor(head / 2)));
    expect(ourReading(file, LIFE_STREAM, `${LIFE_STREAM}\0`, head)).toEqual(storeReading(file, LIFE_STREAM, `${LIFE_STREAM}\0`, head));
    expect(ourReading(file, 'zzz', undefined, head)).toEqual([]);
  });
});
