/**
 * Worker-thread entry of the whole-store verify on a copy of the SQLite file (see
 * verify-copy.ts): opens the copy read-only, then verifies the ranges of streams it is asked for,
 * reading them itself, stream by stream in revision order (`checkStream`'s answer on each).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { DefinitionRegistry } from '@apo/engine';
import { CopyStreamReader } from '@apo/event-store/sqlite';
import type { AuditDivergence } from '../audit-divergence';
import { StreamChecker } from '../check-stream';
import { loadRegistry, type RegistrySource } from '../definitions';
import { headHashOf, type StreamHead } from '../heads';

/** Streams with from <= streamId < to (binary order; `to` undefined: no upper bound). */
export interface StreamRange {
  readonly from: string;
  readonly to?: string;
}

/** A stream as one range's reading found it: its head, and the log position of its first event. */
export interface RangeStream extends StreamHead {
  readonly first: number;
}

export interface RangeVerdict {
  readonly events: number;
  /** In stream id order. */
  readonly streams: readonly RangeStream[];
  /** Only the streams with divergences. */
  readonly broken: readonly { readonly streamId: string; readonly divergences: readonly AuditDivergence[] }[];
}

export type CopyRequest =
  | { readonly kind: 'open'; readonly id: number; readonly file: string }
  /** Verify the range's events at positions up to `head`. */
  | { readonly kind: 'range'; readonly id: number; readonly range: StreamRange; readonly head: number };

export type CopyReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'opened'; readonly id: number }
  | { readonly kind: 'range'; readonly id: number; readonly verdict: RangeVerdict }
  | { readonly kind: 'failed'; readonly id: number; readonly error: string };

function verifyRange(registry: DefinitionRegistry, reader: CopyStreamReader, range: StreamRange, head: number): RangeVerdict {
  const streams: RangeStream[] = [];
  const broken: { streamId: string; divergences: readonly AuditDivergence[] }[] = [];
  let events = 0;
  let checker: StreamChecker | undefined;
  let first = 0;
  let revision = 0;
  let hash = '';
  const closeStream = () => {
    if (!checker) return;
    const { streamId, events: count, divergences } = checker.result();
    streams.push({ streamId, revision, hash, events: count, first });
    if (divergences.length > 0) broken.push({ streamId, divergences });
  };
  for (const event of reader.streams(range.from, range.to, head)) {
    events++;
    const position = Number(event.position);
    if (checker?.streamId !== event.streamId) {
      closeStream();
      checker = new StreamChecker(registry, event.streamId);
      first = position;
    }
    checker.push(event);
    // Read in revision order: the last event read is the head (the highest revision).
    first = Math.min(first, position);
    revision = event.revision;
    hash = headHashOf(event);
  }
  closeStream();
  return { events, streams, broken };
}

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('copy-worker must run in a worker thread');
  const registry = await loadRegistry((workerData as { registry: RegistrySource }).registry);
  let reader: CopyStreamReader | undefined;
  port.on('message', (request: CopyRequest) => {
    let reply: CopyReply;
    try {
      if (request.kind === 'open') {
        reader?.close();
        reader = new CopyStreamReader(request.file);
        reply = { kind: 'opened', id: request.id };
      } else {
        if (!reader) throw new Error('copy-worker: a range before any open');
        reply = { kind: 'range', id: request.id, verdict: verifyRange(registry, reader, request.range, request.head) };
      }
    } catch (error) {
      reply = { kind: 'failed', id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ kind: 'ready' } satisfies CopyReply);
}

void serve();
