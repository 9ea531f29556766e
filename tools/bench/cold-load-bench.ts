import { checkChain, GENESIS_HASH } from '@apo/engine';
import { COE_DEFINITION_NAME } from '@apo/coe';
import type { EventStore } from '@apo/event-store';
import { openSqliteEventStore, openSqliteSnapshotStore, type SqliteSnapshotStore } from '@apo/event-store/sqlite';
import { WorkflowService } from '@apo/workflow';
import { benchClock, benchRegistry, recordCommand, seedCoe } from './commands-bench';
import { latencyFigure, type Section } from './report';
import { collectGarbage, msSince, percentile, RssSampler, spread } from './stats';
import { removeDir, scratchDir } from './workload';

const EVENTS = 1_000;
const SNAPSHOT_EVERY = 100;
const LOADS = 50;
const BUDGET_MS = 5;
const INSTANCE = 'long-1';
const STREAM = `coe-${INSTANCE}`;

/**
 * One COE stream of 1,000 events written through WorkflowService with snapshots every 100: the
 * latest snapshot is at revision 900, so a load folds the 99 events after it (the worst case
 * for this interval). Built with synchronous NORMAL (a fixture).
 */
const buildStream = async (dir: string): Promise<void> => {
  const store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
  const snapshots = await openSqliteSnapshotStore({ dataDir: dir });
  const service = new WorkflowService(store, benchRegistry(), benchClock(), { snapshots, snapshotEvery: SNAPSHOT_EVERY });
  const seeded = await seedCoe(service, INSTANCE);
  const actor = { id: 'bench:admin', role: 'admin' };
  for (let n = seeded; n < EVENTS; n++) await service.execute({ definition: COE_DEFINITION_NAME, instanceId: INSTANCE, command: recordCommand(n), actor });
  await service.snapshotsWritten();
  await Promise.all([store.close(), snapshots.close()]);
};

interface Run {
  readonly eventsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly peakRssMiB: number;
}

/** `LOADS` cold loads (a new WorkflowService each: empty memory cache) of the stream; events/s is 1,000 events over the median load. */
const loadRun = async (load: () => Promise<number>): Promise<Run> => {
  collectGarbage();
  const rss = new RssSampler();
  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const t = process.hrtime.bigint();
    const revision = await load();
    times.push(msSince(t));
    if (revision !== EVENTS - 1) throw new Error(`loaded revision ${revision}`);
  }
  const p50 = percentile(times, 50);
  return { eventsPerSecond: EVENTS / (p50 / 1000), p50, p99: percentile(times, 99), peakRssMiB: rss.stop() };
};

/**
 * Cold load of one long stream: a new WorkflowService (empty memory cache) answering `get` on a
 * 1,000-event COE, without and with the SQLite snapshot cache, beside the raw readStream of the
 * same 1,000 events (what a full fold cannot beat). Run alternately, repeat by repeat.
 */
export const coldLoadSection = async (repeats: number, log: (line: string) => void): Promise<Section> => {
  const dir = scratchDir();
  const registry = benchRegistry();
  const clock = benchClock();
  let store: EventStore | undefined;
  let snapshots: SqliteSnapshotStore | undefined;
  try {
    await buildStream(dir);
    store = await openSqliteEventStore({ dataDir: dir });
    snapshots = await openSqliteSnapshotStore({ dataDir: dir });
    const s = store;
    const snap = snapshots;
    const latest = await snap.get(STREAM);
    if (latest?.revision !== 900) throw new Error(`latest snapshot at ${latest?.revision}`);
    const full = () => new WorkflowService(s, registry, clock).get(COE_DEFINITION_NAME, INSTANCE).then((v) => v.revision);
    const fromSnapshot = () =>
      new WorkflowService(s, registry, clock, { snapshots: snap, snapshotEvery: SNAPSHOT_EVERY }).get(COE_DEFINITION_NAME, INSTANCE).then((v) => v.revision);
    const read = () => s.readStream(STREAM).then((events) => events.length - 1);
    // What every load now adds: the hash chain check of the events it folds (here all 1,000, read once).
    const stored = await s.readStream(STREAM);
    const chain = async () => checkChain(STREAM, { revision: -1, hash: GENESIS_HASH }, stored).revision;
    const fulls: Run[] = [];
    const snaps: Run[] = [];
    const reads: Run[] = [];
    const chains: Run[] = [];
    for (let i = 0; i < repeats; i++) {
      fulls.push(await loadRun(full));
      snaps.push(await loadRun(fromSnapshot));
      reads.push(await loadRun(read));
      chains.push(await loadRun(chain));
      log(
        `cold load: full fold ${fulls[i].p50.toFixed(2)} ms, from snapshot ${snaps[i].p50.toFixed(2)} ms; readStream ${reads[i].p50.toFixed(2)} ms; chain check ${chains[i].p50.toFixed(2)} ms (medians of ${LOADS})`,
      );
    }
    const got = spread(snaps.map((r) => r.p50)).median;
    const fullMs = spread(fulls.map((r) => r.p50)).median;
    const chainMs = spread(chains.map((r) => r.p50)).median;
    return {
      title: 'Cold load of one long stream',
      description:
        `A new WorkflowService (empty memory cache) loads a ${EVENTS.toLocaleString('en-GB')}-event COE stream (\`get\`), median of ${LOADS} loads per run: ` +
        `folding every event, or from the SQLite snapshot cache (a snapshot every ${SNAPSHOT_EVERY} events; the latest at revision 900, so 99 events are folded after it, the worst case). ` +
        'Events/s is 1,000 events over the median load time; the latency columns are the load time. Ceiling: readStream of the same 1,000 events (a full fold cannot beat it; a snapshot load reads only its tail, so it can).',
      figures: [
        latencyFigure('cold-load-full', 'cold load, full fold', fulls, 'cold-load-read'),
        latencyFigure('cold-load-snapshot', 'cold load, from snapshot + 99-event tail', snaps, 'cold-load-read', 'SQLite snapshot cache'),
        latencyFigure('cold-load-read', 'raw: store.readStream of the 1,000 events', reads),
        latencyFigure('cold-load-chain-check', 'part of the full fold: checkChain of the 1,000 events read (revision, prevHash, recomputed hash)', chains),
      ],
      notes: [
        `Budget: cold load of a 1,000-event stream <= ${BUDGET_MS} ms with the snapshot cache: ${got <= BUDGET_MS ? 'met' : 'NOT met'} in this run (median ${got.toFixed(2)} ms; full fold ${fullMs.toFixed(2)} ms).`,
        `Every stored event a load folds is first checked against the hash chain: ${chainMs.toFixed(2)} ms of the full fold's ${fullMs.toFixed(2)} ms (${Math.round((chainMs / fullMs) * 100)} %, ${((chainMs * 1000) / EVENTS).toFixed(1)} µs an event); a snapshot load checks only the 100 events it reads (its own event and the 99 after it).`,
        'A snapshot is used only if the log still has, at its revision, an event with its hash and definition version; that event is read with the tail, so the check costs no extra read.',
        'Peak RSS is the whole bench process (sampled every 10 ms).',
      ],
    };
  } finally {
    await store?.close();
    await snapshots?.close();
    removeDir(dir);
  }
};
