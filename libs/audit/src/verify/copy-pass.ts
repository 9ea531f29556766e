import { join } from 'node:path';
import type { LogCopy } from '@apo/event-store';
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
 * The pass over a copy of the log (the store's `copyForReading`; removed here): every event at a
 * position up to the copy's head. The streams are cut into ranges of stream ids; each worker thread reads
 * the ranges it is handed from the copy itself (through the (stream, revision) index, each stream
 * whole, in revision order) and verifies them, so this thread only hands out ranges and merges.
 * A stream read in revision order is the stream as `readStream` returns it: nothing to re-read.
 */
export async function copyPass(copy: LogCopy, workers: CopyWorkers, onProgress: PassProgress): Promise<StorePass> {
  let ranges: StreamRange[];
  const head = Number(copy.head);
  try {
    const count = workers.size * RANGES_PER_WORKER;
    ranges = streamRanges(copy.sampleStreamIds(count * SAMPLES_PER_RANGE), count);
    await Promise.all(Array.from({ length: workers.size }, (_, slot) => workers.request(slot, (id) => ({ kind: 'open', id, file: copy.location }))));
  } finally {
    // Every reader has the copy open: unlinked now, it is gone with them, even if this process dies.
    copy.remove();
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
