import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { coeLifeScript } from '@apo/coe/testing';
import type { EventStore } from '@apo/event-store';
import { openReadStore, type Projection, type ReadStore } from '@apo/read-store';
import { coeProjections } from '@apo/coe-read-models';
import { coeV1Registry, lifeScriptSteps, runSteps } from '@apo/projections/testing';
import { openEventStore } from './open-stores';
import { ProjectionMetrics } from './projection-metrics';
import { ProjectionSupervisor } from './projection-supervisor';
import { StoreEnvironment } from './store-environment';

const steps = lifeScriptSteps('th-digital', coeLifeScript);
/** The life script is in version 1's commands. */
const definitions = coeV1Registry();
const until = async (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('ProjectionSupervisor', () => {
  let dir: string;
  let store: EventStore;
  let readStore: ReadStore;
  let lines: string[];
  const logger = { log: (m: string) => lines.push(`log ${m}`), error: (m: string) => lines.push(`error ${m}`) };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
    ({ store } = await openEventStore(Object.assign(new StoreEnvironment(), { DATA_DIR: dir })));
    readStore = await openReadStore({ url: join(dir, 'read.sqlite') });
    lines = [];
  });
  afterEach(async () => {
    await readStore.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the read models in the background and reports lag on health and metrics', async () => {
    await runSteps(store, steps.slice(0, 10), definitions);
    const registry = new Registry();
    const supervisor: ProjectionSupervisor = new ProjectionSupervisor({
      store,
      readStore,
      projections: coeProjections({ registry: definitions, store }),
      logger,
      onBatch: (upTo, events) => metrics.countBatch(upTo, events),
    });
    const metrics = new ProjectionMetrics(registry, () => supervisor.health(), { runner: true });
    expect((await supervisor.health()).status).toBe('idle');
    supervisor.start();
    expect(await supervisor.waitForPosition(10n, 5_000)).toBe(true);
    await runSteps(store, steps.slice(10), definitions);
    expect(await supervisor.waitForPosition(BigInt(steps.length), 5_000)).toBe(true);

    const health = await supervisor.health();
    expect(health).toMatchObject({
      status: 'up',
      degraded: false,
      kind: 'sqlite',
      runner: 'running',
      position: String(steps.length),
      headPosition: String(steps.length),
      lagEvents: 0,
      secondsBehind: 0,
    });
    expect(health.projections.map((p) => [p.name, p.state, p.lagEvents])).toEqual(
      coeProjections({ registry: definitions, store }).map((p) => [p.name, 'current', 0]),
    );
    const text = await registry.metrics();
    expect(text).toContain('apo_projection_lag_events{projection="coe-overview"} 0');
    expect(text).toContain('apo_projection_lag_seconds{projection="coe-phase-history"} 0');
    expect(text).toContain(`apo_projection_position{projection="coe-overview"} ${steps.length}`);
    expect(text).toContain('apo_projection_runner_state{state="running"} 1');
    expect(text).toMatch(/apo_projection_events_total \d+/);
    await supervisor.stop();
    expect(supervisor.state).toBe('stopped');
  });

  it('logs a failed runner, reports it degraded, and restarts it', async () => {
    await runSteps(store, steps.slice(0, 5), definitions);
    let failuresLeft = 2;
    const [overview, ...others] = coeProjections({ registry: definitions, store });
    const flaky: Projection = {
      ...overview,
      // An infrastructure error (SQLite's I/O error), not an event the projection cannot apply: the runner stops.
      apply: (trx, events) =>
        failuresLeft-- > 0 ? Promise.reject(Object.assign(new Error('disk on fire'), { code: 'SQLITE_IOERR' })) : overview.apply(trx, events),
    };
    const supervisor = new ProjectionSupervisor({ store, readStore, projections: [flaky, ...others], logger, restartDelayMs: 50 });
    supervisor.start();
    await until(() => supervisor.state === 'failed');
    expect(await supervisor.health()).toMatchObject({ status: 'failed', degraded: true, runner: 'failed', error: 'disk on fire' });
    expect(await supervisor.waitForPosition(5n, 5_000)).toBe(true);
    expect(lines.filter((l) => l.startsWith('error '))).toEqual([
      'error projection runner failed: disk on fire; restarting in 50 ms',
      'error projection runner failed: disk on fire; restarting in 100 ms',
    ]);
    expect(await supervisor.health()).toMatchObject({ status: 'up', degraded: false, runner: 'running', lagEvents: 0 });
    await supervisor.stop();
  });

  it('an event a projection cannot apply is skipped by it, logged once as an error, and shown on health and metrics; the runner goes on', async () => {
    await runSteps(store, steps.slice(0, 8), definitions);
    const [overview, ...others] = coeProjections({ registry: definitions, store });
    const picky: Projection = {
      ...overview,
      rebuildInMemory: undefined,
      // Throws on data, as a projection meeting an event of a shape it does not expect.
      apply: (trx, events) =>
        events.some((e) => e.revision === 3)
          ? Promise.reject(new TypeError("Cannot read properties of undefined (reading 'key')"))
          : overview.apply(trx, events),
    };
    const registry = new Registry();
    const supervisor: ProjectionSupervisor = new ProjectionSupervisor({ store, readStore, projections: [picky, ...others], logger, batchSize: 5 });
    new ProjectionMetrics(registry, () => supervisor.health(), { runner: true });
    supervisor.start();
    expect(await supervisor.waitForPosition(8n, 5_000)).toBe(true);
    await runSteps(store, steps.slice(8, 10), definitions);
    expect(await supervisor.waitForPosition(10n, 5_000)).toBe(true);

    const [{ type }] = await store.readStream('coe-th-digital', { fromRevision: 3, maxCount: 1 });
    const failure = {
      projection: 'coe-overview',
      position: '4',
      streamId: 'coe-th-digital',
      revision: 3,
      type,
      error: "Cannot read properties of undefined (reading 'key')",
    };
    expect(lines.filter((l) => l.startsWith('error '))).toEqual([
      `error projection coe-overview skipped the event at log position 4 (coe-th-digital@3 ${type}): Cannot read properties of undefined (reading 'key'); it stays listed on /health until the projection is rebuilt`,
    ]);
    const health = await supervisor.health();
    expect(health).toMatchObject({ status: 'up', degraded: true, runner: 'running', position: '10', lagEvents: 0, failedEvents: 1, failed: [failure] });
    expect(health.projections.find((p) => p.name === 'coe-overview')).toMatchObject({ state: 'current', position: '10', failedEvents: 1, failed: [failure] });
    const text = await registry.metrics();
    expect(text).toContain('apo_projection_failed_events{projection="coe-overview"} 1');
    expect(text).toContain('apo_projection_failed_events{projection="coe-assessments"} 0');
    expect(text).toContain('apo_read_models_up 1');
    expect(text).toContain('apo_projection_runner_state{state="running"} 1');
    await supervisor.stop();
  });

  it('a second supervisor on the same read store waits for the lease, then takes over', async () => {
    await runSteps(store, steps.slice(0, 5), definitions);
    const first = new ProjectionSupervisor({ store, readStore, projections: coeProjections({ registry: definitions, store }), logger, leasePollMs: 50 });
    const second = new ProjectionSupervisor({ store, readStore, projections: coeProjections({ registry: definitions, store }), logger, leasePollMs: 50 });
    first.start();
    expect(await first.waitForPosition(5n, 5_000)).toBe(true);
    second.start();
    await until(() => lines.some((l) => l.includes('waiting for the projection lease')));
    expect(await second.health()).toMatchObject({ status: 'waiting-for-lease', runner: 'waiting-for-lease', lagEvents: 0 });
    await runSteps(store, steps.slice(5, 12), definitions);
    // The waiting one sees the other's progress through the stored checkpoints.
    expect(await second.waitForPosition(12n, 5_000)).toBe(true);

    await first.stop();
    await until(() => second.state === 'running');
    await runSteps(store, steps.slice(12), definitions);
    expect(await second.waitForPosition(BigInt(steps.length), 5_000)).toBe(true);
    expect(lines.filter((l) => l.includes('lease acquired'))).toHaveLength(1);
    await second.stop();
  });
});
