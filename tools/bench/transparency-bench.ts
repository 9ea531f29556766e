import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { RecordedEvent } from '@apo/event-store';
import { openReadStore, type ReadStore } from '@apo/read-store';
import { TransparencyCheckpointer, TransparencyLogReader, transparencyLogProjection } from '@apo/shared-read-models';
import {
  appendCompletingSubtreesHex,
  formatCheckpoint,
  generateNoteKeys,
  parseSignerKey,
  rootOf,
  signNote,
  transparencyLeafHashHex,
} from '@apo/transparency-log';
import { latencyFigure, throughputFigure, type Section, type ThroughputRun } from './report';
import { collectGarbage, msSince, percentile, RssSampler } from './stats';
import { removeDir, scratchDir } from './workload';
import { checkStoreAgainstCheckpoints } from '@apo/audit';
import { openSqliteEventStore } from '@apo/event-store/sqlite';
import { buildBenchLog, templateEvents } from './bench-log';
import { commandsRun } from './commands-bench';

const EVENTS = Number(process.env.BENCH_TRANSPARENCY_EVENTS ?? 100_000);
const BATCH = 1_000;
const PROOFS = 1_000;
const SIGNATURES = 2_000;
/** Streams the events interleave over (the HTTP bench drives 32 lanes; 500 is a worst case for the stream index). */
const STREAMS = Number(process.env.BENCH_TRANSPARENCY_STREAMS ?? 500);

/** Events as the store hands them to the runner: a stored envelope hash each, over STREAMS interleaved streams. */
const eventsOf = (count: number): RecordedEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    streamId: `coe-bench-${i % STREAMS}`,
    revision: Math.floor(i / STREAMS),
    position: BigInt(i + 1),
    eventId: randomUUID(),
    type: 'ActivityRecorded',
    data: { i },
    metadata: { hash: createHash('sha256').update(String(i)).digest('hex') },
    createdAt: '2026-01-01T00:00:00.000Z',
  }));

/** The projection's apply over every event, in transactions of BATCH events, on a fresh SQLite read store. */
async function appendRun(events: readonly RecordedEvent[]): Promise<{ run: ThroughputRun; readStore: ReadStore; dir: string }> {
  const dir = scratchDir();
  const readStore = await openReadStore({ url: `sqlite:${join(dir, 'read.sqlite')}` });
  const projection = transparencyLogProjection();
  collectGarbage();
  const rss = new RssSampler();
  const start = process.hrtime.bigint();
  for (let at = 0; at < events.length; at += BATCH) await readStore.db.transaction().execute((trx) => projection.apply(trx, events.slice(at, at + BATCH)));
  return { run: { eventsPerSecond: events.length / (msSince(start) / 1000), peakRssMiB: rss.stop() }, readStore, dir };
}

/** The hashing alone (leaf hashes, completed nodes), no storage: the ceiling of the append. */
function hashingRun(events: readonly RecordedEvent[]): ThroughputRun {
  collectGarbage();
  const rss = new RssSampler();
  const start = process.hrtime.bigint();
  let frontier = { size: 0, subtreeRoots: [] as readonly string[] };
  for (let at = 0; at < events.length; at += BATCH)
    frontier = appendCompletingSubtreesHex(frontier, events.slice(at, at + BATCH).map(transparencyLeafHashHex)).frontier;
  return { eventsPerSecond: events.length / (msSince(start) / 1000), peakRssMiB: rss.stop() };
}

/** Inclusion proofs of spread leaves in the whole tree, one at a time (each: tree head + one subtree query). */
async function proofRun(readStore: ReadStore, size: number) {
  const reader = new TransparencyLogReader(readStore.db);
  const latencies: number[] = [];
  const rss = new RssSampler();
  const start = process.hrtime.bigint();
  for (let k = 0; k < PROOFS; k++) {
    const one = process.hrtime.bigint();
    await reader.inclusionProof((k * 7919) % size, size);
    latencies.push(msSince(one));
  }
  return { eventsPerSecond: PROOFS / (msSince(start) / 1000), peakRssMiB: rss.stop(), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Checkpoint notes signed with Ed25519 (format + sign), one at a time; and signIfGrown end to end once per run. */
function signingRun() {
  const signer = parseSignerKey(generateNoteKeys('bench.example/log').signerKey);
  const root = createHash('sha256').digest();
  const latencies: number[] = [];
  const rss = new RssSampler();
  const start = process.hrtime.bigint();
  for (let k = 0; k < SIGNATURES; k++) {
    const one = process.hrtime.bigint();
    signNote(formatCheckpoint({ origin: 'bench.example/log', size: k + 1, rootHash: root }), [signer]);
    latencies.push(msSince(one));
  }
  return { eventsPerSecond: SIGNATURES / (msSince(start) / 1000), peakRssMiB: rss.stop(), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/**
 * The self-check's common case: the whole log read and folded into the tree up to a checkpoint that
 * still matches (what each start and the check after a new checkpoint cost), on a durable store of
 * `events` real COE events.
 */
async function selfCheckRun(dir: string, events: number): Promise<ThroughputRun> {
  const store = await openSqliteEventStore({ dataDir: join(dir, 'events') });
  try {
    const leaves: Uint8Array[] = [];
    for await (const event of store.readAll()) leaves.push(Buffer.from(transparencyLeafHashHex(event), 'hex'));
    const keys = generateNoteKeys('bench.example/log');
    const note = signNote(formatCheckpoint({ origin: 'bench.example/log', size: leaves.length, rootHash: rootOf(leaves) }), [keys.signerKey]);
    collectGarbage();
    const rss = new RssSampler();
    const start = process.hrtime.bigint();
    const report = await checkStoreAgainstCheckpoints(store, {
      checkpoints: [{ note, verifierKeys: [keys.verifierKey], origin: 'bench.example/log', source: 'own' }],
    });
    if (report.findings.length > 0 || report.leavesRead !== events)
      throw new Error(`the self-check found ${report.findings.length} findings over ${report.leavesRead} leaves`);
    return { eventsPerSecond: events / (msSince(start) / 1000), peakRssMiB: rss.stop() };
  } finally {
    await store.close();
  }
}

/** `npm run bench -- transparency`: the transparency log's costs (issue #21). */
export const transparencySection = async (repeats: number, log: (line: string) => void): Promise<Section> => {
  const events = eventsOf(EVENTS);
  const appends: ThroughputRun[] = [];
  const hashing: ThroughputRun[] = [];
  const proofs: ReturnType<typeof signingRun>[] = [];
  const signatures: ReturnType<typeof signingRun>[] = [];
  let timedCheckpointMs = 0;
  const commands: ThroughputRun[] = [];
  const checks: ThroughputRun[] = [];
  const logDir = scratchDir();
  const logEvents = await buildBenchLog(logDir, await templateEvents(logDir), EVENTS, log);
  for (let r = 0; r < repeats; r++) {
    commands.push(await commandsRun());
    checks.push(await selfCheckRun(logDir, logEvents));
    hashing.push(hashingRun(events));
    const { run, readStore, dir } = await appendRun(events);
    appends.push(run);
    try {
      proofs.push(await proofRun(readStore, EVENTS));
      const checkpointer = new TransparencyCheckpointer({
        signer: parseSignerKey(generateNoteKeys('bench.example/log').signerKey),
        origin: 'bench.example/log',
        everyEvents: 1000,
      });
      const start = process.hrtime.bigint();
      await checkpointer.signIfGrown(readStore.db);
      timedCheckpointMs = Math.max(timedCheckpointMs, msSince(start));
    } finally {
      await readStore.close();
      removeDir(dir);
    }
    log(
      `run ${r + 1}: append ${Math.round(run.eventsPerSecond)} events/s (${(1e6 / run.eventsPerSecond).toFixed(1)} µs/event), proofs ${Math.round(proofs[r].eventsPerSecond)}/s`,
    );
    signatures.push(signingRun());
  }
  removeDir(logDir);
  const median = (runs: readonly ThroughputRun[]) =>
    percentile(
      runs.map((r) => r.eventsPerSecond),
      50,
    );
  return {
    title: 'Transparency log (SQLite read store)',
    description: `The transparency-log projection's apply over ${EVENTS.toLocaleString('en-GB')} events (a stored envelope hash each, ${STREAMS} interleaved streams) in transactions of ${BATCH.toLocaleString('en-GB')} on a fresh SQLite read store: a leaf row, about one node row and the position index entry per event. Ceiling: the hashing alone (leaf hash and completed nodes, in memory). Then ${PROOFS.toLocaleString('en-GB')} inclusion proofs of spread leaves in the whole tree through TransparencyLogReader (two queries each), and ${SIGNATURES.toLocaleString('en-GB')} checkpoint notes formatted and signed with Ed25519.`,
    figures: [
      throughputFigure('tlog-append', 'tree append per event (transparency-log apply), batches of 1,000', appends, 'tlog-hashing'),
      throughputFigure('tlog-hashing', 'leaf and node hashing only (no storage)', hashing),
      latencyFigure('tlog-proof', 'inclusion proofs from the read store (proofs/s)', proofs),
      latencyFigure('tlog-sign', 'checkpoint notes signed (notes/s)', signatures),
      throughputFigure(
        'tlog-commands',
        'in-process commands, 32 callers, durable (commands/s, one event each): the command cost the append is held to',
        commands,
      ),
      throughputFigure(
        'tlog-self-check',
        `self-check: the whole log of ${logEvents.toLocaleString('en-GB')} real COE events read and held to a matching checkpoint`,
        checks,
      ),
    ],
    notes: [
      `Tree append: ${(1e6 / median(appends)).toFixed(1)} µs per event (median); the hashing alone ${(1e6 / median(hashing)).toFixed(1)} µs. The rest is SQLite writing the leaf row, about one node row and the position index.`,
      `Budget (issue 21): the tree append per event at most 5 % of a command's cost. An in-process durable command took ${(1e6 / median(commands)).toFixed(0)} µs of wall time per command in this run (32 callers); the append is ${((median(commands) / median(appends)) * 100).toFixed(1)} % of it. It runs in the projection runner (the API's worker thread by default), not on the command's path.`,
      `The self-check reads the whole log at each start and after a new checkpoint at most once per AUDIT_SELF_CHECK_SECONDS (default 600): ${(logEvents / median(checks)).toFixed(1)} s for these ${logEvents.toLocaleString('en-GB')} events.`,
      `A timed checkpoint of the ${EVENTS.toLocaleString('en-GB')}-leaf tree (signIfGrown: tree head, one subtree query, root, sign, insert) took at most ${timedCheckpointMs.toFixed(1)} ms.`,
    ],
  };
};
