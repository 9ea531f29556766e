import { ManualClock, type Command, type DefinitionRegistry } from '@apo/engine';
import { COE_DEFINITION_NAME } from '@apo/coe';
import { createRegistry } from '@apo/programmes';
import * as coe from '@apo/coe/testing';
import type { EventStore, EventToAppend } from '@apo/event-store';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { WorkflowService } from '@apo/workflow';
import { latencyFigure, type Section } from './report';
import { rawInsert, type RawRun } from './sqlite-ceiling';
import { collectGarbage, msSince, percentile, RssSampler, spread } from './stats';
import { removeDir, scratchDir } from './workload';

const CALLERS = 32;
const COMMANDS_PER_CALLER = Number(process.env.BENCH_COMMANDS_PER_CALLER ?? 500);
const BUDGET = 20_000;

const admin = { id: 'bench:admin', role: 'admin' };
/** What the API runs: new COEs on the latest definition (version 2). */
export const benchRegistry = (): DefinitionRegistry => createRegistry();
/** The fixtures' "now" (2031): every record date below is in the COE's life and not in the future. */
export const benchClock = (): ManualClock => new ManualClock(coe.NOW);

/**
 * The API bench's mix as in-process commands on a COE in designation: activities (70 %),
 * publications (20 %), assessments (10 %), one event each.
 */
export const recordCommand = (n: number): Command => {
  const kind = n % 10;
  const day = `2025-${String(8 + (n % 5)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  if (kind < 7) return coe.recordActivity(day, { activityId: `a-${n}` });
  if (kind < 9) return { ...coe.recordPublication(day), data: { ...coe.recordPublication(day).data, publicationId: `p-${n}` } };
  return coe.assess('extend', '2026-06-01', `as-${n}`);
};

/** Brings a COE to designation (3 commands; the designation appends its launch, which is past), ready to take records; answers the events written. */
export const seedCoe = async (service: WorkflowService, instanceId: string): Promise<number> => {
  let revision = -1;
  for (const command of coe.history.designation())
    revision = (await service.execute({ definition: COE_DEFINITION_NAME, instanceId, command, actor: admin })).revision;
  return revision + 1;
};

interface Run extends RawRun {
  /** The events the commands appended, per stream, for the store-append ceiling. */
  readonly appended?: EventToAppend[][];
}

/** 32 callers, each on its own COE, `COMMANDS_PER_CALLER` commands each, through WorkflowService.execute on a durable store. */
export const commandsRun = async (): Promise<Run> => {
  const dir = scratchDir();
  const store = await openSqliteEventStore({ dataDir: dir });
  const service = new WorkflowService(store, benchRegistry(), benchClock());
  try {
    await Promise.all(Array.from({ length: CALLERS }, (_, c) => seedCoe(service, `bench-${c}`)));
    const latencies: number[] = [];
    collectGarbage();
    const rss = new RssSampler();
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CALLERS }, async (_, c) => {
        for (let i = 0; i < COMMANDS_PER_CALLER; i++) {
          const t = process.hrtime.bigint();
          await service.execute({
            definition: COE_DEFINITION_NAME,
            instanceId: `bench-${c}`,
            command: recordCommand(c * COMMANDS_PER_CALLER + i),
            actor: admin,
          });
          latencies.push(msSince(t));
        }
      }),
    );
    const elapsed = msSince(start);
    const peakRssMiB = rss.stop();
    const appended = await Promise.all(Array.from({ length: CALLERS }, (_, c) => recorded(store, `coe-bench-${c}`)));
    return {
      eventsPerSecond: (CALLERS * COMMANDS_PER_CALLER) / (elapsed / 1000),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      peakRssMiB,
      appended,
    };
  } finally {
    await store.close();
    removeDir(dir);
  }
};

/** The record events of one stream (after its 3 seed events), as they would be appended again. */
const recorded = async (store: EventStore, streamId: string): Promise<EventToAppend[]> =>
  (await store.readStream(streamId, { fromRevision: 3 })).map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata }));

/** The same events appended straight to a fresh durable store by 32 writers, one per append: what the store alone allows. */
const storeAppendRun = async (streams: readonly EventToAppend[][]): Promise<Run> => {
  const dir = scratchDir();
  const store = await openSqliteEventStore({ dataDir: dir });
  try {
    const latencies: number[] = [];
    collectGarbage();
    const rss = new RssSampler();
    const start = process.hrtime.bigint();
    await Promise.all(
      streams.map(async (events, w) => {
        for (let i = 0; i < events.length; i++) {
          const t = process.hrtime.bigint();
          await store.appendToStream(`coe-bench-${w}`, [events[i]], i === 0 ? 'no_stream' : i - 1);
          latencies.push(msSince(t));
        }
      }),
    );
    const elapsed = msSince(start);
    const count = streams.reduce((sum, s) => sum + s.length, 0);
    return { eventsPerSecond: count / (elapsed / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), peakRssMiB: rss.stop() };
  } finally {
    await store.close();
    removeDir(dir);
  }
};

const k = (value: number) => Math.round(value).toLocaleString('en-GB');

/**
 * Durable in-process commands: authorise, load (memory cache + tail read), decide, seal, append
 * (group commit, FULL), beside the store appending the very same events and the raw SQLite rate
 * of 32 inserts per transaction, run alternately so other load on the machine hits all alike.
 */
export const commandsSection = async (repeats: number, log: (line: string) => void): Promise<Section> => {
  const commands: Run[] = [];
  const appends: Run[] = [];
  const raws: Run[] = [];
  for (let i = 0; i < repeats; i++) {
    const run = await commandsRun();
    commands.push(run);
    appends.push(await storeAppendRun(run.appended ?? []));
    collectGarbage();
    raws.push(rawInsert('FULL', COMMANDS_PER_CALLER, CALLERS, CALLERS));
    log(
      `commands ${k(run.eventsPerSecond)}/s (p99 ${run.p99.toFixed(1)} ms); store append of the same events ${k(appends[i].eventsPerSecond)}/s; raw 32/tx ${k(raws[i].eventsPerSecond)}/s`,
    );
  }
  const figures = [
    latencyFigure(
      'commands-32',
      `WorkflowService.execute, ${CALLERS} concurrent callers on distinct COEs (commands/s = events/s)`,
      commands,
      'commands-raw-32tx',
      'durable FULL',
    ),
    latencyFigure('commands-store-append', 'store.appendToStream of the same events, 32 writers, 1 per append', appends, 'commands-raw-32tx'),
    latencyFigure('commands-raw-32tx', 'raw: 32 inserts per transaction over 32 streams, FULL', raws),
  ];
  const got = spread(commands.map((r) => r.eventsPerSecond)).median;
  const store = spread(appends.map((r) => r.eventsPerSecond)).median;
  const raw = spread(raws.map((r) => r.eventsPerSecond)).median;
  return {
    title: 'In-process commands (WorkflowService, SQLite durable)',
    description:
      `${CALLERS} callers, each on its own COE in designation, ${COMMANDS_PER_CALLER} commands each (70 % RecordActivity, 20 % RecordPublication, 10 % RecordAssessment; one event per command), ` +
      'through `WorkflowService.execute` on the embedded store with synchronous=FULL: every command is durable when it answers. ' +
      'Ceilings from the same run: the store appending the very events the commands produced (32 writers, one event per append), and raw better-sqlite3 with 32 inserts per transaction.',
    figures,
    notes: [
      `Budget: durable in-process commands >= ${k(BUDGET)}/s: ${got >= BUDGET ? 'met' : 'NOT met'} in this run (median ${k(got)}; ` +
        `the store alone appends the same events at ${k(store)}/s and raw SQLite commits 32 per transaction at ${k(raw)}/s${raw < BUDGET ? ', so the budget is above the disk ceiling on this machine' : ''}).`,
      `Commands reach ${Math.round((got / store) * 100)} % of the store's own append rate: each group commit waits for one fsync, and with 32 callers at most 32 commands share it.`,
      'Peak RSS is the whole bench process (sampled every 10 ms).',
    ],
  };
};
