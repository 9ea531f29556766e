import { join } from 'node:path';
import type { EventStore } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { createRegistry } from '@apo/programmes';
import { openReadStore, type Projection, type ReadStore } from '@apo/read-store';
import { ProjectionRunner, readModelProjections } from '@apo/projections';
import { dropSchema, postgresAvailable, TEST_PG_URL, testSchemaName } from '@apo/read-store/testing';
import { buildBenchLog, templateEvents } from './bench-log';
import { throughputFigure as figure, type Figure, type Section, type ThroughputRun as Run } from './report';
import { collectGarbage, msSince, RssSampler, spread } from './stats';
import { removeDir, scratchDir } from './workload';

const TARGET_EVENTS = 200_000;
/** The goal for a full rebuild on SQLite on the 2-core development machine. */
const TARGET_REBUILD = 100_000;

/** The bench log: real COE histories copied until it holds TARGET_EVENTS events (see bench-log.ts). */
const buildLog = async (dir: string, log: (line: string) => void): Promise<number> => buildBenchLog(dir, await templateEvents(dir), TARGET_EVENTS, log);

/** Milliseconds spent in each projection's `apply`, or its in-memory rebuild's `fold` and `write` (SQL included), during the timed rebuild. */
type ApplyTimes = Map<string, { ms: number; events: number }>;

/** Adds the time `work` takes to `name`'s entry (and `events` to its count). */
async function timed<T>(times: ApplyTimes, name: string, events: number, work: () => T | Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  const result = await work();
  const entry = times.get(name) ?? { ms: 0, events: 0 };
  entry.ms += msSince(start);
  entry.events += events;
  times.set(name, entry);
  return result;
}

/** The projections as the runner gets them, `apply` and any in-memory rebuild timed into `times` (nothing else changes). */
function timedProjections(store: EventStore, times: ApplyTimes): Projection[] {
  return readModelProjections({ registry: createRegistry(), store }).map((projection) => {
    const inMemory = projection.rebuildInMemory?.bind(projection);
    return {
      ...projection,
      handles: (event) => projection.handles(event),
      apply: (trx, events) => timed(times, projection.name, events.length, () => projection.apply(trx, events)),
      rebuildInMemory: inMemory
        ? () => {
            const rebuild = inMemory();
            return {
              fold: (events) => timed(times, projection.name, events.length, () => rebuild.fold(events)),
              write: (trx) => timed(times, projection.name, 0, () => rebuild.write(trx)),
              finish: () => rebuild.finish?.(),
            };
          }
        : undefined,
    };
  });
}

/** One full rebuild of every read model `readModelProjections` returns (tables emptied, checkpoints reset, log replayed). */
async function rebuildRun(store: EventStore, readStore: ReadStore, events: number, times: ApplyTimes): Promise<Run> {
  const runner = new ProjectionRunner({ store, readStore, projections: timedProjections(store, times) });
  await runner.start();
  await runner.catchUp();
  times.clear();
  collectGarbage();
  const rss = new RssSampler();
  const start = process.hrtime.bigint();
  await runner.rebuild();
  const elapsed = msSince(start);
  await runner.stop();
  return { eventsPerSecond: events / (elapsed / 1000), peakRssMiB: rss.stop() };
}

/** One line per projection: its share of the rebuild, in ms and in microseconds per log event. */
const describeTimes = (times: ApplyTimes, events: number): string =>
  [...times]
    .map(
      ([name, t]) => `${name} ${Math.round(t.ms)} ms (${((t.ms * 1000) / events).toFixed(2)} µs/log event, ${t.events.toLocaleString('en-GB')} events applied)`,
    )
    .join('; ');

async function readAllRun(store: EventStore): Promise<Run> {
  collectGarbage();
  const rss = new RssSampler();
  let count = 0;
  const start = process.hrtime.bigint();
  for await (const event of store.readAll()) if (event.revision >= 0) count++;
  return { eventsPerSecond: count / (msSince(start) / 1000), peakRssMiB: rss.stop() };
}

/**
 * Projections: a full rebuild of every COE read model over a log of >= 200,000 real COE events,
 * on SQLite and on PostgreSQL, beside the raw `readAll` of the same log (the ceiling).
 */
export const projectionsSection = async (repeats: number, log: (line: string) => void): Promise<Section> => {
  const dir = scratchDir();
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    const events = await buildLog(dir, log);
    const store = await openSqliteEventStore({ dataDir: join(dir, 'events') });
    const ceiling: Run[] = [];
    const sqlite: Run[] = [];
    const sqliteStore = await openReadStore({ url: join(dir, 'read.sqlite') });
    const sqliteTimes: ApplyTimes = new Map();
    for (let i = 0; i < repeats; i++) {
      ceiling.push(await readAllRun(store));
      sqlite.push(await rebuildRun(store, sqliteStore, events, sqliteTimes));
      log(`rebuild on SQLite: ${Math.round(sqlite[i].eventsPerSecond)} events/s (readAll ${Math.round(ceiling[i].eventsPerSecond)})`);
      log(`  per projection: ${describeTimes(sqliteTimes, events)}`);
    }
    const names = readModelProjections({ registry: createRegistry(), store }).map((p) => p.name);
    await sqliteStore.close();
    const label = `${events.toLocaleString('en-GB')} events`;
    figures.push(figure('projections-rebuild-sqlite', `full rebuild of ${names.length} read models, SQLite, ${label}`, sqlite, 'projections-read-all'));
    if (postgresAvailable('bench projections')) {
      const schema = testSchemaName();
      const pgStore = await openReadStore({ url: TEST_PG_URL, schema });
      const pg: Run[] = [];
      const pgTimes: ApplyTimes = new Map();
      try {
        for (let i = 0; i < repeats; i++) {
          pg.push(await rebuildRun(store, pgStore, events, pgTimes));
          log(`rebuild on PostgreSQL: ${Math.round(pg[i].eventsPerSecond)} events/s`);
          log(`  per projection: ${describeTimes(pgTimes, events)}`);
        }
        notes.push(`Time in each projection's apply, last PostgreSQL run: ${describeTimes(pgTimes, events)}.`);
      } finally {
        await pgStore.close();
        await dropSchema(schema);
      }
      figures.push(
        figure('projections-rebuild-postgres', `full rebuild of ${names.length} read models, PostgreSQL (local), ${label}`, pg, 'projections-read-all'),
      );
    } else {
      notes.push('PostgreSQL was not reachable: no PostgreSQL figure in this run.');
    }
    notes.push(`Time in each projection's apply, last SQLite run: ${describeTimes(sqliteTimes, events)}.`);
    notes.push(
      `Read models rebuilt: ${names.join(', ')} (everything readModelProjections returns; the log holds COE streams only, so BCN's apply sees no event).`,
    );
    figures.push(figure('projections-read-all', `raw: store.readAll of the same ${label}`, ceiling));
    await store.close();
    const got = spread(sqlite.map((r) => r.eventsPerSecond)).median;
    notes.unshift(
      `Target: full rebuild on SQLite >= ${TARGET_REBUILD.toLocaleString('en-GB')} events/s: ${got >= TARGET_REBUILD ? 'met' : 'NOT met'} in this run (median ${Math.round(got).toLocaleString('en-GB')}).`,
    );
  } finally {
    removeDir(dir);
  }
  return {
    title: 'Projections (every read model)',
    description:
      'A full rebuild (tables emptied, checkpoints reset, whole log replayed through the catch-up subscription) of every read model ' +
      'readModelProjections returns: the COE projections (overview, assessments, activity counts and participants, phase history, ' +
      'replications), BCN exchanges, deadlines (each stream folded through its XState machine) and whatever else is registered there. ' +
      'Batches of 10,000 events while rebuilding, one read-database transaction each. The log is real COE histories (the test ' +
      'portfolio through WorkflowService) copied under new stream ids and re-sealed.',
    figures,
    notes: [
      ...notes,
      'The ceiling is the raw readAll of the same log from the same SQLite event store: the rebuild reads the log the same way and cannot be faster.',
      'Peak RSS is the whole bench process (sampled every 10 ms).',
    ],
  };
};
