import { UnreadableEvent } from '@apo/event-store';
import type { StoredItem } from '../read-through';
import type { LogVerdict } from './log-verifier';

/**
 * One event on the wire to a verify worker: [stream index, streamId, revision, log position,
 * eventId, type, data, metadata]; or, for an event the store could not read, [stream index,
 * streamId, revision, log position, part, reason] (the `UnreadableEvent` it threw).
 */
export type WireEvent =
  | [index: number, streamId: string, revision: number, position: number, eventId: string, type: string, data: unknown, metadata: unknown]
  | [index: number, streamId: string, revision: number, position: number, part: UnreadableEvent['part'], reason: string];

export const toWireEvent = (index: number, e: StoredItem): WireEvent =>
  e instanceof UnreadableEvent
    ? [index, e.streamId, e.revision, Number(e.position), e.part, e.reason]
    : [index, e.streamId, e.revision, Number(e.position), e.eventId, e.type, e.data, e.metadata];

export type WorkerRequest =
  /** `text`: a JSON array of WireEvent. */
  { readonly kind: 'events'; readonly id: number; readonly text: string } | { readonly kind: 'finish'; readonly id: number };

export type WorkerReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'events'; readonly id: number; readonly events: number }
  | { readonly kind: 'finished'; readonly id: number; readonly verdict: LogVerdict }
  | { readonly kind: 'failed'; readonly id: number; readonly error: string };
