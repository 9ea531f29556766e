import { hashEvent } from './envelope';
import { StreamIntegrityError } from './errors';

/** A stored event as the chain check reads it (metadata untrusted: it may lack or mistype its hashes). */
export interface ChainedEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: object;
}

/** Where a chain stands: the revision and stored hash of its last event (-1 and GENESIS_HASH before the first). */
export interface ChainHead {
  readonly revision: number;
  readonly hash: string;
}

/**
 * Checks that `events` (in revision order) continue the chain after `head`: each event has the
 * next revision, its `prevHash` is the stored hash of the event before it, and its `hash` is what
 * `hashEvent` computes from it. Throws a `StreamIntegrityError` naming the first broken revision;
 * answers the new head. The same three checks `verifyStream` makes, without the replay.
 */
export function checkChain(streamId: string, head: ChainHead, events: readonly ChainedEvent[]): ChainHead {
  let { revision, hash } = head;
  for (const event of events) {
    const expected = revision + 1;
    const metadata = event.metadata as { prevHash?: unknown; hash?: unknown };
    if (event.revision !== expected || event.streamId !== streamId) {
      throw new StreamIntegrityError(streamId, expected, 'revision-gap', `${streamId}@${expected}`, `${event.streamId}@${event.revision}`);
    }
    if (metadata.prevHash !== hash) throw new StreamIntegrityError(streamId, expected, 'prev-hash-mismatch', hash, String(metadata.prevHash));
    const recomputed = hashEvent(event);
    if (metadata.hash !== recomputed) throw new StreamIntegrityError(streamId, expected, 'hash-mismatch', recomputed, String(metadata.hash));
    revision = expected;
    hash = recomputed;
  }
  return { revision, hash };
}
