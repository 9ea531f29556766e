import { rmSync } from 'node:fs';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { auditRegistry, verifyStore, type VerifyProgress } from '../index';
import { buildAuditStore, copyStore, LIFE_STREAM } from '../testing/audit-fixtures';
import { Tamper } from '../testing/tamper';

const registry = auditRegistry();

async function verifyBoth(dir: string) {
  const store = await openSqliteEventStore({ dataDir: dir });
  try {
    const progress: VerifyProgress[] = [];
    const single = await verifyStore(store, { registry, workers: 0 });
    // Fed from the log in small batches: many messages, streams spread over both workers, answers out of order.
    const threaded = await verifyStore(store, { registry, workers: 2, read: 'log', batchEvents: 50, onProgress: (p) => progress.push(p) });
    return { single, threaded, progress };
  } finally {
    await store.close();
  }
}

describe('whole-store verify in worker threads fed from the log', () => {
  let pristine: string;
  let other: string;
  const dirs: string[] = [];

  beforeAll(async () => {
    pristine = await buildAuditStore(40);
    const store = await openSqliteEventStore({ dataDir: pristine });
    const streams = new Set<string>();
    for await (const e of store.readAll()) streams.add(e.streamId);
    await store.close();
    other = [...streams].filter((s) => s.startsWith('coe-pf-'))[25];
  }, 60_000);
  afterAll(() => [pristine, ...dirs].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('gives the same answer as one thread on a clean store', async () => {
    const { single, threaded, progress } = await verifyBoth(pristine);
    expect(single).toMatchObject({ ok: true, divergenceCount: 0, workers: 0 });
    expect(threaded).toEqual({ ...single, workers: 2 });
    const last = progress[progress.length - 1];
    expect(last).toEqual({ phase: 'verify', events: single.events, totalEvents: single.events, streams: single.streams, totalStreams: single.streams });
    expect(progress.filter((p) => p.phase === 'verify').map((p) => p.events)).toEqual(
      [...progress.filter((p) => p.phase === 'verify').map((p) => p.events)].sort((a, b) => a - b),
    );
  }, 60_000);

  it('gives the same divergences, in log order, as one thread on a tampered store', async () => {
    const dir = copyStore(pristine);
    dirs.push(dir);
    const t = new Tamper(dir);
    t.edit(LIFE_STREAM, 3, 'data', '$.title', 'Forged bootcamp');
    t.delete(other, 2);
    t.close();
    const { single, threaded } = await verifyBoth(dir);
    expect(single).toMatchObject({ ok: false, brokenStreams: 2 });
    expect(single.divergences[0]).toMatchObject({ streamId: LIFE_STREAM, revision: 3, kind: 'hash' });
    expect(single.divergences).toContainEqual(expect.objectContaining({ streamId: other, revision: 2, kind: 'revision' }));
    expect(threaded).toEqual({ ...single, workers: 2 });
  }, 60_000);

  it('keeps the first divergences in log order when there are more than asked for', async () => {
    const dir = copyStore(pristine);
    dirs.push(dir);
    const t = new Tamper(dir);
    t.edit(LIFE_STREAM, 0, 'data', '$.name', 'Forged');
    t.delete(other, 1);
    t.close();
    const store = await openSqliteEventStore({ dataDir: dir });
    const all = await verifyStore(store, { registry, workers: 0 });
    const capped = await verifyStore(store, { registry, workers: 2, read: 'log', batchEvents: 50, maxDivergences: 1 });
    const cappedCopy = await verifyStore(store, { registry, workers: 2, maxDivergences: 1 });
    await store.close();
    expect(capped.divergenceCount).toBe(all.divergenceCount);
    expect(capped.divergences).toEqual(all.divergences.slice(0, 1));
    expect(cappedCopy).toEqual({ ...capped, read: 'copy' });
  }, 60_000);
});
