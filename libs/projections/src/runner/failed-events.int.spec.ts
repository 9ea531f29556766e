import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry } from '@apo/programmes';
import type { EventStore } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import type { ReadStore, Projection } from '@apo/read-store';
import { readModelProjections } from '../read-model-catalogue';
import { DamagedLog, type StoredRow, generatePortfolio, coeV1Registry, readModelRows, runSteps } from '../testing';
import { testTargets, type TestReadStoreTarget } from '@apo/read-store/testing';
import { loadFailedEvents, type FailedEvent } from './failed-events';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';
import { FAILED_EVENTS_SHOWN, projectionStatus } from './projection-status';

type Rows = Awaited<ReturnType<typeof readModelRows>>;

const NUL_NAME = 'Centre\u0000of excellence';
const LONE_SURROGATE_NAME = 'Centre \ud800 of excellence';

/** The stream a read-model row belongs to, whatever its table calls it. */
const streamOf = (table: string, row: Record<string, unknown>): string =>
  table === 'coe_overview'
    ? `coe-${String(row.id)}`
    : row.coe_id !== undefined
      ? `coe-${String(row.coe_id)}`
      : String(row.stream_id ?? row.exchange_id ?? row.id);

/** The transparency log's tree spans the whole log (an unreadable event is no leaf, so every later leaf moves): its own test compares it. */
const LOG_WIDE = ['transparency_leaves', 'transparency_nodes'];
const except = (rows: Rows, streams: readonly string[]): Rows =>
  Object.fromEntries(
    Object.entries(rows)
      .filter(([table]) => !LOG_WIDE.includes(table))
      .map(([table, list]) => [table, list.filter((row) => !streams.includes(streamOf(table, row)))]),
  );

/** Failed events without the instant a runner met them: what two builds of one log must agree on. */
const facts = (failures: readonly FailedEvent[]) =>
  failures
    .map(({ firstSeenAt: _, ...fact }) => fact)
    .sort((a, b) => Number(BigInt(a.position) - BigInt(b.position)) || (a.projection < b.projection ? -1 : a.projection > b.projection ? 1 : 0));

const stored = async (readStore: ReadStore) => facts([...(await loadFailedEvents(readStore.db, 10_000)).first.values()].flat());

/** Only `apply`, event batch by event batch, as a runner following the log applies it. */
const applyOnly = (projections: Projection[]) => projections.map((p) => ({ ...p, rebuildInMemory: undefined }));

describe.each(testTargets('failed events'))(
  'a log holding a NUL, a lone surrogate, an unreadable event and an event a projection throws on (%s)',
  (_dialect, makeTarget) => {
    let dir: string;
    let store: EventStore;
    let target: TestReadStoreTarget;
    let reference: Rows;
    let head: number;
    let damaged: { nul: StoredRow; surrogate: StoredRow; unreadable: StoredRow; reshaped: StoredRow; afterUnreadable: StoredRow[]; last: StoredRow };
    let live: { readStore: ReadStore; runner: ProjectionRunner; failures: FailedEvent[] };
    const opened: ReadStore[] = [];
    const runners: ProjectionRunner[] = [];

    const runner = async (name: string, options: Partial<ProjectionRunnerOptions> = {}, wrap = (p: Projection[]) => p) => {
      const readStore = await target.open(name);
      opened.push(readStore);
      const failures: FailedEvent[] = [];
      const projections = wrap(readModelProjections({ registry: createRegistry(), store }));
      const started = new ProjectionRunner({ store, readStore, projections, onFailedEvent: (f) => failures.push(f), ...options });
      runners.push(started);
      return { readStore, runner: started, failures };
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'failed-events-'));
      target = makeTarget();
      store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
      await runSteps(store, generatePortfolio({ count: 12, seed: 7 }), coeV1Registry());
      // The rows of the log as written, before anything was done to it.
      const clean = await runner('reference');
      await clean.runner.start();
      await clean.runner.catchUp();
      reference = await readModelRows(clean.readStore);
      await clean.runner.stop();
      await store.close();

      const log = new DamagedLog(dir);
      const nul = log.first('ApplicationSubmitted');
      const surrogate = log.first('ApplicationSubmitted', [nul.streamId]);
      const unreadable = log.first('ActivityRecorded', [nul.streamId, surrogate.streamId]);
      const reshaped = log.first('CoeDesignated', [nul.streamId, surrogate.streamId, unreadable.streamId]);
      log.setData(nul.position, { ...JSON.parse(nul.data), name: NUL_NAME });
      log.setData(surrogate.position, { ...JSON.parse(surrogate.data), name: LONE_SURROGATE_NAME });
      log.setRawData(unreadable.position, '{"activityId":');
      const { period: _period, ...withoutPeriod } = JSON.parse(reshaped.data) as Record<string, unknown>;
      log.setData(reshaped.position, withoutPeriod);
      // The head of the log unreadable too: where the runner, status and health find the end of the log.
      const last = log.rows()[log.rows().length - 1];
      log.setRawData(last.position, 'not JSON at all');
      const rows = log.rows();
      head = rows.length;
      damaged = {
        nul,
        surrogate,
        unreadable,
        reshaped,
        afterUnreadable: rows.filter((r) => r.streamId === unreadable.streamId && r.revision > unreadable.revision),
        last,
      };
      log.close();
      store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
    }, 120_000);

    afterAll(async () => {
      for (const r of runners) await r.stop();
      for (const r of opened) await r.close();
      await store?.close();
      await target?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the runner reaches the head, stores the escaped values, applies every other event and lists each failed event once', async () => {
      live = await runner('live', { batchSize: 7, rebuildBatchSize: 7 }, applyOnly);
      await live.runner.start();
      await live.runner.catchUp();
      const statuses = await live.runner.status();
      expect(statuses.map((s) => [s.name, s.position, s.lagEvents])).toEqual(statuses.map((s) => [s.name, String(head), 0]));

      const rows = await readModelRows(live.readStore);
      const { nul, surrogate, unreadable, reshaped, afterUnreadable, last } = damaged;
      const streams = [nul.streamId, surrogate.streamId, unreadable.streamId, reshaped.streamId, last.streamId];
      expect(new Set(streams).size).toBe(streams.length);
      // Everything outside the damaged streams is exactly what the log as written gave.
      expect(except(rows, streams)).toEqual(except(reference, streams));
      // The transparency log: every event the store can read is a leaf, in log order; the two unreadable ones are not.
      const leaves = rows.transparency_leaves.map((r) => [Number(r.leaf_index), String(r.position)]);
      expect(leaves.map(([index]) => index)).toEqual(leaves.map((_, i) => i));
      expect(leaves.map(([, position]) => position)).toEqual(
        Array.from({ length: head }, (_, i) => String(i + 1)).filter((p) => p !== String(unreadable.position) && p !== String(last.position)),
      );
      // The two names are stored in the documented form; the rest of their rows as written.
      const overview = (rs: Rows, stream: string) => rs.coe_overview.find((r) => `coe-${String(r.id)}` === stream);
      expect(overview(rows, nul.streamId)).toEqual({ ...overview(reference, nul.streamId), name: 'Centre\\u0000of excellence' });
      expect(overview(rows, surrogate.streamId)).toEqual({ ...overview(reference, surrogate.streamId), name: 'Centre \\ud800 of excellence' });
      // A webhook's JSON body escapes them itself, and its receiver reads the very value.
      const payload = (stream: string) =>
        rows.notification_outbox.find((r) => r.stream_id === stream && String(r.payload).includes('ApplicationSubmitted'))?.payload as string;
      expect((JSON.parse(payload(nul.streamId)) as { data: { name: string } }).data.name).toBe(NUL_NAME);
      expect((JSON.parse(payload(surrogate.streamId)) as { data: { name: string } }).data.name).toBe(LONE_SURROGATE_NAME);
      // The COEs behind the skipped events are still listed.
      expect(rows.coe_overview.map((r) => `coe-${String(r.id)}`)).toEqual(reference.coe_overview.map((r) => `coe-${String(r.id)}`));

      const failed = (row: StoredRow, projection: string, error: RegExp) => ({
        projection,
        position: String(row.position),
        streamId: row.streamId,
        revision: row.revision,
        type: row.type,
        error: expect.stringMatching(error),
      });
      const notJson = new RegExp(
        `^stored event ${unreadable.streamId}@${unreadable.revision} \\(log position ${unreadable.position}\\): data is not a JSON object`,
      );
      const expected = facts([
        // The unreadable event, for every projection of COE activities (by its stream and type), and the transparency log (every event).
        ...['coe-overview', 'coe-activity', 'deadlines', 'notification-outbox', 'transparency-log'].map((p) => failed(unreadable, p, notJson)),
        // The overview and the deadlines fold whole streams: what comes after it in its stream cannot be folded either.
        ...afterUnreadable.flatMap((row) => ['coe-overview', 'deadlines'].map((p) => failed(row, p, notJson))),
        // A designation without its period: the phase history reads the period and throws on it (the folds take it, and owe nothing for it).
        failed(reshaped, 'coe-phase-history', /Cannot read properties of undefined \(reading 'key'\)/),
        // The last event of the log, for every projection of its stream and type.
        ...readModelProjections({ registry: createRegistry(), store })
          .filter((p) => p.handles(last))
          .map((p) => failed(last, p.name, /data is not a JSON object \(Unexpected token/)),
      ] as FailedEvent[]);
      expect(expected.filter((e) => e.position === String(last.position)).length).toBeGreaterThan(1);
      expect(await stored(live.readStore)).toEqual(expected);
      expect(facts(live.failures)).toEqual(expected);

      const status = await projectionStatus(store, live.readStore, readModelProjections({ registry: createRegistry(), store }));
      const byName = new Map(status.map((s) => [s.name, s]));
      expect(byName.get('coe-overview')).toMatchObject({
        failedEvents: 1 + afterUnreadable.length + 1,
        failed: [unreadable, ...afterUnreadable, last]
          .sort((a, b) => a.position - b.position)
          .slice(0, FAILED_EVENTS_SHOWN)
          .map((row) => expect.objectContaining({ position: String(row.position) })),
      });
      expect(byName.get('deadlines')).toMatchObject({ failedEvents: 1 + afterUnreadable.length + 1 });
      expect(byName.get('coe-replications')).toMatchObject({ failedEvents: 0, failed: [] });
    }, 60_000);

    it('goes on following the log: a COE applied for after the damage appears', async () => {
      await runSteps(store, generatePortfolio({ count: 1, seed: 8, idPrefix: 'later' }).slice(0, 1), coeV1Registry());
      await live.runner.catchUp();
      const ids = (await readModelRows(live.readStore)).coe_overview.map((r) => r.id);
      expect(ids).toContain('later-0000');
    });

    it('a rebuild from zero in memory, and one applying the whole log as one batch, give the same rows and failed events', async () => {
      const rows = await readModelRows(live.readStore);
      const failures = await stored(live.readStore);
      const dropped: string[] = [];
      const inMemory = await runner('in-memory', {
        batchSize: 7,
        rebuildBatchSize: 50,
        rebuildWriteEvents: 60,
        onInMemoryDropped: (name) => dropped.push(name),
      });
      await inMemory.runner.start();
      await inMemory.runner.catchUp();
      expect(await readModelRows(inMemory.readStore)).toEqual(rows);
      expect(await stored(inMemory.readStore)).toEqual(failures);
      expect(facts(inMemory.failures)).toEqual(failures);
      // The folds that met an event they cannot fold went on with `apply` from their last write.
      expect(dropped.sort()).toEqual(['coe-overview', 'coe-phase-history', 'deadlines']);

      const oneBatch = await runner('one-batch', { rebuildBatchSize: 1_000_000 });
      await oneBatch.runner.start();
      await oneBatch.runner.catchUp();
      expect(await readModelRows(oneBatch.readStore)).toEqual(rows);
      expect(await stored(oneBatch.readStore)).toEqual(failures);
    }, 60_000);

    it('rebuild() clears the failed events of what it rebuilds and meets them again', async () => {
      const before = await loadFailedEvents(live.readStore.db, 10_000);
      live.failures.length = 0;
      await live.runner.rebuild('coe-overview');
      const after = await loadFailedEvents(live.readStore.db, 10_000);
      expect(facts(after.first.get('coe-overview') ?? [])).toEqual(facts(before.first.get('coe-overview') ?? []));
      expect(live.failures.map((f) => f.projection)).toEqual(Array(1 + damaged.afterUnreadable.length + 1).fill('coe-overview'));
      // The other projections' records were left as they were.
      expect(after.first.get('deadlines')).toEqual(before.first.get('deadlines'));
    });
  },
);
