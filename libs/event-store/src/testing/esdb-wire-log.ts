/**
 * The in-memory log behind the EventStoreDB wire test server (`esdb-wire-server.ts`). It holds
 * EventStoreDB's rules for appends (expected revision, event-id idempotency) and reads, free of
 * gRPC so the rules read plainly.
 *
 * Positions: the n-th event ever written (1-based) has commit = prepare = n. A real server uses
 * byte offsets in its transaction log (sparse, and never equal for two records); both are
 * strictly increasing, which is all a client may rely on.
 */

export interface WireEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server reports `created`. */
  readonly created: bigint;
}

export type ProposedEvent = Pick<WireEvent, 'id' | 'type' | 'contentType' | 'data' | 'metadata'>;

export type WireExpected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export type AppendOutcome =
  | { readonly kind: 'success'; readonly currentRevision: bigint; readonly position: bigint }
  /** `current` undefined: the stream does not exist. */
  | { readonly kind: 'wrong_expected_version'; readonly current: bigint | undefined };

/** Server-side filter: EventStoreDB filters on the stream name or the event type, by prefixes. */
export interface WireFilter {
  readonly on: 'stream' | 'type';
  readonly prefixes: readonly string[];
}

export const matches = (filter: WireFilter | undefined, event: WireEvent): boolean => {
  if (!filter) return true;
  const subject = filter.on === 'stream' ? event.streamId : event.type;
  return filter.prefixes.some((prefix) => subject.startsWith(prefix));
};

const TICKS_PER_MS = 10_000n;

export class WireLog {
  private readonly all: WireEvent[] = [];
  private readonly streams = new Map<string, WireEvent[]>();
  private readonly listeners = new Set<() => void>();

  /** Position of the last event (0n when empty). */
  head(): bigint {
    return BigInt(this.all.length);
  }

  /** Called after every successful write; returns the unsubscribe function. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * One atomic write, decided the way EventStoreDB decides it: when the expected revision is
   * behind the stream (or `no_stream` on an existing stream) and the events already stored right
   * after it carry exactly these ids, the write is an idempotent retry and reports the original
   * result; for `any` / `stream_exists` the ids are looked up in the stream.
   */
  append(streamId: string, proposed: readonly ProposedEvent[], expected: WireExpected): AppendOutcome {
    // The server refuses an empty append before it gets here (see esdb-wire-server.ts).
    if (proposed.length === 0) throw new Error('an append needs at least one event');
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? undefined : BigInt(stream.length - 1);
    const wrong: AppendOutcome = { kind: 'wrong_expected_version', current };

    if (expected.kind === 'stream_exists' && current === undefined) return wrong;
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      const retry = this.retryAt(
        stream,
        proposed,
        stream.findIndex((e) => e.id === proposed[0].id),
      );
      if (retry === 'corrupt') return wrong;
      if (retry) return retry;
    } else {
      const after = expected.kind === 'no_stream' ? -1 : Number(expected.revision);
      const last = current === undefined ? -1 : Number(current);
      if (after > last) return wrong;
      if (after < last) {
        const retry = this.retryAt(stream, proposed, after + 1);
        return retry && retry !== 'corrupt' ? retry : wrong;
      }
    }

    const created = BigInt(Date.now()) * TICKS_PER_MS;
    for (const event of proposed) {
      const written: WireEvent = { ...event, streamId, revision: BigInt(stream.length), position: BigInt(this.all.length + 1), created };
      stream.push(written);
      this.all.push(written);
    }
    this.streams.set(streamId, stream);
    for (const listener of [...this.listeners]) listener();
    const lastWritten = stream[stream.length - 1];
    return { kind: 'success', currentRevision: lastWritten.revision, position: lastWritten.position };
  }

  /** Are `proposed` already stored from index `from` on? Partly is a conflict, as in EventStoreDB. */
  private retryAt(stream: readonly WireEvent[], proposed: readonly ProposedEvent[], from: number): AppendOutcome | 'corrupt' | undefined {
    if (from < 0 || from >= stream.length) return undefined;
    const stored = stream.slice(from, from + proposed.length);
    const same = stored.length === proposed.length && stored.every((e, i) => e.id === proposed[i].id);
    if (same) {
      const last = stored[stored.length - 1];
      return { kind: 'success', currentRevision: last.revision, position: last.position };
    }
    return stored[0].id === proposed[0].id ? 'corrupt' : undefined;
  }

  /** `undefined`: the stream does not exist (EventStoreDB answers "stream not found"). */
  readStream(streamId: string, from: 'start' | 'end' | bigint, backwards: boolean, count: bigint): WireEvent[] | undefined {
    const stream = this.streams.get(streamId);
    if (!stream) return undefined;
    const limit = Number(count > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : count);
    if (backwards) {
      const start = from === 'end' || from === 'start' ? stream.length - 1 : Math.min(Number(from), stream.length - 1);
      // Reading backwards from `start` (the first event) returns just that event, as the server does.
      const first = from === 'start' ? 0 : start;
      const out: WireEvent[] = [];
      for (let i = first; i >= 0 && out.length < limit; i--) out.push(stream[i]);
      return out;
    }
    const start = from === 'start' ? 0 : from === 'end' ? stream.length : Number(from);
    return stream.slice(start, start + limit);
  }

  /**
   * `$all` from a position: forwards includes an event at exactly `from`, backwards returns only
   * events before it (EventStoreDB's semantics for a log position).
   */
  readAll(from: 'start' | 'end' | bigint, backwards: boolean, count: bigint, filter?: WireFilter): WireEvent[] {
    const limit = count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
    const out: WireEvent[] = [];
    if (backwards) {
      const below = from === 'end' ? this.all.length + 1 : from === 'start' ? 0 : Number(from);
      for (let i = Math.min(below - 1, this.all.length) - 1; i >= 0 && out.length < limit; i--) {
        if (matches(filter, this.all[i])) out.push(this.all[i]);
      }
      return out;
    }
    const atOrAfter = from === 'start' ? 1 : from === 'end' ? this.all.length + 1 : Number(from);
    for (let i = Math.max(atOrAfter, 1) - 1; i < this.all.length && out.length < limit; i++) {
      if (matches(filter, this.all[i])) out.push(this.all[i]);
    }
    return out;
  }

  /** The event at `position`, or undefined past the head. */
  at(position: bigint): WireEvent | undefined {
    return position >= 1n ? this.all[Number(position) - 1] : undefined;
  }
}
