import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStoreCopyReader, type SqliteEventStore } from '@apo/event-store/sqlite';
import type { RegistrySource } from '../definitions';
import type { CopyReply, CopyRequest, RangeStream, RangeVerdict, StreamRange } from './copy-worker';
import type { PassProgress, StorePass } from './store-pass';
import { WorkerRequests } from './worker-requests';

/** The worker file next to this one, in the same form (.ts source or compiled .js). */
const WORKER_ENTRY = join(__dirname, `copy-worker${__filename.slice(__filename.lastIndexOf('.'))}`);

/** Ranges per worker: enough that the last ones to finish leave the other workers idle briefly. */
const RANGES_PER_WORKER = 16;
/** Sampled events per range when cutting the streams into ranges. */
const SAMPLES_PER_RANGE = 64;

export type CopyWorkers = WorkerRequests<CopyRequest, CopyReply>;

/** Starts the worker threads of a copy pass (they compile and build their registry meanwhile). */
export const startCopyWorkers = (count: number, registry: RegistrySource): Promise<CopyWorkers> =>
  WorkerRequests.start<CopyRequest, CopyReply>(count, WORKER_ENTRY, { registry });

let copies = 0;

/**
 * Copies the store's file beside it (`copyTo`: the store holds its own file exclusively, so no
 * other connection can read it) and readies the copy for read-only connections. Throws if it
 * cannot, leaving nothing behind.
 */
export async function copyStoreFile(store: SqliteEventStore): Promise<string> {
  const file = `${store.file}.verify-${process.pid}-${++copies}`;
  try {
    await store.copyTo(file);
    SqliteStoreCopyReader.open(file, true).close();
    return file;
  } catch (error) {
    removeCopy(file);
    throw error;
  }
}

export function removeCopy(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/** Cuts the streams into up to `count` ranges of about as many events, from an event-weighted sample in range order. */
export function streamRanges(sample: readonly string[], count: number): StreamRange[] {
  const bounds: string[] = [];
  for (let i = 1; i < count; i++) {
    const bound = sample[Math.floor((i * sample.length) / count)];
    if (bound !== undefined && bound !== bounds[bounds.length - 1] && bound !== '') bounds.push(bound);
  }
  return [...bounds, undefined].map((to, i) => ({ from: i === 0 ? '' : bounds[i - 1], to }));
}

/**
 * The pass over a copy of the store's file (from `copyStoreFile`; removed here): every event at a
 * position up to `head`. The streams are cut into ranges of stream ids; each worker thread reads
 * the ranges it is handed from the copy itself (through the (stream, revision) index, each stream
 * whole, in revision order) and verifies them, so this thread only hands out ranges and merges.
 * A stream read in revision order is the stream as `readStream` returns it: nothing to re-read.
 */
export async function copyPass(file: string, head: number, workers: CopyWorkers, onProgress: PassProgress): Promise<StorePass> {
  let ranges: StreamRange[];
  try {
    const sampler = SqliteStoreCopyReader.open(file);
    try {
      const count = workers.size * RANGES_PER_WORKER;
      ranges = streamRanges(sampler.sampleStreamIds(head, count * SAMPLES_PER_RANGE), count);
    } finally {
      sampler.close();
    }
    await Promise.all(Array.from({ length: workers.size }, (_, slot) => workers.request(slot, (id) => ({ kind: 'open', id, file }))));
  } finally {
    // Every reader has the copy open: unlinked now, it is gone with them, even if this process dies.
    removeCopy(file);
  }
  const verdicts: RangeVerdict[] = [];
  let events = 0;
  let streams = 0;
  let next = 0;
  const work = async (slot: number) => {
    while (next < ranges.length) {
      const range = ranges[next++];
      const reply = await workers.request(slot, (id) => ({ kind: 'range', id, range, head }));
      if (reply.kind !== 'range') throw new Error(`copy worker: unexpected reply ${reply.kind}`);
      verdicts.push(reply.verdict);
      events += reply.verdict.events;
      streams += reply.verdict.streams.length;
      onProgress(events, streams);
    }
  };
  await Promise.all(Array.from({ length: workers.size }, (_, slot) => work(slot)));
  return merge(verdicts, events);
}

/** The streams in log order of their first events, their divergences by that index. */
function merge(verdicts: readonly RangeVerdict[], events: number): StorePass {
  const all: RangeStream[] = verdicts.flatMap((v) => v.streams).sort((a, b) => a.first - b.first);
  const indexOf = new Map(all.map((s, index) => [s.streamId, index]));
  return {
    events,
    heads: all.map(({ streamId, revision, hash, events: count }) => ({ streamId, revision, hash, events: count })),
    broken: verdicts.flatMap((v) => v.broken.map(({ streamId, divergences }) => ({ index: indexOf.get(streamId) as number, divergences }))),
    reread: [],
  };
}
