import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COE_DEFINITION_NAME } from '@apo/coe';
import { coeLifeScript } from '@apo/coe/testing';
import type { EventStore } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { createRegistry } from '@apo/programmes';
import type { DeadlinesProjectionOptions } from '@apo/shared-read-models';
import type { ReadStore, Projection } from '@apo/read-store';
import { readModelProjections } from '../read-model-catalogue';
import {
  coeV1Registry,
  generateExchanges,
  COE_ONLY_REGISTRY,
  generatePortfolio,
  readModelRows,
  byDay,
  lifeScriptSteps,
  runSteps,
  type NoticeStep,
  type WorkflowStep,
} from '../testing';
import { testTargets, type TestReadStoreTarget } from '@apo/read-store/testing';
import { loadCheckpoints } from './checkpoints';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';

const registry = createRegistry();

const notice = (on: string, instanceId: string, deadline: string, dueDate: string, stage: string): NoticeStep => ({
  on,
  notice: { definition: COE_DEFINITION_NAME, instanceId, deadline, dueDate, stage },
});

const proposal = (coe: string, on: string, type: string, data: Record<string, unknown>): WorkflowStep => ({
  coe,
  on,
  role: 'assessor',
  command: { type, data },
});

/**
 * COE and BCN lives, plus COEs with deadline notices: one met (its row goes), then the period
 * extended (the row is back with a new due date and no notices); two stages, one of them twice,
 * on a deadline still open when the log ends, many events later; a noticed proposal submitted,
 * then returned (open again with the same due date, its notices start again).
 */
const history: WorkflowStep[] = byDay([
  ...generatePortfolio({ count: 60, seed: 31 }),
  ...generateExchanges({ count: 40, seed: 32 }),
  ...lifeScriptSteps('noticed', coeLifeScript).filter((s) => s.on <= '2030-09-15'),
  notice('2026-06-05', 'noticed', 'assessment:designation', '2026-07-01', 'lead-30'),
  notice('2030-04-02', 'noticed', 'proposal:2030', '2030-03-31', 'due'),
  notice('2030-04-03', 'noticed', 'proposal:2030', '2030-03-31', 'overdue'),
  notice('2030-04-04', 'noticed', 'proposal:2030', '2030-03-31', 'due'),
  ...lifeScriptSteps('returned', coeLifeScript).filter((s) => s.on <= '2029-12-31'),
  notice('2030-03-05', 'returned', 'proposal:2030', '2030-03-31', 'lead-30'),
  proposal('returned', '2030-03-10', 'SubmitProposal', { proposalId: 'wp-2030', programmeYear: 2030, title: 'Work plan 2030', submittedOn: '2030-03-10' }),
  proposal('returned', '2030-03-12', 'ReturnProposal', { proposalId: 'wp-2030', returnedOn: '2030-03-12', reason: 'budget unclear' }),
  notice('2030-03-25', 'returned', 'proposal:2030', '2030-03-31', 'lead-7'),
]);

/** Times a deadlines rebuild could not fold in its worker thread and folded on the main thread instead. */
const fallbacks: Error[] = [];

/**
 * Every read model, with a count of the batches each applied event by event (`apply`); the
 * rebuilds fold in the deadlines' worker thread (the COE overview following it) unless `folding`
 * says otherwise.
 */
function countedProjections(store: EventStore, applied: Map<string, number>, folding: Partial<DeadlinesProjectionOptions> = {}): Projection[] {
  const onFoldWorkerFallback = 'onFoldWorkerFallback' in folding ? folding.onFoldWorkerFallback : (e: Error) => fallbacks.push(e);
  return readModelProjections({ registry, store, foldWorker: folding.foldWorker, onFoldWorkerFallback }).map((projection) => {
    return {
      ...projection,
      apply: (trx, events) => {
        applied.set(projection.name, (applied.get(projection.name) ?? 0) + 1);
        return projection.apply(trx, events);
      },
    };
  });
}

/** `name`'s in-memory rebuild throws on its `failing`-th write as a full disk does (infrastructure: the runner stops). */
const failingWrite =
  (name: string, failing: number) =>
  (projections: Projection[]): Projection[] =>
    projections.map((projection) => {
      const inMemory = projection.rebuildInMemory?.bind(projection);
      if (projection.name !== name || !inMemory) return projection;
      let writes = 0;
      return {
        ...projection,
        rebuildInMemory: () => {
          const rebuild = inMemory();
          return {
            ...rebuild,
            write: async (trx) => {
              if (++writes === failing) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
              await rebuild.write(trx);
            },
          };
        },
      };
    });

describe.each(testTargets('in-memory rebuild'))('a from-zero rebuild folded in memory gives the rows built event by event (%s)', (_dialect, makeTarget) => {
  let dir: string;
  let store: EventStore;
  let target: TestReadStoreTarget;
  let liveStore: ReadStore;
  let live: ProjectionRunner;
  let expected: Record<string, Record<string, unknown>[]>;
  const opened: ReadStore[] = [];
  const runners: ProjectionRunner[] = [];

  const runner = async (
    name: string,
    options: Partial<ProjectionRunnerOptions> = {},
    wrap = (projections: Projection[]) => projections,
    deadlines: Partial<DeadlinesProjectionOptions> = {},
  ) => {
    const readStore = await target.open(name);
    opened.push(readStore);
    const applied = new Map<string, number>();
    const started = new ProjectionRunner({ store, readStore, projections: wrap(countedProjections(store, applied, deadlines)), ...options });
    runners.push(started);
    return { readStore, runner: started, applied };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'in-memory-rebuild-'));
    store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
    target = makeTarget();
    liveStore = await target.open('live');
    // Running before the first event: every event is applied as it arrives, one per batch.
    live = new ProjectionRunner({ store, readStore: liveStore, projections: countedProjections(store, new Map()), batchSize: 1 });
    await live.start();
    await runSteps(store, history, coeV1Registry());
    await live.catchUp();
    expected = await readModelRows(liveStore);
  }, 180_000);

  afterAll(async () => {
    for (const r of runners) await r.stop();
    await live?.stop();
    for (const readStore of [...opened, liveStore]) await readStore?.close();
    await store?.close();
    await target?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the history covers notices kept, dropped and reset, and every programme', () => {
    const noticesOf = (coe: string) => expected.deadlines.filter((r) => r.stream_id === `coe-${coe}`).map((r) => [r.deadline_key, r.notices]);
    expect(noticesOf('noticed')).toEqual([['proposal:2030', 'due,overdue']]);
    expect(noticesOf('returned')).toContainEqual(['proposal:2030', 'lead-7']);
    expect(expected.deadlines.filter((r) => r.notices === '').length).toBeGreaterThan(10);
    expect(expected.notification_outbox.filter((r) => r.category === 'deadline')).toHaveLength(6);
    for (const table of Object.keys(expected)) expect([table, expected[table].length > 0]).toEqual([table, true]);
  });

  it('a new read store catches up in memory, without applying a batch, to the same rows', async () => {
    // Rebuild batches of 500, so the log spans several; one write, at the head.
    const { readStore, runner: fresh, applied } = await runner('once', { rebuildBatchSize: 500 });
    await fresh.start();
    await fresh.catchUp();
    expect(applied.size).toBe(0);
    expect(await readModelRows(readStore)).toEqual(expected);
    // The deadlines were folded in the worker thread, not on this one.
    expect(fallbacks).toEqual([]);
  });

  it('the deadlines folded on this thread (no worker) give the same rows', async () => {
    const { readStore, runner: fresh } = await runner('in-thread', { batchSize: 7, rebuildWriteEvents: 50 }, undefined, { foldWorker: false });
    await fresh.start();
    await fresh.catchUp();
    expect(await readModelRows(readStore)).toEqual(expected);
  });

  it('a worker that cannot fold every definition hands its batches to this thread, to the same rows', async () => {
    const seen: Error[] = [];
    const { readStore, runner: fresh } = await runner('fallback', { batchSize: 50 }, undefined, {
      foldWorker: COE_ONLY_REGISTRY,
      onFoldWorkerFallback: (e) => seen.push(e),
    });
    await fresh.start();
    await fresh.catchUp();
    expect(seen).toHaveLength(1);
    expect(seen[0].message).toMatch(/bcn/i);
    expect(await readModelRows(readStore)).toEqual(expected);
  });

  it('says so on stderr (a process warning) when nobody asked to be told of the fallback', async () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const { readStore, runner: fresh } = await runner('fallback-warned', { batchSize: 50 }, undefined, {
        foldWorker: COE_ONLY_REGISTRY,
        onFoldWorkerFallback: undefined,
      });
      await fresh.start();
      await fresh.catchUp();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/main thread instead of its worker.*bcn/i), { code: 'APO_DEADLINES_FOLD_WORKER' });
      expect(await readModelRows(readStore)).toEqual(expected);
    } finally {
      warn.mockRestore();
    }
  });

  it('a log that fits in one rebuild batch is applied as one batch instead, to the same rows', async () => {
    const { readStore, runner: fresh, applied } = await runner('one-batch');
    await fresh.start();
    await fresh.catchUp();
    expect([...applied.values()].every((batches) => batches === 1)).toBe(true);
    expect(applied.size).toBeGreaterThan(5);
    expect(await readModelRows(readStore)).toEqual(expected);
  });

  it('writing every few events in small batches gives the same rows', async () => {
    const { readStore, runner: fresh, applied } = await runner('often', { batchSize: 7, rebuildWriteEvents: 50 });
    await fresh.start();
    await fresh.catchUp();
    expect(applied.size).toBe(0);
    expect(await readModelRows(readStore)).toEqual(expected);
    expect(fallbacks).toEqual([]);
  });

  it('a rebuild in place of the live-built read models leaves them unchanged', async () => {
    await live.rebuild();
    expect(await readModelRows(liveStore)).toEqual(expected);
  });

  it('a rebuild that fails mid-way leaves each checkpoint at its last write; a new runner carries on to the same rows', async () => {
    let failure: (error: unknown) => void = () => undefined;
    const failed = new Promise<unknown>((resolve) => (failure = resolve));
    const { readStore, runner: failing } = await runner(
      'failed',
      { batchSize: 11, rebuildWriteEvents: 200, onError: (error) => failure(error) },
      failingWrite('notification-outbox', 3),
    );
    await failing.start();
    expect(await failed).toMatchObject({ message: 'disk full' });
    // The failed transaction took every checkpoint with it: all stand at the second write.
    const positions = new Set([...(await loadCheckpoints(readStore.db)).values()].map((c) => c.position));
    expect(positions.size).toBe(1);
    const [position] = positions;
    expect(position).not.toBeNull();
    await failing.stop();

    const { runner: next, applied } = await runner('failed');
    await next.start();
    await next.catchUp();
    // From a written checkpoint it carries on batch by batch.
    expect(applied.size).toBeGreaterThan(0);
    expect(await readModelRows(readStore)).toEqual(expected);
  });

  it('a graceful stop mid-rebuild writes what was folded; the next start carries on from there', async () => {
    let stopped: Promise<void> | undefined;
    const { readStore, runner: stopping } = await runner('stopped', {
      batchSize: 13,
      rebuildWriteEvents: 1_000_000,
      onBatch: (upTo) => {
        if (upTo >= 400n) stopped ??= stopping.stop();
      },
    });
    await stopping.start();
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => stopped && (clearInterval(poll), resolve()), 5);
    });
    await stopped;
    const positions = [...(await loadCheckpoints(readStore.db)).values()].map((c) => c.position);
    expect(positions.every((p) => p !== null && p >= 400n)).toBe(true);
    const { runner: next } = await runner('stopped');
    await next.start();
    await next.catchUp();
    expect(await readModelRows(readStore)).toEqual(expected);
  });

  it('after a rebuild, live events fold on the states its worker handed over, to the rows a fresh build gives', async () => {
    await live.rebuild();
    // Let the worker's hand-over of the folded states arrive (asynchronous, a cache only).
    await new Promise((resolve) => setTimeout(resolve, 200));
    await runSteps(
      store,
      byDay([
        ...lifeScriptSteps('noticed', coeLifeScript).filter((s) => s.on > '2030-09-15'),
        ...lifeScriptSteps('returned', coeLifeScript).filter((s) => s.on > '2029-12-31'),
      ]),
    );
    await live.catchUp();
    // The whole log in one batch: applied event by event, every stream folded from its start.
    const { readStore, runner: fresh } = await runner('after-rebuild', { rebuildBatchSize: 1_000_000 });
    await fresh.start();
    await fresh.catchUp();
    const rows = await readModelRows(liveStore);
    expect(rows.deadlines).not.toEqual(expected.deadlines);
    expect(rows).toEqual(await readModelRows(readStore));
    expect(fallbacks).toEqual([]);
    // Two rebuilds and a live catch-up: ~2 s alone, more than jest's default 5 s on a loaded 2-core machine.
  }, 30_000);
});
