import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefinitionRegistry, hashEvent, ManualClock, StreamIntegrityError, type Command } from '@apo/engine';
import { COE_DEFINITION_NAME, createCoeDefinition } from '@apo/coe';
import * as f from '@apo/coe/testing';
import type { EventStore, JsonObject } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { InMemorySnapshotStore } from './snapshot-store';
import { damagedStore, editAt, type Damage } from './testing/damaged-store';
import { WorkflowService, type WorkflowServiceOptions } from './workflow-service';

const admin = { id: 'admin:ana', role: 'admin' };
const registry = new DefinitionRegistry([createCoeDefinition()]);
const STREAM = 'coe-c1';

const damaged = (store: EventStore, damage: Damage) => damagedStore(store, STREAM, damage);
const at = editAt;

describe('WorkflowService refuses a stream whose hash chain is broken', () => {
  let dir: string;
  let store: EventStore;
  const clock = new ManualClock(f.NOW);
  const failures: [string, number, string, string][] = [];
  const service = (on: EventStore, options: WorkflowServiceOptions = {}) =>
    new WorkflowService(on, registry, clock, {
      onIntegrityFailure: (e, definition) => failures.push([e.streamId, e.revision, e.reason, definition]),
      ...options,
    });
  const run = (on: WorkflowService, command: Command, instanceId = 'c1', commandId?: string) =>
    on.execute({ definition: COE_DEFINITION_NAME, instanceId, command, actor: admin, commandId });
  const refusal = (revision: number, reason: string) => expect.objectContaining({ code: 'STREAM_INTEGRITY', streamId: STREAM, revision, reason });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'workflow-integrity-'));
    store = await openSqliteEventStore({ dataDir: dir });
    failures.length = 0;
    const writer = service(store);
    // Five events: applied, review, designation, assessment, advance to delivery year 1.
    for (const command of f.history.year1()) await run(writer, command);
    await run(writer, f.submitApplication(), 'c2');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: [string, Damage, number, string][] = [
    ['edited data', { edit: at(2, (e) => ({ ...e, data: { ...e.data, launchDate: '2020-01-01' } })) }, 2, 'hash-mismatch'],
    [
      'edited metadata (another actor)',
      { edit: at(3, (e) => ({ ...e, metadata: { ...e.metadata, actor: { id: 'mallory', role: 'admin' } } })) },
      3,
      'hash-mismatch',
    ],
    ['a deleted middle event (a revision gap)', { edit: (events) => events.filter((e) => e.revision !== 2) }, 2, 'revision-gap'],
    [
      'two events swapped',
      { edit: (events) => events.map((e) => (e.revision === 1 ? { ...e, revision: 2 } : e.revision === 2 ? { ...e, revision: 1 } : e)) },
      1,
      'prev-hash-mismatch',
    ],
    ['an unreadable event', { unreadable: 3 }, 3, 'unreadable-event'],
  ];

  it.each(cases)(
    '%s: commands and reads answer STREAM_INTEGRITY at the first broken revision, nothing is appended, other streams work',
    async (_name, damage, revision, reason) => {
      const view = damaged(store, damage);
      const cold = service(view);
      await expect(run(cold, f.recordActivity('2026-08-01'))).rejects.toEqual(refusal(revision, reason));
      await expect(cold.get(COE_DEFINITION_NAME, 'c1')).rejects.toBeInstanceOf(StreamIntegrityError);
      await expect(run(cold, f.recordActivity('2026-08-02'), 'c1', 'retried-id')).rejects.toEqual(refusal(revision, reason));
      expect(await store.readStream(STREAM)).toHaveLength(5);
      expect((await run(cold, f.startReview(), 'c2')).revision).toBe(1);
      // Heard of once, labelled by its workflow; refused from memory after that (no re-read, no re-hash).
      expect(failures).toEqual([[STREAM, revision, reason, 'coe-lifecycle']]);
      expect(view.reads).toBe(1);
      expect(cold.brokenStreams().map((e) => e.streamId)).toEqual([STREAM]);
    },
  );

  it('an intact stream loads through the same checks (cold, from the cache plus its tail, after a retry)', async () => {
    const cold = service(damaged(store, {}));
    expect((await cold.get(COE_DEFINITION_NAME, 'c1')).state).toBe('active.delivery.year1');
    expect((await run(cold, f.recordActivity('2026-08-01'), 'c1', 'a1')).revision).toBe(5);
    expect(await run(cold, f.recordActivity('2026-08-01'), 'c1', 'a1')).toMatchObject({ appended: false, revision: 5 });
    expect(failures).toEqual([]);
  });

  it('a tampered event in the tail of a cached stream, appended by another writer: refused, nothing appended on top', async () => {
    const a = service(store);
    expect((await a.get(COE_DEFINITION_NAME, 'c1')).revision).toBe(4); // cached at revision 4
    // Another process appends an event that does not chain: its prevHash is not revision 4's hash.
    const [last] = await store.readStream(STREAM, { fromRevision: 4 });
    const forged = {
      eventId: '00000000-0000-4000-8000-00000000f0f0',
      type: 'ActivityRecorded',
      data: f.recordActivity('2026-08-01').data as JsonObject,
      metadata: { ...last.metadata, prevHash: 'f'.repeat(64) },
    };
    await store.appendToStream(STREAM, [{ ...forged, metadata: { ...forged.metadata, hash: hashEvent({ streamId: STREAM, revision: 5, ...forged }) } }], 4);
    // The first try trusts the cache; its append conflicts, and the checked reload finds the break.
    await expect(run(a, f.recordPublication('2026-08-02'))).rejects.toEqual(refusal(5, 'prev-hash-mismatch'));
    await expect(a.get(COE_DEFINITION_NAME, 'c1')).rejects.toEqual(refusal(5, 'prev-hash-mismatch'));
    expect(await store.readStream(STREAM)).toHaveLength(6);
  });

  describe('after a snapshot', () => {
    let snapshots: InMemorySnapshotStore;
    beforeEach(async () => {
      snapshots = new InMemorySnapshotStore();
      const writer = service(store, { snapshots, snapshotEvery: 3 });
      // The cold fold to revision 4 passes 3: a snapshot at 4. Then revision 5, after it.
      await run(writer, f.recordActivity('2026-08-01'));
      await writer.snapshotsWritten();
      expect((await snapshots.get(STREAM))?.revision).toBe(4);
    });
    const cold = (damage: Damage) => service(damaged(store, damage), { snapshots, snapshotEvery: 3 });

    it('a tampered event after the snapshot is found', async () => {
      const broken = cold({ edit: at(5, (e) => ({ ...e, data: { ...e.data, title: 'forged' } })) });
      await expect(broken.get(COE_DEFINITION_NAME, 'c1')).rejects.toEqual(refusal(5, 'hash-mismatch'));
    });

    it('the event the snapshot stands on is re-hashed too', async () => {
      const broken = cold({ edit: at(4, (e) => ({ ...e, data: { ...e.data, advancedOn: '2026-07-02' } })) });
      await expect(run(broken, f.recordPublication('2026-08-03'))).rejects.toEqual(refusal(4, 'hash-mismatch'));
      expect(await store.readStream(STREAM)).toHaveLength(6);
    });

    it('while the start-up check runs, a load checks from the first event: an edit older than the snapshot is found', async () => {
      const damage = { edit: at(0, (e) => ({ ...e, data: { ...e.data, name: 'forged' } })) };
      let finish = () => undefined as void;
      const check = new Promise<void>((resolve) => (finish = resolve));
      const during = service(damaged(store, damage), { snapshots, snapshotEvery: 3 });
      const after = service(damaged(store, damage), { snapshots, snapshotEvery: 3 });
      for (const s of [during, after]) s.checkFromGenesisUntil(check);
      await expect(during.get(COE_DEFINITION_NAME, 'c1')).rejects.toEqual(refusal(0, 'hash-mismatch'));
      // Once the check is over, a cold load starts at the snapshot again (the check had the rest to find).
      finish();
      await check;
      expect((await after.get(COE_DEFINITION_NAME, 'c1')).revision).toBe(5);
    });

    it('a retried command answered from before the snapshot is folded from checked events', async () => {
      const damage = { edit: at(0, (e) => ({ ...e, data: { ...e.data, name: 'forged' } })) };
      const writer = service(damaged(store, damage), { snapshots, snapshotEvery: 3 });
      // The load starts at the snapshot (revision 4): the damage at 0 is behind it.
      expect((await writer.get(COE_DEFINITION_NAME, 'c1')).revision).toBe(5);
      const first = (await store.readStream(STREAM, { maxCount: 1 }))[0].metadata.commandId as string;
      await expect(run(writer, f.submitApplication(), 'c1', first)).rejects.toEqual(refusal(0, 'hash-mismatch'));
    });
  });

  it('refuse: a stream found broken elsewhere (the start-up check) is dropped from the cache and refused', async () => {
    const view = damaged(store, {});
    const a = service(view);
    await a.get(COE_DEFINITION_NAME, 'c1');
    const reads = view.reads;
    const found = new StreamIntegrityError(STREAM, 3, 'hash-mismatch', 'x', 'y');
    expect(a.refuse(found)).toBe(found);
    expect(a.refuse(new StreamIntegrityError(STREAM, 1, 'revision-gap', 'x', 'y'))).toBe(found); // the first break found stays
    await expect(run(a, f.recordActivity('2026-08-01'))).rejects.toBe(found);
    expect(view.reads).toBe(reads);
    expect(failures).toEqual([[STREAM, 3, 'hash-mismatch', 'coe-lifecycle']]);
    expect(await store.readStream(STREAM)).toHaveLength(5);
  });
});
