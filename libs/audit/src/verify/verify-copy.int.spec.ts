import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { openSqliteEventStore, type SqliteEventStore } from '@apo/event-store/sqlite';
import { READABLE_EVENT } from '@apo/engine';
import { auditRegistry, sealStore, verifyInstance, verifyStore, type AuditDivergence } from '../index';
import { buildAuditStore, copyStore, LIFE_STREAM } from '../testing/audit-fixtures';
import { Tamper } from '../testing/tamper';
import { copyPass, startCopyWorkers, streamRanges } from './copy-pass';
import { DEFAULT_REGISTRY_SOURCE } from '../definitions';

const registry = auditRegistry();

/** One thread reading the log, two workers fed from the log, two workers reading a copy. */
async function verifyThreeWays(store: SqliteEventStore) {
  const single = await verifyStore(store, { registry, workers: 0 });
  const fed = await verifyStore(store, { registry, workers: 2, read: 'log', batchEvents: 50 });
  const copied = await verifyStore(store, { registry, workers: 2, read: 'copy' });
  return { single, fed, copied };
}

describe('whole-store verify with worker threads reading a copy of the SQLite file', () => {
  let pristine: string;
  let streams: string[];
  const dirs: string[] = [];

  beforeAll(async () => {
    pristine = await buildAuditStore(40);
    const store = await openSqliteEventStore({ dataDir: pristine });
    const ids = new Set<string>();
    for await (const e of store.readAll()) ids.add(e.streamId);
    await store.close();
    streams = [...ids].filter((s) => s.startsWith('coe-pf-'));
  }, 60_000);
  afterAll(() => [pristine, ...dirs].forEach((d) => rmSync(d, { recursive: true, force: true })));

  const tampered = (tamper: (t: Tamper) => void): string => {
    const dir = copyStore(pristine);
    dirs.push(dir);
    const t = new Tamper(dir);
    tamper(t);
    t.close();
    return dir;
  };

  it('finds the same divergences as one thread reading the log: a tampered event, broken chains, a reordered stream', async () => {
    const [forged, swapped, cut] = [streams[5], streams[17], streams[30]];
    const dir = tampered((t) => {
      t.edit(LIFE_STREAM, 3, 'data', '$.title', 'Forged bootcamp');
      // A forged event with a made-up chain: appended at the log's end, with a revision inside the stream.
      const template = t.row(forged, 1);
      const to = JSON.parse(t.row(forged, 2).metadata).from as string;
      t.insert(forged, 2, { type: template.type, data: JSON.parse(template.data), from: to, to }, false);
      t.swap(swapped, 1);
      t.delete(cut, 2);
    });
    const store = await openSqliteEventStore({ dataDir: dir });
    const { single, fed, copied } = await verifyThreeWays(store).finally(() => store.close());
    expect(single).toMatchObject({ ok: false, brokenStreams: 4 });
    expect(single.divergences[0]).toMatchObject({ streamId: LIFE_STREAM, revision: 3, kind: 'hash' });
    expect(single.divergences).toContainEqual(expect.objectContaining({ streamId: forged, revision: 2, kind: 'prevHash' }));
    expect(single.divergences).toContainEqual(expect.objectContaining({ streamId: swapped, revision: 2, kind: 'position' }));
    expect(single.divergences).toContainEqual(expect.objectContaining({ streamId: cut, revision: 2, kind: 'revision' }));
    expect(copied).toEqual({ ...single, workers: 2, read: 'copy' });
    expect(fed).toEqual({ ...single, workers: 2 });
  }, 60_000);

  it('reads on past events the store cannot read: each is malformed at its place, naming its position and part, in every reader', async () => {
    const [badMetadata, deep, notUtf8, reordered] = [streams[5], streams[9], streams[12], streams[20]];
    const at: Record<string, number> = {};
    let newest = { stream_id: '', revision: 0 };
    const dir = tampered((t) => {
      t.overwrite(LIFE_STREAM, 4, 'data', '{"recommendation":');
      t.overwrite(badMetadata, 1, 'metadata', '[1]');
      t.overwrite(deep, 0, 'data', `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
      t.overwrite(notUtf8, 2, 'data', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
      // Revisions going back along the log: the log pass reads this stream again on its own.
      t.swap(reordered, 1);
      t.overwrite(reordered, 3, 'data', 'not json');
      newest = t.newest();
      t.overwrite(newest.stream_id, newest.revision, 'metadata', '');
      for (const [stream, revision] of [
        [LIFE_STREAM, 4],
        [badMetadata, 1],
        [deep, 0],
        [notUtf8, 2],
        [reordered, 3],
        [newest.stream_id, newest.revision],
      ] as const) {
        at[`${stream}@${revision}`] = t.row(stream, revision).position;
      }
    });
    const unreadable = (streamId: string, revision: number, part: 'data' | 'metadata', reason: RegExp) =>
      expect.objectContaining({
        streamId,
        revision,
        kind: 'malformed',
        expected: READABLE_EVENT,
        actual: expect.stringMatching(reason),
        part,
        position: String(at[`${streamId}@${revision}`]),
      });
    const store = await openSqliteEventStore({ dataDir: dir });
    try {
      const { single, fed, copied } = await verifyThreeWays(store);
      expect(single).toMatchObject({ ok: false, brokenStreams: 6 });
      expect(single.divergences).toEqual(
        expect.arrayContaining([
          unreadable(LIFE_STREAM, 4, 'data', /^unreadable data: .*JSON/),
          unreadable(badMetadata, 1, 'metadata', /^unreadable metadata: a JSON array$/),
          unreadable(deep, 0, 'data', /nested more than 256 deep/),
          unreadable(notUtf8, 2, 'data', /^unreadable data: /),
          unreadable(reordered, 3, 'data', /^unreadable data: /),
          unreadable(newest.stream_id, newest.revision, 'metadata', /^unreadable metadata: Unexpected end of JSON input$/),
        ]),
      );
      expect(copied).toEqual({ ...single, workers: 2, read: 'copy' });
      expect(fed).toEqual({ ...single, workers: 2 });
      // One stream as readStream returns it (the API's and the CLI's verify of one instance): the same divergences.
      const broken = [...new Set(single.divergences.map((d) => d.streamId))];
      const byStream: AuditDivergence[] = [];
      for (const streamId of broken) byStream.push(...(await verifyInstance(store, registry, streamId)).divergences);
      expect(byStream).toEqual(single.divergences);
      // The heads are still sealed: the unreadable head with the hash ''.
      const seal = await sealStore(store, '2031-01-15T00:00:00.000Z');
      expect(seal.digest).toBe(single.digest);
      expect(seal.heads.find((h) => h.streamId === newest.stream_id)).toEqual({ streamId: newest.stream_id, revision: newest.revision, hash: '' });
      expect(await verifyInstance(store, registry, newest.stream_id)).toMatchObject({ ok: false, head: { revision: newest.revision, hash: '' } });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('gives the same answer on a clean store, heads and digest included', async () => {
    const store = await openSqliteEventStore({ dataDir: pristine });
    const { single, copied } = await verifyThreeWays(store).finally(() => store.close());
    expect(single).toMatchObject({ ok: true, divergenceCount: 0 });
    expect(copied).toEqual({ ...single, workers: 2, read: 'copy' });
  }, 60_000);

  it('covers the log up to its last position when the verify starts: appends made meanwhile are left out', async () => {
    const dir = copyStore(pristine);
    dirs.push(dir);
    const store = await openSqliteEventStore({ dataDir: dir });
    try {
      const before = await verifyStore(store, { registry, workers: 0 });
      // Events that would not verify (no envelope metadata), appended while both verifies run.
      const junk = (n: number) => Array.from({ length: n }, () => ({ eventId: randomUUID(), type: 'Junk', data: {}, metadata: {} }));
      const running = [verifyStore(store, { registry, workers: 2, read: 'copy' }), verifyStore(store, { registry, workers: 0 })];
      await Promise.all([store.appendToStream('coe-late', junk(3), 'no_stream'), store.appendToStream(LIFE_STREAM, junk(2), 'any')]);
      const [copied, single] = await Promise.all(running);
      expect(copied).toEqual({ ...before, workers: 2, read: 'copy' });
      expect(single).toEqual(before);
      const after = await verifyStore(store, { registry, workers: 2, read: 'copy' });
      expect(after).toMatchObject({ ok: false, events: before.events + 5, streams: before.streams + 1 });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('reads a copy only up to the position it is given, though the copy holds more', async () => {
    const dir = copyStore(pristine);
    dirs.push(dir);
    const store = await openSqliteEventStore({ dataDir: dir });
    const workers = await startCopyWorkers(2, DEFAULT_REGISTRY_SOURCE);
    try {
      const before = await verifyStore(store, { registry, workers: 0 });
      let head = 0;
      for await (const last of store.readAll({ direction: 'backwards', maxCount: 1 })) head = Number(last.position);
      await store.appendToStream('coe-late', [{ eventId: randomUUID(), type: 'Junk', data: {}, metadata: {} }], 'no_stream');
      const copy = await store.copyForReading();
      // The copy, read only up to `head`.
      const bounded = {
        location: copy.location,
        head: BigInt(head),
        sampleStreamIds: (count: number) => copy.sampleStreamIds(count),
        remove: () => copy.remove(),
      };
      const pass = await copyPass(bounded, workers, () => undefined);
      expect(pass).toMatchObject({ events: before.events, broken: [], reread: [] });
      expect(pass.heads.map((h) => h.streamId)).not.toContain('coe-late');
      expect(pass.heads).toHaveLength(before.streams);
    } finally {
      await workers.close();
      await store.close();
    }
  }, 60_000);

  it('cuts the streams into contiguous ranges from an event-weighted sample', () => {
    expect(streamRanges([], 4)).toEqual([{ from: '', to: undefined }]);
    expect(streamRanges(['a', 'a', 'a', 'b', 'c', 'c', 'd', 'e'], 4)).toEqual([
      { from: '', to: 'a' },
      { from: 'a', to: 'c' },
      { from: 'c', to: 'd' },
      { from: 'd', to: undefined },
    ]);
    // One stream with every event: one boundary, two ranges (the first empty).
    expect(streamRanges(['s', 's', 's', 's'], 4)).toEqual([
      { from: '', to: 's' },
      { from: 's', to: undefined },
    ]);
  });
});
