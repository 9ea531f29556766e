import type { AuditDivergence } from '../audit-divergence';
import type { StreamHead } from '../heads';

/** What one pass over the store found, before the seal and the divergences cap. */
export interface StorePass {
  readonly events: number;
  /** Every stream, in the log order of its first event: a stream's index is its place here. */
  readonly heads: readonly StreamHead[];
  /** Only the streams with divergences. */
  readonly broken: readonly { readonly index: number; readonly divergences: readonly AuditDivergence[] }[];
  /** Streams (by index) the pass could not judge as read: checked again as `readStream` returns them. */
  readonly reread: readonly number[];
}

/** Called as a pass goes, with the events and streams read so far. */
export type PassProgress = (events: number, streams: number) => void;
