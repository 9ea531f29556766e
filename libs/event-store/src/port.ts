/**
 * The event-store port: the only thing the engine, projections and audit know about storage.
 * Adapters: `sqlite/` (embedded default) and `esdb/` (EventStoreDB). One conformance suite
 * (`testing/conformance.ts`) proves every adapter keeps these promises.
 */

/** Plain JSON: what event data and metadata may contain (no Date, Map, bigint, undefined). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * Optimistic concurrency for an append:
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: the stream must have at least one event;
 * - `any`: no check;
 * - a number: the revision of the stream's last event (0-based) must equal it.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface EventToAppend {
  /** UUID chosen by the writer; a retried append of the same ids is not written twice. */
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface RecordedEvent {
  readonly streamId: string;
  /** 0-based, gapless position of the event within its stream. */
  readonly revision: number;
  /** Position in the global log: strictly increasing in append order across all streams. */
  readonly position: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** When the store wrote it (ISO 8601), as the store reports it. */
  readonly createdAt: string;
}

export interface AppendResult {
  /** Revision of the last event of the stream after this append. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event written by this append. */
  readonly position: bigint;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** Inclusive start revision. Defaults to the first (forwards) or last (backwards) event. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface AllFilter {
  /** Keep events whose stream id starts with one of these prefixes (e.g. `coe-`). */
  readonly streamPrefixes?: readonly string[];
  /** Keep events whose type is one of these. */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  readonly direction?: Direction;
  /**
   * Exclusive bound: forwards reads events after this position, backwards reads events before it.
   * Omitted: from the start (forwards) or the end (backwards).
   */
  readonly position?: bigint;
  readonly maxCount?: number;
  readonly filter?: AllFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive: deliver events after this position (a stored checkpoint). Omitted: from the start. */
  readonly after?: bigint;
  readonly filter?: AllFilter;
}

export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /** Every event up to this point has been delivered; what follows is live. Sent once. */
  | { readonly kind: 'caughtUp' }
  /** With a filter: everything up to `position` has been examined (store it as a checkpoint). */
  | { readonly kind: 'checkpoint'; readonly position: bigint };

/** A catch-up subscription: history, then `caughtUp`, then live events; no gap, no duplicate. */
export interface AllSubscription extends AsyncIterable<SubscriptionMessage> {
  close(): Promise<void>;
}

/**
 * A copy of the log, taken at one moment and written to by nothing after, that many readers in
 * other threads read at once (the embedded store's file, copied beside it). A worker thread opens
 * `location` with the adapter's copy reader (`CopyStreamReader` of `@apo/event-store/sqlite`).
 */
export interface LogCopy {
  readonly location: string;
  /** The log's head when the copy was asked for: the copy holds every event up to it (read no further). */
  readonly head: bigint;
  /** Stream ids of the events at `count` positions spread evenly up to `head`, in binary order: cuts for ranges of about as many events. */
  sampleStreamIds(count: number): string[];
  /** Deletes the copy; readers that have it open read on until they close. Idempotent. */
  remove(): void;
}

export interface EventStore {
  /** Appends atomically; throws the engine's `ConcurrencyError` when `expected` does not hold. */
  appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream; an unknown stream reads as an empty list. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The global log, streamed (constant memory for any size). */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /**
   * Position of the log's last event (readable or not; 0n for an empty log): where `readAll`
   * backwards would start now, and what a subscription has delivered when it has caught up to it.
   */
  headPosition(): Promise<bigint>;
  /**
   * A capability, present only on adapters that have it (the embedded SQLite store): a copy of
   * the log for worker threads to read in parallel, off the store (see `LogCopy`). Wrappers of a
   * store forward it when the store has it, and only then.
   */
  copyForReading?(): Promise<LogCopy>;
  /**
   * Optional pacing, asked by a writer before it decides what to append: undefined to start now,
   * or a promise to wait for (the SQLite store lets a few writers start per group commit).
   * A wrapper forwards it.
   */
  admit?(): Promise<void> | undefined;
  close(): Promise<void>;
}
