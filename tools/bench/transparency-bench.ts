import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { RecordedEvent } from '@apo/event-store';
import { openReadStore, type ReadStore } from '@apo/read-store';
import { TransparencyCheckpointer, TransparencyLogReader, transparencyLogProjection } from '@apo/shared-read-models';
import { appendCompletingSubtreesHex, formatCheckpoint, generateNoteKeys, parseSignerKey, signNote, transparencyLeafHashHex } from '@apo/transparency-log';
import { latencyFigure, throughputFigure, type Section, type ThroughputRun } from './report';
import { collectGarbage, msSince, percentile, RssSampler } from './stats';
import { removeDir, scratchDir } from './workload';

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

/** `npm run bench -- transparency`: the transparency log's costs (issue #21). */
export const transparencySection = async (repeats: number, log: (line: string) => void): Promise<Section> => {
  const events = eventsOf(EVENTS);
  const appends: ThroughputRun[] = [];
  const hashing: ThroughputRun[] = [];
  const proofs: ReturnType<typeof signingRun>[] = [];
  const signatures: ReturnType<typeof signingRun>[] = [];
  let timedCheckpointMs = 0;
  for (let r = 0; r < repeats; r++) {
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
  const median = (runs: readonly ThroughputRun[]) =>
    percentile(
      runs.map((r) => r.eventsPerSecond),
      50,
    );
  return {
    title: 'Transparency log (SQLite read store)',
    description: `The transparency-log projection's apply over ${EVENTS.toLocaleString('en-GB')} events (a stored envelope hash each, ${STREAMS} interleaved streams) in transactions of ${BATCH.toLocaleString('en-GB')} on a fresh SQLite read store: a leaf row, about one node row and the (stream, revision) index entry per event. Ceiling: the hashing alone (leaf hash and completed nodes, in memory). Then ${PROOFS.toLocaleString('en-GB')} inclusion proofs of spread leaves in the whole tree through TransparencyLogReader (two queries each), and ${SIGNATURES.toLocaleString('en-GB')} checkpoint notes formatted and signed with Ed25519.`,
    figures: [
      throughputFigure('tlog-append', 'tree append per event (transparency-log apply), batches of 1,000', appends, 'tlog-hashing'),
      throughputFigure('tlog-hashing', 'leaf and node hashing only (no storage)', hashing),
      latencyFigure('tlog-proof', 'inclusion proofs from the read store (proofs/s)', proofs),
      latencyFigure('tlog-sign', 'checkpoint notes signed (notes/s)', signatures),
    ],
    notes: [
      `Tree append: ${(1e6 / median(appends)).toFixed(1)} µs per event (median); the hashing alone ${(1e6 / median(hashing)).toFixed(1)} µs. The rest is SQLite writing the rows and the (stream_id, revision) index.`,
      `A timed checkpoint of the ${EVENTS.toLocaleString('en-GB')}-leaf tree (signIfGrown: tree head, one subtree query, root, sign, insert) took at most ${timedCheckpointMs.toFixed(1)} ms.`,
    ],
  };
};
