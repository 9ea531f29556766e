import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coeLifeScript } from '@apo/coe/testing';
import type { EventStore } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { coeProjections, COE_OVERVIEW_PROJECTION } from '@apo/coe-read-models';
import { coeV1Registry, readModelRows, lifeScriptSteps, runSteps } from '../testing';
import { listActivityCounts } from '@apo/read-queries';
import { testTargets, type TestReadStoreTarget } from '@apo/read-store/testing';
import { ProjectionRunner } from './projection-runner';
import { projectionStatus } from './projection-status';

const steps = lifeScriptSteps('th-digital', coeLifeScript);
const registry = coeV1Registry();
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe.each(testTargets('projection runner'))('ProjectionRunner (%s)', (_dialect, makeTarget) => {
  let dir: string;
  let store: EventStore;
  let target: TestReadStoreTarget;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projection-runner-'));
    store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
    target = makeTarget();
  });
  afterEach(async () => {
    await store.close();
    await target.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports position, lag and seconds behind, and resumes from its checkpoint after a restart', async () => {
    const readStore = await target.open();
    const first = new ProjectionRunner({ store, readStore, projections: coeProjections({ registry, store }) });
    await first.start();
    await runSteps(store, steps.slice(0, 14), coeV1Registry());
    await first.catchUp();
    await first.stop();
    await runSteps(store, steps.slice(14), coeV1Registry());

    const behind = await projectionStatus(store, readStore, coeProjections({ registry, store }));
    const secondsBehind = (Date.parse('2030-10-01T10:00:00Z') - Date.parse('2028-03-01T10:00:00Z')) / 1000;
    expect(behind).toHaveLength(5);
    const versions = new Map(coeProjections({ registry, store }).map((p) => [p.name, p.version]));
    for (const s of behind)
      expect(s).toMatchObject({
        version: versions.get(s.name),
        position: '14',
        headPosition: '25',
        lagEvents: 11,
        lagCapped: false,
        secondsBehind,
        rebuilding: false,
      });

    const second = new ProjectionRunner({ store, readStore, projections: coeProjections({ registry, store }) });
    await second.start();
    await second.catchUp();
    expect((await second.status()).map((s) => [s.name, s.position, s.lagEvents, s.secondsBehind])).toEqual(
      ['coe-overview', 'coe-assessments', 'coe-activity', 'coe-phase-history', 'coe-replications'].map((name) => [name, '25', 0, 0]),
    );
    // Resumed, not replayed: the activity of 2025 is counted once.
    expect((await listActivityCounts(readStore, { year: 2025 })).items.map((r) => r.count)).toEqual([1]);
    await second.stop();
    await readStore.close();
  });

  it('rebuilds a projection whose version changed, and only that one', async () => {
    const readStore = await target.open();
    const runner = new ProjectionRunner({ store, readStore, projections: coeProjections({ registry, store }) });
    await runner.start();
    await runSteps(store, steps, registry);
    await runner.catchUp();
    await runner.stop();
    const before = await readModelRows(readStore);
    // Damage two read models behind the runner's back; only a rebuild repairs one.
    await readStore.db.updateTable('coe_overview').set({ name: 'damaged' }).execute();
    await readStore.db.updateTable('coe_assessments').set({ actor: 'damaged' }).execute();

    const bumped = coeProjections({ registry, store }).map((p) => (p.name === COE_OVERVIEW_PROJECTION ? { ...p, version: p.version + 1 } : p));
    const upgraded = new ProjectionRunner({ store, readStore, projections: bumped });
    await upgraded.start();
    await upgraded.catchUp();
    const after = await readModelRows(readStore);
    expect(after.coe_overview).toEqual(before.coe_overview);
    expect(after.coe_assessments.every((r) => r.actor === 'damaged')).toBe(true);
    const version = (bumped.find((p) => p.name === COE_OVERVIEW_PROJECTION) as { version: number }).version;
    expect((await upgraded.status()).find((s) => s.name === 'coe-overview')).toMatchObject({ version, position: '25', rebuilding: false });
    const stored = await readStore.db.selectFrom('projection_checkpoints').select(['name', 'version']).orderBy('name').execute();
    expect(stored.find((r) => r.name === 'coe-overview')?.version).toBe(version);
    await upgraded.stop();
    await readStore.close();
  });

  it('lets one runner work at a time: a second waits for the lease, then takes over', async () => {
    const readStoreA = await target.open();
    const readStoreB = await target.open();
    const a = new ProjectionRunner({ store, readStore: readStoreA, projections: coeProjections({ registry, store }) });
    const b = new ProjectionRunner({ store, readStore: readStoreB, projections: coeProjections({ registry, store }), leasePollMs: 10 });
    await a.start();
    const bStarted = b.start();
    await until(() => b.state === 'waiting-for-lease');

    await runSteps(store, steps.slice(0, 10), coeV1Registry());
    await a.catchUp();
    expect(b.state).toBe('waiting-for-lease');
    expect((await b.status())[0].position).toBe('10');

    await a.stop();
    await bStarted;
    expect(b.state).toBe('running');
    await runSteps(store, steps.slice(10), coeV1Registry());
    await b.catchUp();

    const fresh = await target.open('fresh');
    const control = new ProjectionRunner({ store, readStore: fresh, projections: coeProjections({ registry, store }) });
    await control.start();
    await control.catchUp();
    expect(await readModelRows(readStoreB)).toEqual(await readModelRows(fresh));
    await Promise.all([b.stop(), control.stop()]);
    await Promise.all([readStoreA.close(), readStoreB.close(), fresh.close()]);
  });

  it('rebuilds one projection on demand while the others keep their rows', async () => {
    const readStore = await target.open();
    const runner = new ProjectionRunner({ store, readStore, projections: coeProjections({ registry, store }) });
    await runner.start();
    await runSteps(store, steps, registry);
    await runner.catchUp();
    await readStore.db.updateTable('coe_phase_history').set({ outcome: 'damaged' }).execute();
    await readStore.db.updateTable('coe_replications').set({ description: 'damaged' }).execute();
    await runner.rebuild('coe-phase-history');
    const rows = await readModelRows(readStore);
    expect(rows.coe_phase_history.map((r) => r.outcome)).toEqual(['advanced', 'advanced', 'advanced', 'advanced', 'graduated']);
    expect(rows.coe_replications.map((r) => r.description)).toEqual(['damaged']);
    await expect(runner.rebuild('no-such-projection')).rejects.toMatchObject({ code: 'READ_STORE_BAD_QUERY' });
    await runner.stop();
    await readStore.close();
  });
});
