import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowedEvents, DefinitionRegistry, ManualClock, type Command } from '@apo/engine';
import { COE_DEFINITION_NAME, createCoeDefinition } from '@apo/coe';
import * as f from '@apo/coe/testing';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import { openSqliteEventStore, openSqliteSnapshotStore } from '@apo/event-store/sqlite';
import { InMemorySnapshotStore, type SnapshotStore, type StreamSnapshot } from './snapshot-store';
import type { CachedStream } from './stream-cache';
import { WorkflowService, type WorkflowServiceOptions } from './workflow-service';

const admin = { id: 'admin:ana', role: 'admin' };
const coe = createCoeDefinition();
const registry = new DefinitionRegistry([coe]);

/** The life script (suspension and reinstatement in delivery year 2) with records between its steps. */
const script: Command[] = f.coeLifeScript.flatMap((step, i) =>
  i >= 3 && i < f.coeLifeScript.length - 1 && step.command.type !== 'SuspendCoe'
    ? [step.command, f.recordActivity(step.on, { activityId: `act-${i}` })]
    : [step.command],
);

/** What a folded stream is, compared field by field (the machine snapshot by what it decides on). */
const essence = ({ state, commands }: CachedStream) => ({
  state: state.state,
  context: JSON.parse(JSON.stringify(state.context)),
  revision: state.revision,
  lastHash: state.lastHash,
  definition: `${state.definition.name}@${state.definition.version}`,
  allowedEvents: allowedEvents(state),
  history: Object.fromEntries(Object.entries(state.snapshot.historyValue ?? {}).map(([k, v]) => [k, (v as { id: string }[]).map((n) => n.id)])),
  commands: [...commands].filter(([, r]) => r <= state.revision).sort(),
});

describe('WorkflowService with a snapshot cache', () => {
  let dir: string;
  let store: EventStore;
  const clock = new ManualClock(f.NOW);
  const streamId = 'coe-c1';
  const service = (options: WorkflowServiceOptions = {}, on = store) => new WorkflowService(on, registry, clock, options);
  const run = (on: WorkflowService, command: Command, commandId?: string) =>
    on.execute({ definition: COE_DEFINITION_NAME, instanceId: 'c1', command, actor: admin, commandId });
  /** The stream folded from scratch by a service without snapshots. */
  const fullFold = async () => essence(await service().loadStream(streamId, coe));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'workflow-snapshots-'));
    store = await openSqliteEventStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([1, 3])('restores, at every revision of a life with a suspension, exactly what a full fold gives (a snapshot every %i events)', async (every) => {
    const snapshots = new InMemorySnapshotStore();
    const writer = service({ snapshots, snapshotEvery: every });
    const seen = new Set<number>();
    for (const [i, command] of script.entries()) {
      await run(writer, command, `cmd-${i}`);
      await writer.snapshotsWritten();
      const snapshot = await snapshots.get(streamId);
      if (snapshot) seen.add(snapshot.revision);
      const cold = service({ snapshots, snapshotEvery: every });
      expect(essence(await cold.loadStream(streamId, coe))).toEqual(await fullFold());
    }
    expect(seen.size).toBe(Math.floor((script.length - 1) / every));
    // With one every event, one was taken while suspended (deep history held in it).
    const suspendedAt = (await store.readStream(streamId)).find((e) => e.type === 'CoeSuspended')?.revision as number;
    expect(seen.has(suspendedAt)).toBe(every === 1 || suspendedAt % every === 0);
  });

  it('reinstates to the deep history state from a snapshot taken while suspended', async () => {
    const snapshots = new InMemorySnapshotStore();
    const writer = service({ snapshots, snapshotEvery: 1 });
    for (const command of [...f.history.year2(), f.recordActivity('2027-08-01'), f.suspend('2027-09-01')]) await run(writer, command);
    await writer.snapshotsWritten();
    const snapshot = (await snapshots.get(streamId)) as StreamSnapshot;
    expect(snapshot.revision).toBe(8);
    expect(JSON.parse(snapshot.body).machine.historyValue).toBeDefined();
    // A cold service loads the snapshot (nothing to fold after it) and reinstates from it.
    const cold = service({ snapshots, snapshotEvery: 1000 });
    expect((await cold.get(COE_DEFINITION_NAME, 'c1')).state).toBe('suspended');
    const result = await run(cold, f.reinstate('2027-10-01'));
    expect(result.state).toBe('active.delivery.year2');
    expect(essence(await cold.loadStream(streamId, coe))).toEqual(await fullFold());
  });

  it('appends the same events and hashes after a snapshot load as after a full fold', async () => {
    const other = await openSqliteEventStore({ dataDir: join(dir, 'other') });
    try {
      const snapshots = new InMemorySnapshotStore();
      // Each command on a cold service: loads from the latest snapshot, or in full on the other store.
      for (const [i, command] of script.entries()) {
        const withSnapshots = service({ snapshots, snapshotEvery: 4 });
        await run(withSnapshots, command, `cmd-${i}`);
        await withSnapshots.snapshotsWritten();
        await run(service({}, other), command, `cmd-${i}`);
      }
      const strip = (events: RecordedEvent[]) => events.map(({ position: _p, createdAt: _c, ...event }) => event);
      const a = await store.readStream(streamId);
      expect(a.length).toBe(script.length);
      expect(strip(a)).toEqual(strip(await other.readStream(streamId)));
    } finally {
      await other.close();
    }
  });

  it('answers a retried command from before the snapshot without appending', async () => {
    const snapshots = new InMemorySnapshotStore();
    const writer = service({ snapshots, snapshotEvery: 2 });
    await run(writer, f.submitApplication(), 'first');
    for (const command of [f.startReview(), f.designate(), f.recordActivity('2025-10-01')]) await run(writer, command);
    await writer.snapshotsWritten();
    expect((await snapshots.get(streamId))?.revision).toBe(2);
    const retried = await run(service({ snapshots }), f.submitApplication(), 'first');
    expect(retried).toMatchObject({ appended: false, revision: 0, state: 'applied' });
    expect(await store.readStream(streamId)).toHaveLength(4);
  });

  describe('ignores a snapshot that does not match the log', () => {
    let snapshots: InMemorySnapshotStore;
    let good: StreamSnapshot;

    beforeEach(async () => {
      snapshots = new InMemorySnapshotStore();
      const writer = service({ snapshots, snapshotEvery: 5 });
      for (const command of [...f.history.year1(), f.recordActivity('2026-08-01')]) await run(writer, command);
      await writer.snapshotsWritten();
      good = (await snapshots.get(streamId)) as StreamSnapshot;
      expect(good.revision).toBe(5);
    });

    /** A body that, if it were used, would show: another state and a count no fold gives. */
    const lying = () => {
      const body = JSON.parse(good.body);
      body.machine.value = 'suspended';
      body.machine.context.records.activities = 999;
      return JSON.stringify(body);
    };

    const cases: [string, () => StreamSnapshot][] = [
      ['a hash that is not the log', () => ({ ...good, lastHash: 'f'.repeat(64), body: lying() })],
      ['a revision past the head', () => ({ ...good, revision: 40, body: lying() })],
      ['another definition version', () => ({ ...good, version: 2, body: lying() })],
      ['another definition', () => ({ ...good, definition: 'bcn-exchange', body: lying() })],
      ['another snapshot format', () => ({ ...good, body: JSON.stringify({ ...JSON.parse(lying()), format: 99 }) })],
      ['a body that is not JSON', () => ({ ...good, body: '{"format":1,' })],
      ['another stream', () => ({ ...good, streamId: 'coe-c2', body: lying() })],
    ];

    it.each(cases)('%s', async (_name, make) => {
      const bad = make();
      const lookups: string[] = [];
      const served: SnapshotStore = { get: async (id) => (lookups.push(id), bad), put: (s) => snapshots.put(s) };
      const cold = service({ snapshots: served, snapshotEvery: 5 });
      expect(essence(await cold.loadStream(streamId, coe))).toEqual(await fullFold());
      expect(lookups).toEqual([streamId]);
      // The full fold passed a multiple of 5, so a good snapshot replaces the bad one.
      await cold.snapshotsWritten();
      expect(await snapshots.get(streamId)).toEqual(good);
    });

    it('a version another definition registry knows but the stream was not written with', async () => {
      const v2 = { ...coe, version: 2 };
      const both = new DefinitionRegistry([coe, v2]);
      const bad = { ...good, version: 2, body: lying() };
      const cold = new WorkflowService(store, both, clock, { snapshots: { get: async () => bad, put: async () => undefined } });
      const loaded = await cold.loadStream(streamId, v2);
      expect(loaded.state.definition.version).toBe(1);
      expect(essence(loaded)).toEqual(await fullFold());
    });

    it('a snapshot store that fails: reported, and the stream is folded in full', async () => {
      const errors: unknown[] = [];
      const failing: SnapshotStore = {
        get: async () => Promise.reject(new Error('disk gone')),
        put: async () => Promise.reject(new Error('disk gone')),
      };
      const cold = service({ snapshots: failing, snapshotEvery: 5, onSnapshotError: (e) => errors.push(e) });
      expect(essence(await cold.loadStream(streamId, coe))).toEqual(await fullFold());
      await cold.snapshotsWritten();
      expect(errors).toHaveLength(2);
    });
  });

  it('works on the SQLite snapshot store and across a restart of it', async () => {
    let snapshots = await openSqliteSnapshotStore({ dataDir: dir });
    try {
      const writer = service({ snapshots, snapshotEvery: 4 });
      for (const command of script.slice(0, 25)) await run(writer, command);
      await writer.snapshotsWritten();
      await snapshots.close();
      snapshots = await openSqliteSnapshotStore({ dataDir: dir });
      expect((await snapshots.get(streamId))?.revision).toBe(24);
      const cold = service({ snapshots });
      expect(essence(await cold.loadStream(streamId, coe))).toEqual(await fullFold());
    } finally {
      await snapshots.close();
    }
  });
});
