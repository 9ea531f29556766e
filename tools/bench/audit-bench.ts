import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { auditRegistry, verifyStore, writeExport } from '@apo/audit';
import { machineStep, toMachineEvent, type MachineEvent } from '@apo/engine';
import type { RecordedEvent } from '@apo/event-store';
import { openSqliteEventStore, type SqliteEventStore } from '@apo/event-store/sqlite';
import { buildBenchLog, templateEvents } from './bench-log';
import { throughputFigure as figure, type Section, type ThroughputRun as Run } from './report';
import { collectGarbage, msSince, RssSampler, spread } from './stats';
import { removeDir, scratchDir } from './workload';

const TARGET_EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
/** The ceiling: untimed warm-up (JIT, heap sizing), then several short timed runs. */
const CEILING_WARMUP_MS = 3_000;
const CEILING_RUNS = 7;
const CEILING_RUN_MS = 1_000;

async function measure(events: number, work: () => Promise<unknown>): Promise<Run> {
  collectGarbage();
  const rss = new RssSampler();
  const start = process.hrtime.bigint();
  await work();
  return { eventsPerSecond: events / (msSince(start) / 1000), peakRssMiB: rss.stop() };
}

/** A sink that takes everything at once: the export's own cost, not a disk's. */
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

type Step = (machine: AnyStateMachine) => (snapshot: AnyMachineSnapshot, event: MachineEvent) => AnyMachineSnapshot;

/** XState's `transition` helper (a throwaway actor scope per call): the "raw transition". */
const helperStep: Step = (machine) => (snapshot, event) => transition(machine, snapshot, event)[0];

interface Replay {
  readonly machine: AnyStateMachine;
  readonly events: readonly MachineEvent[];
}

/**
 * What the verify replays, per template stream (the bench store holds copies of them): the
 * machine of the definition version its first event names, as the verify looks it up, and its
 * events as the verify hands them to XState.
 */
function replaysOf(template: readonly RecordedEvent[]): Replay[] {
  const registry = auditRegistry();
  const streams = new Map<string, RecordedEvent[]>();
  for (const e of template) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
  return [...streams.values()].map((events) => {
    const { definition, version } = events[0].metadata as { definition: string; version: number };
    return { machine: registry.get(definition, version).machine as AnyStateMachine, events: events.map((e) => toMachineEvent({ type: e.type, data: e.data })) };
  });
}

/**
 * CPU-seconds this thread has run (Linux: /proc/thread-self/stat, user + system, in the kernel's
 * 1/100 s ticks); undefined elsewhere.
 */
function threadCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Events per second of one timed replay: by the clock, per CPU-second of the process, of this thread. */
interface ReplayRate {
  readonly wall: number;
  readonly process: number;
  readonly thread?: number;
}

/** Replays every stream from the initial state, over and over, for about `ms`. */
function replayFor(replays: readonly Replay[], step: Step, ms: number): ReplayRate {
  const steps = replays.map((r) => step(r.machine));
  const thread = threadCpuSeconds();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let count = 0;
  while (msSince(start) < ms) {
    replays.forEach(({ machine, events }, i) => {
      let [snapshot] = initialTransition(machine);
      for (const event of events) snapshot = steps[i](snapshot, event);
      count += events.length;
    });
  }
  const wall = count / (msSince(start) / 1000);
  const used = process.cpuUsage(cpu);
  const threadUsed = thread === undefined ? undefined : (threadCpuSeconds() as number) - thread;
  return { wall, process: count / ((used.user + used.system) / 1e6), thread: threadUsed ? count / threadUsed : undefined };
}

const summary = (values: readonly number[]) => {
  if (values.length === 0) return 'n/a';
  const s = spread(values);
  return `median ${Math.round(s.median)} (${Math.round(s.min)}-${Math.round(s.max)})`;
};

/**
 * A raw XState rate alone, in this thread (no reading, hashing or checks): warmed up, then
 * CEILING_RUNS short runs, each counted per CPU-second of the process: the replay's own garbage
 * collection, which V8 partly does on other cores, included; other work on the machine taking
 * turns on the cores left out. The clock's rate, this thread's and the load average are logged.
 */
function transitionRuns(replays: readonly Replay[], step: Step, name: string, log: (line: string) => void): Run[] {
  collectGarbage();
  replayFor(replays, step, CEILING_WARMUP_MS);
  const rates: ReplayRate[] = [];
  const runs: Run[] = [];
  for (let i = 0; i < CEILING_RUNS; i++) {
    const rss = new RssSampler();
    rates.push(replayFor(replays, step, CEILING_RUN_MS));
    runs.push({ eventsPerSecond: rates[i].process, peakRssMiB: rss.stop() });
  }
  const threads = rates.flatMap((r) => (r.thread === undefined ? [] : [r.thread]));
  log(
    `${name}: per CPU-second of the process ${summary(rates.map((r) => r.process))}, by the clock ${summary(rates.map((r) => r.wall))}, ` +
      `per CPU-second of its thread ${summary(threads)} events/s (load average ${loadavg()[0].toFixed(1)})`,
  );
  return runs;
}

/** One verify of the whole store: by the clock (`run`) and per CPU-second of the process, every thread (`cpu`). */
async function verifyRun(
  store: SqliteEventStore,
  events: number,
  workers: number,
  read: 'copy' | 'log',
  log: (line: string) => void,
): Promise<{ run: Run; cpu: Run }> {
  const registry = auditRegistry();
  let ok = false;
  const cpu = process.cpuUsage();
  const run = await measure(events, async () => {
    const result = await verifyStore(store, { registry, workers, read });
    ok = result.ok && result.events === events;
  });
  const used = process.cpuUsage(cpu);
  const how = workers === 0 ? 'one thread' : `${workers} worker threads reading ${read === 'copy' ? 'a copy of the file' : 'from this thread (log)'}`;
  if (!ok) throw new Error(`audit bench: the generated store did not verify clean (${how})`);
  const cpuPerEvent = ((used.user + used.system) / events).toFixed(1);
  log(
    `verify, ${how}: ${Math.round(run.eventsPerSecond)} events/s, ${cpuPerEvent} µs of CPU per event (all threads), peak RSS ${Math.round(run.peakRssMiB)} MiB (load average ${loadavg()[0].toFixed(1)})`,
  );
  return { run, cpu: { eventsPerSecond: events / ((used.user + used.system) / 1e6), peakRssMiB: run.peakRssMiB } };
}

/**
 * Audit over a generated store of >= 1,000,000 real COE events: whole-store verify in one thread
 * and with a worker thread per core (reading a copy of the file themselves, and fed from the log
 * by this thread), and a JSON Lines export, beside XState's raw `transition` on the machine and
 * events the verify replays, measured in the same run (the ceiling of any replay).
 */
export const auditSection = async (repeats: number, log: (line: string) => void): Promise<Section> => {
  const dir = scratchDir();
  const cores = availableParallelism();
  const workers = cores;
  const single: Run[] = [];
  const threaded: Run[] = [];
  const threadedCpu: Run[] = [];
  const fed: Run[] = [];
  const exports: Run[] = [];
  const ceiling: Run[] = [];
  const stepped: Run[] = [];
  let events = 0;
  try {
    const template = await templateEvents(dir);
    const replays = replaysOf(template);
    events = await buildBenchLog(dir, template, TARGET_EVENTS, log);
    const store = await openSqliteEventStore({ dataDir: join(dir, 'events') });
    try {
      for (let i = 0; i < repeats; i++) {
        ceiling.push(...transitionRuns(replays, helperStep, 'raw XState transition helper', log));
        single.push((await verifyRun(store, events, 0, 'log', log)).run);
        const copied = await verifyRun(store, events, workers, 'copy', log);
        threaded.push(copied.run);
        threadedCpu.push(copied.cpu);
        fed.push((await verifyRun(store, events, workers, 'log', log)).run);
        exports.push(await measure(events, () => writeExport(store.readAll(), 'jsonl', discard())));
        log(`export (JSON Lines): ${Math.round(exports[i].eventsPerSecond)} events/s, peak RSS ${Math.round(exports[i].peakRssMiB)} MiB`);
        stepped.push(...transitionRuns(replays, machineStep, "raw XState machine step (the verify's)", log));
      }
    } finally {
      await store.close();
    }
  } finally {
    removeDir(dir);
  }
  const label = `${events.toLocaleString('en-GB')} events`;
  // Per core: what the workers verify per second, shared out over the cores they can have.
  const perCore = threaded.map((r) => ({ ...r, eventsPerSecond: r.eventsPerSecond / Math.min(workers, cores) }));
  return {
    title: 'Audit (verify and export)',
    description:
      `Whole-store verify (every stream replayed by one thread: one XState transition per event on a reused inert actor scope, RFC 8785 canonical JSON + SHA-256 per event, from/to, allowed, revisions, log order) and a JSON Lines export, ` +
      `over a SQLite store of ${label}: real COE histories (the test portfolio through WorkflowService) copied under new stream ids and re-sealed. ` +
      `With worker threads, each worker reads ranges of streams itself from a copy of the store's file (SQLite's online backup, made when the verify starts: the store holds its file exclusively); fed from the log, this thread reads the log and ships each event to the worker owning its stream (the path for stores a worker cannot open, such as EventStoreDB).`,
    figures: [
      figure('audit-verify-1', `verify the whole store, one thread (reading the log), ${label}`, single, 'audit-transition'),
      figure('audit-verify-all', `verify the whole store, ${workers} worker threads reading a copy of the file, ${label}`, threaded, 'audit-transition'),
      figure(
        'audit-verify-core',
        `verify per core: the ${workers} workers' rate / min(workers, cores) = ${Math.min(workers, cores)}`,
        perCore,
        'audit-transition',
      ),
      figure(
        'audit-verify-cpu',
        `verify per CPU-second of the process (every thread), ${workers} worker threads reading a copy of the file`,
        threadedCpu,
        'audit-transition',
      ),
      figure('audit-verify-fed', `verify the whole store, ${workers} worker threads fed from the log by this thread, ${label}`, fed, 'audit-transition'),
      figure('audit-export', `export the whole log as JSON Lines (to a discarding sink), ${label}`, exports),
      figure(
        'audit-transition',
        `raw: XState \`transition\` helper on the machines and events the verify replays, one thread (${CEILING_RUNS} runs of ${CEILING_RUN_MS / 1000} s per repeat after ${CEILING_WARMUP_MS / 1000} s of warm-up)`,
        ceiling,
      ),
      figure(
        'audit-step',
        'raw: XState `machine.transition` on one inert actor scope (the step the verify takes), same machines and events, one thread',
        stepped,
      ),
    ],
    notes: [
      "The ceiling is XState's `transition` helper alone on the machines and events the verify replays (each template stream through the definition version its first event names), in one thread, in the same run: warmed up (the first second runs at about half speed), then several short runs, each counted per CPU-second of the whole process, and the figure is their median. The helper builds a throwaway actor (initial state included) on every call, and V8's parallel GC helpers collect after it on another core: by the clock one thread replays about 1.4 times its per-CPU-second rate on an otherwise idle machine, using about 1.4 cores. Counting CPU-seconds makes the ceiling what one core does, and leaves out other work on the machine taking turns on the cores (by the clock, the same helper swung by 2x and more between runs on this shared machine; the bench log shows the clock's rate, the thread's own CPU rate and the load average beside it). The verify replays with `machine.transition` on one inert actor scope per definition (the last row, for scale) and asks `can` only when a transition left the snapshot unchanged.",
      'Per core: the worker-thread figure divided by min(workers, cores), then by the raw transition rate. The worker figure is by the clock and is the whole call: copying the store file (SQLite online backup) and starting the workers are in it, and this thread shares the cores with the workers; when other work shares the machine it falls while the ceiling does not. Per CPU-second: the same verify counted against the CPU time the whole process spent on it (copy, worker start-up and this thread included), which other work on the machine moves much less.',
      "Peak RSS is the whole bench process, worker threads included (sampled every 10 ms). Workers reading a copy hold one stream's replay at a time; fed from the log, each worker keeps the replay of every stream it owns until the pass ends, so memory grows with the number of streams, not of events.",
    ],
  };
};
