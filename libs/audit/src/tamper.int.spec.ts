import { rmSync } from 'node:fs';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { runSteps } from '@apo/projections/testing';
import { recordActivity } from '@apo/coe/testing';
import { auditRegistry, sealStore, verifyInstance, verifyStore, type AuditDivergence, type Seal } from './index';
import { buildAuditStore, copyStore, LIFE_STREAM, OPEN_COE } from './testing/audit-fixtures';
import { Tamper } from './testing/tamper';

const registry = auditRegistry();
const first = (divergences: readonly AuditDivergence[]) =>
  divergences[0] && { streamId: divergences[0].streamId, revision: divergences[0].revision, kind: divergences[0].kind };

/** Verifies one stream and the whole store (in this thread) of a data directory; the store is closed after. */
async function verifyDir(dir: string, seal?: Seal) {
  const store = await openSqliteEventStore({ dataDir: dir });
  try {
    const instance = await verifyInstance(store, registry, LIFE_STREAM);
    const whole = await verifyStore(store, { registry, workers: 0, seal });
    return { instance, whole };
  } finally {
    await store.close();
  }
}

describe('audit verify against a tampered SQLite store file', () => {
  let pristine: string;
  let seal: Seal;
  const dirs: string[] = [];
  /** A copy of the pristine store, tampered with directly in SQLite. */
  const tampered = (attack: (t: Tamper) => void): string => {
    const dir = copyStore(pristine);
    dirs.push(dir);
    const t = new Tamper(dir);
    try {
      attack(t);
    } finally {
      t.close();
    }
    return dir;
  };
  const expectFirstBroken = async (dir: string, revision: number, kind: AuditDivergence['kind']) => {
    const { instance, whole } = await verifyDir(dir);
    const expected = { streamId: LIFE_STREAM, revision, kind };
    expect(first(instance.divergences)).toEqual(expected);
    expect(instance.ok).toBe(false);
    // The whole-store verify names the same first broken event, and nothing in the other streams.
    expect(first(whole.divergences)).toEqual(expected);
    expect(whole).toMatchObject({ ok: false, brokenStreams: 1 });
    return instance.divergences;
  };

  beforeAll(async () => {
    pristine = await buildAuditStore();
    const store = await openSqliteEventStore({ dataDir: pristine });
    seal = await sealStore(store, '2031-01-15T00:00:00.000Z');
    await store.close();
  }, 60_000);
  afterAll(() => [pristine, ...dirs].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('an untouched store verifies clean, stream by stream and whole, and matches its seal', async () => {
    const { instance, whole } = await verifyDir(copyStore(pristine), seal);
    expect(instance).toMatchObject({ ok: true, events: 26, divergences: [] });
    expect(whole).toMatchObject({ ok: true, divergences: [], divergenceCount: 0, digest: seal.digest, seal: { matches: true } });
    expect(whole.events).toBe(seal.events);
    expect(whole.streams).toBe(seal.streams);
  });

  it('edit data: an assessment recommending extend rewritten to advance breaks its own hash', async () => {
    const dir = tampered((t) => {
      expect(t.row(LIFE_STREAM, 5).type).toBe('AssessmentRecorded');
      t.edit(LIFE_STREAM, 5, 'data', '$.recommendation', 'advance');
    });
    const divergences = await expectFirstBroken(dir, 5, 'hash');
    // The replay also shows the consequence: the extension that followed is no longer allowed.
    expect(divergences).toContainEqual(expect.objectContaining({ revision: 6, kind: 'allowed' }));
  });

  it('edit metadata: another actor put on an event breaks its hash', async () => {
    const dir = tampered((t) => t.edit(LIFE_STREAM, 6, 'metadata', '$.actor.id', 'admin:mallory'));
    expect(await expectFirstBroken(dir, 6, 'hash')).toHaveLength(1);
  });

  it('edit metadata: a rewritten `to` state breaks the hash and disagrees with the replay', async () => {
    const dir = tampered((t) => t.edit(LIFE_STREAM, 8, 'metadata', '$.to', 'active.replication'));
    const divergences = await expectFirstBroken(dir, 8, 'hash');
    expect(divergences).toContainEqual({ streamId: LIFE_STREAM, revision: 8, kind: 'to', expected: 'active.delivery.year1', actual: 'active.replication' });
  });

  it('delete: a removed event leaves a gap at its revision', async () => {
    const dir = tampered((t) => t.delete(LIFE_STREAM, 8));
    const divergences = await expectFirstBroken(dir, 8, 'revision');
    expect(divergences[0]).toMatchObject({ expected: '8', actual: '9' });
  });

  it('reorder: two events that trade places break the chain at the first of them', async () => {
    const dir = tampered((t) => t.swap(LIFE_STREAM, 10));
    const divergences = await expectFirstBroken(dir, 10, 'prevHash');
    expect(divergences).toContainEqual(expect.objectContaining({ revision: 11, kind: 'position' }));
  });

  it('insert: a forged event with a made-up chain (prevHash, hash) is named itself', async () => {
    const dir = tampered((t) => {
      const template = t.row(LIFE_STREAM, 11);
      const to = JSON.parse(t.row(LIFE_STREAM, 12).metadata).from as string;
      t.insert(LIFE_STREAM, 13, { type: template.type, data: { ...JSON.parse(template.data), publicationId: 'pub-forged' }, from: to, to }, false);
    });
    await expectFirstBroken(dir, 13, 'prevHash');
  });

  it('insert: a forged event re-chained by a forger who knows the algorithm breaks the chain at the next event', async () => {
    const dir = tampered((t) => {
      const template = t.row(LIFE_STREAM, 11);
      const to = JSON.parse(t.row(LIFE_STREAM, 12).metadata).to as string;
      t.insert(LIFE_STREAM, 13, { type: template.type, data: { ...JSON.parse(template.data), publicationId: 'pub-forged' }, from: to, to }, true);
    });
    const divergences = await expectFirstBroken(dir, 14, 'prevHash');
    expect(divergences.some((d) => d.revision === 13)).toBe(false);
  });

  it('truncate the tail: verify cannot see it, the seal can', async () => {
    const dir = tampered((t) => {
      t.delete(LIFE_STREAM, 25);
      t.delete(LIFE_STREAM, 24);
    });
    const { instance, whole } = await verifyDir(dir, seal);
    expect(instance).toMatchObject({ ok: true, events: 24 });
    expect(whole).toMatchObject({ ok: false, divergenceCount: 0, seal: { matches: false, expected: seal.digest } });
    expect(whole.seal?.changes).toEqual([
      { streamId: LIFE_STREAM, change: 'truncated', sealed: { revision: 25, hash: expect.any(String) }, now: { revision: 23, hash: expect.any(String) } },
    ]);
    // A bare digest (what an auditor files) catches it too, without naming the stream.
    const bare = await verifyDir(dir, undefined);
    expect(bare.whole.digest).not.toBe(seal.digest);
  });

  it('append: a valid event appended after the seal verifies clean but breaks the seal', async () => {
    const dir = copyStore(pristine);
    dirs.push(dir);
    const store = await openSqliteEventStore({ dataDir: dir });
    await runSteps(store, [{ coe: OPEN_COE, on: '2029-03-01', role: 'assessor', command: recordActivity('2029-03-01') }]);
    await store.close();
    const { whole } = await verifyDir(dir, seal);
    expect(whole).toMatchObject({ ok: false, divergenceCount: 0, seal: { matches: false } });
    expect(whole.seal?.changes).toEqual([
      expect.objectContaining({
        streamId: `coe-${OPEN_COE}`,
        change: 'appended',
        sealed: expect.objectContaining({ revision: 20 }),
        now: expect.objectContaining({ revision: 21 }),
      }),
    ]);
  });
});
