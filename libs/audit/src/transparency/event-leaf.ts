import { hashEvent } from '@apo/engine';
import type { RecordedEvent } from '@apo/event-store';
import { leafHash } from '@apo/transparency-log';

/*
 * A local copy of the design's leaf rule (issue #21, "The leaf") until `transparencyLeafData`
 * lands in @apo/transparency-log (libs/transparency-log/src/event-leaf.ts): then this file goes
 * and its callers import that one.
 */

const STORED_HASH = /^[0-9a-f]{64}$/;

/**
 * The 32 bytes an event contributes to the transparency log: its stored `metadata.hash` when that
 * is 64 lower-case hex characters, else its envelope hash recomputed (`hashEvent`).
 */
export function transparencyLeafData(event: Pick<RecordedEvent, 'streamId' | 'revision' | 'eventId' | 'type' | 'data' | 'metadata'>): Uint8Array {
  const stored = event.metadata['hash'];
  const hex = typeof stored === 'string' && STORED_HASH.test(stored) ? stored : hashEvent(event);
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** The event's leaf hash, `leafHash(transparencyLeafData(event))`, as 64 lower-case hex characters. */
export function eventLeafHashHex(event: Pick<RecordedEvent, 'streamId' | 'revision' | 'eventId' | 'type' | 'data' | 'metadata'>): string {
  return Buffer.from(leafHash(transparencyLeafData(event))).toString('hex');
}
