import { hashEvent } from '@apo/engine';
import { uncheckedLeafHashOfHex32 } from './merkle-hex';

/** The parts of a stored event its leaf depends on (structurally a RecordedEvent or an EnvelopedEvent). */
export interface LeafEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

const STORED_HASH = /^[0-9a-f]{64}$/;

/**
 * The leaf data of one event of the global log (issue #21 design, "The leaf"): the 32 bytes of
 * its stored `metadata.hash` when that is 64 lower-case hex characters (the envelope hash the
 * engine wrote, covering stream, revision, id, type, data and metadata), else the 32 bytes of
 * `hashEvent(event)` recomputed, so an event without a usable stored hash (written by hand,
 * damaged metadata) still gets a leaf that commits to its content. Hash it with `leafHash`.
 */
export function transparencyLeafData(event: LeafEvent): Uint8Array {
  return new Uint8Array(Buffer.from(transparencyLeafDataHex(event), 'hex'));
}

/** `transparencyLeafData` as 64 lower-case hex characters (what the writer hashes with `leafHashOfHex32`). */
export function transparencyLeafDataHex(event: LeafEvent): string {
  const metadata = event.metadata;
  const stored = typeof metadata === 'object' && metadata !== null ? (metadata as { hash?: unknown }).hash : undefined;
  return typeof stored === 'string' && STORED_HASH.test(stored) ? stored : recomputedHash(event);
}

function recomputedHash(event: LeafEvent): string {
  // hashEvent takes the metadata as an object: a store that hands back none (or a non-object) gets the empty one.
  const metadata = typeof event.metadata === 'object' && event.metadata !== null ? event.metadata : {};
  return hashEvent({ ...event, metadata });
}

/** The hex leaf hash of an event, leafHash(transparencyLeafData(event)): what the tree stores per event. */
export function transparencyLeafHashHex(event: LeafEvent): string {
  return uncheckedLeafHashOfHex32(transparencyLeafDataHex(event));
}
