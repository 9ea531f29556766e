import type { RegistrySource } from './fold-registry';

/** A definition the worker folds with: found in its own registry, its machine checked against the main thread's. */
export interface WireDefinition {
  readonly name: string;
  readonly version: number;
  /** JSON of the machine's definition (`machine.toJSON()`): states, transitions, guard and action names. */
  readonly machine: string;
}

export interface FoldWorkerData {
  readonly registry: RegistrySource;
  readonly definitions: readonly WireDefinition[];
}

/** Fold the event and return its state with the next flush (the stream has had a notice: the main thread's notice logic needs it). */
export const WATCH = 1;
/** An earlier event read back to rebuild a stream's state: folded, not counted as a change. */
export const READ_BACK = 2;

/** A batch of events in log order, as columns (one structured clone per batch, no per-event message). */
export interface FoldBatch {
  readonly kind: 'fold';
  readonly streams: string[];
  readonly revisions: number[];
  readonly types: string[];
  readonly data: unknown[];
  /** Index into `FoldWorkerData.definitions`: the stream's definition (used at revision 0). */
  readonly definitions: number[];
  readonly hashes: string[];
  /** `WATCH` | `READ_BACK` bits. */
  readonly flags: number[];
}

export type FoldRequest = FoldBatch | { readonly kind: 'flush' } | { readonly kind: 'handover'; readonly limit: number };

/** A stream's folded state as a deadline policy reads it. */
export type WireState = readonly [state: string, context: unknown];

/** A folded state that can be revived for further folding: XState's persisted snapshot. */
export interface WireHandover {
  readonly streamId: string;
  readonly definition: number;
  readonly revision: number;
  readonly lastHash: string;
  readonly snapshot: unknown;
}

export type FoldReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'folded'; readonly events: number }
  /** Streams changed since the previous flush with their states, and the states of the `WATCH` events, in order. */
  | { readonly kind: 'flushed'; readonly streams: string[]; readonly states: WireState[]; readonly watched: WireState[] }
  | { readonly kind: 'handover'; readonly states: WireHandover[] }
  | { readonly kind: 'failed'; readonly error: string };
