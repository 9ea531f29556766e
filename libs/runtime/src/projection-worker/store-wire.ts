// The port's root (types and UnreadableEvent) is light: open-stores.ts lazy-loads only the adapters.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { UnreadableEvent, type AllFilter, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent, type SubscriptionMessage } from '@apo/event-store';

/**
 * The messages of the store proxy: a projection worker reads the event log through the thread
 * that owns the store. Everything is structured-clone friendly (positions stay bigints).
 */
export type StoreCall =
  | { readonly p: 'call'; readonly id: number; readonly op: 'head' }
  | { readonly p: 'call'; readonly id: number; readonly op: 'stream'; readonly streamId: string; readonly options?: ReadStreamOptions }
  | { readonly p: 'call'; readonly id: number; readonly op: 'all'; readonly options: ReadAllOptions }
  | { readonly p: 'sub'; readonly id: number; readonly after?: bigint; readonly filter?: AllFilter }
  /** The client took a batch of a subscription: the host may send one more. */
  | { readonly p: 'credit'; readonly id: number }
  | { readonly p: 'close'; readonly id: number };

export type StoreAnswer =
  | { readonly p: 'reply'; readonly id: number; readonly value?: unknown; readonly error?: WireError }
  /** `readAll`: the events read, then the error the read ended on (an unreadable event: read on after it). */
  | { readonly p: 'page'; readonly id: number; readonly events: RecordedEvent[]; readonly error?: WireError }
  | { readonly p: 'msgs'; readonly id: number; readonly messages: SubscriptionMessage[] }
  | { readonly p: 'end'; readonly id: number; readonly error?: WireError };

export type StoreMessage = StoreCall | StoreAnswer;

export const isStoreMessage = (message: unknown): message is StoreMessage =>
  typeof message === 'object' && message !== null && typeof (message as { p?: unknown }).p === 'string';

/** An error as it crosses the thread: an unreadable event whole, anything else by what tells its kind. */
export type WireError =
  | { readonly unreadable: Pick<UnreadableEvent, 'streamId' | 'revision' | 'position' | 'part' | 'reason' | 'type'> }
  | { readonly name: string; readonly message: string; readonly code?: unknown; readonly errno?: unknown; readonly syscall?: unknown };

export function toWire(error: unknown): WireError {
  if (error instanceof UnreadableEvent) {
    const { streamId, revision, position, part, reason, type } = error;
    return { unreadable: { streamId, revision, position, part, reason, type } };
  }
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, errno, syscall } = error as { code?: unknown; errno?: unknown; syscall?: unknown };
  return { name: error.name, message: error.message, ...(code === undefined ? {} : { code }), ...(errno === undefined ? {} : { errno, syscall }) };
}

export function fromWire(wire: WireError): Error {
  if ('unreadable' in wire) {
    const { streamId, revision, position, part, reason, type } = wire.unreadable;
    return new UnreadableEvent(streamId, revision, position, part, reason, type);
  }
  const error = Object.assign(
    new Error(wire.message),
    'code' in wire ? { code: wire.code } : {},
    'errno' in wire ? { errno: wire.errno, syscall: wire.syscall } : {},
  );
  error.name = wire.name;
  return error;
}

/** The part of a Worker or MessagePort the proxy uses. */
export interface Port {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}
