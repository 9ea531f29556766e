import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { initialTransition, transition } from 'xstate';
import { auditRegistry, verifyStore, writeExport } from '@apo/audit';
import { COE_DEFINITION_NAME } from '@apo/coe';
import type { RecordedEvent } from '@apo/event-store';
import { openSqliteEventStore, type SqliteEventStore } from '@apo/event-store/sqlite';
import { buildBenchLog, templateEvents } from './bench-log';
import { throughputFigure as figure, type Section, type ThroughputRun as Run } from './report';
import { collectGarbage, msSince, RssSampler } from './stats';
import { removeDir, scratchDir } from './workload';

const TARGET_EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);


async function measure(events: number, work: () => Promise<unknown>): Promise<Run> {
  collectGarbage();
  const rss = new RssSampler();
  const start = process.hrtime.bigint();
  await work();
  return { eventsPerSecond: events / (msSince(start) / 1000), peakRssMiB: rss.stop() };
}

/** A sink that takes everything at once: the export's own cost, not a disk's. */
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/**
 * The ceiling: XState's pure `transition` on the COE machine alone, replaying the template's
 * streams over and over for about `seconds` (no hashing, no checks, no reading).
 */
function transitionRun(template: readonly RecordedEvent[], seconds = 5): Run {
  const machine = auditRegistry().latest(COE_DEFINITION_NAME).machine;
  const streams = new Map<string, RecordedEvent[]>();
  for (const e of template) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
  collectGarbage();
  const rss = new RssSampler();
  const start = process.hrtime.bigint();
  let count = 0;
  while (msSince(start) < seconds * 1000) {
    for (const events of streams.values()) {
      let [snapshot] = initialTransition(machine);
      for (const e of events) [snapshot] = transition(machine, snapshot, { type: e.type, data: e.data });
      count += events.length;
    }
  }
  return { eventsPerSecond: count / (msSince(start) / 1000), peakRssMiB: rss.stop() };
}

/** The worker-thread figure per worker, as a share of the raw transition rate (medians). */
function perCore(threaded: readonly Run[], ceiling: readonly Run[], workers: number): string {
  const median = (runs: readonly Run[]) => [...runs.map((r) => r.eventsPerSecond)].sort((a, b) => a - b)[Math.floor((runs.length - 1) / 2)];
  const share = median(threaded) / workers / median(ceiling);
  return `per core: ${Math.round(median(threaded) / workers)} events/s per worker = ${Math.round(100 * share)}% of the raw transition rate`;
}

async function verifyRun(store: SqliteEventStore, events: number, workers: number, log: (line: string) => void): Promise<Run> {
  const registry = auditRegistry();
  let ok = false;
  const run = await measure(events, async () => {
    const result = await verifyStore(store, { registry, workers });
    ok = result.ok && result.events === events;
  });
  if (!ok) throw new Error(`audit bench: the generated store did not verify clean with ${workers} workers`);
  log(`verify, ${workers === 0 ? 'one thread' : `${workers} worker threads`}: ${Math.round(run.eventsPerSecond)} events/s, peak RSS ${Math.round(run.peakRssMiB)} MiB`);
  return run;
}

/**
 * Audit over a generated store of >= 1,000,000 real COE events: whole-store verify in one thread
 * and with a worker thread per core, and a JSON Lines export, beside XState's raw `transition`
 * on the COE machine measured in the same run (the ceiling of any replay).
 */
export const auditSection = async (repeats: number, log: (line: string) => void): Promise<Section> => {
  const dir = scratchDir();
  const cores = availableParallelism();
  const single: Run[] = [];
  const threaded: Run[] = [];
  const exports: Run[] = [];
  const ceiling: Run[] = [];
  let events = 0;
  try {
    const template = await templateEvents(dir);
    events = await buildBenchLog(dir, template, TARGET_EVENTS, log);
    const store = await openSqliteEventStore({ dataDir: join(dir, 'events') });
    try {
      for (let i = 0; i < repeats; i++) {
        ceiling.push(transitionRun(template));
        log(`raw XState transition: ${Math.round(ceiling[i].eventsPerSecond)} events/s`);
        single.push(await verifyRun(store, events, 0, log));
        threaded.push(await verifyRun(store, events, cores, log));
        exports.push(await measure(events, () => writeExport(store.readAll(), 'jsonl', discard())));
        log(`export (JSON Lines): ${Math.round(exports[i].eventsPerSecond)} events/s, peak RSS ${Math.round(exports[i].peakRssMiB)} MiB`);
      }
    } finally {
      await store.close();
    }
  } finally {
    removeDir(dir);
  }
  const label = `${events.toLocaleString('en-GB')} events`;
  return {
    title: 'Audit (verify and export)',
    description:
      `Whole-store verify (one pass over the log with readAll; each event goes to the thread owning its stream, which keeps the stream's replay: ` +
      `one XState transition per event on a reused inert actor scope, RFC 8785 canonical JSON + SHA-256 per event, from/to, allowed, revisions, log order) and a JSON Lines export, ` +
      `over a SQLite store of ${label}: real COE histories (the test portfolio through WorkflowService) copied under new stream ids and re-sealed.`,
    figures: [
      figure('audit-verify-1', `verify the whole store, one thread, ${label}`, single, 'audit-transition'),
      figure('audit-verify-all', `verify the whole store, ${cores} worker threads (one per core), ${label}`, threaded, 'audit-transition', perCore(threaded, ceiling, cores)),
      figure('audit-export', `export the whole log as JSON Lines (to a discarding sink), ${label}`, exports),
      figure('audit-transition', 'raw: XState transition on the COE machine, one thread', ceiling),
    ],
    notes: [
      'The ceiling is XState\'s `transition` helper alone, in one thread, in the same run. That helper builds a throwaway actor (initial state included) on every call; verify replays with `machine.transition` on one inert actor scope per definition and asks `can` only when a transition left the snapshot unchanged, so its replay costs less than the ceiling\'s and the rest (reading, hashing, checks) fits beside it.',
      'Per core: the worker-thread figure divided by the number of workers, then by the raw transition rate. The main thread reads and parses the log (readAll) on the same cores as the workers, so this is the honest share of one core, not a worker measured alone.',
      'Peak RSS is the whole bench process, worker threads included (sampled every 10 ms). Memory grows with the number of streams (one replay state per stream, kept by the thread owning it until the pass ends), not with the number of events: batches in flight are bounded.',
    ],
  };
};
