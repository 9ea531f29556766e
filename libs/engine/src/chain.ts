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

/** What the chain check needs of one stored event, once hashed: a few strings instead of the event. */
export interface ChainLink {
  readonly streamId: string;
  readonly revision: number;
  /** The stored `metadata.prevHash` and `metadata.hash` (anything, if edited). */
  readonly prevHash: unknown;
  readonly hash: unknown;
  /** `hashEvent` of the stored event. */
  readonly recomputed: string;
}

export const chainLinkOf = (event: ChainedEvent): ChainLink => {
  const { prevHash, hash } = event.metadata as { prevHash?: unknown; hash?: unknown };
  return { streamId: event.streamId, revision: event.revision, prevHash, hash, recomputed: hashEvent(event) };
};

/**
 * The head after `link` if it continues the chain after `head` (the next revision of the same
 * stream, `prevHash` the stored hash before it, `hash` what the event hashes to); otherwise a
 * `StreamIntegrityError` at the revision that should have come next.
 */
export function nextHead(streamId: string, head: ChainHead, link: ChainLink): ChainHead {
  const revision = head.revision + 1;
  if (link.revision !== revision || link.streamId !== streamId) {
    throw new StreamIntegrityError(streamId, revision, 'revision-gap', `${streamId}@${revision}`, `${link.streamId}@${link.revision}`);
  }
  if (link.prevHash !== head.hash) throw new StreamIntegrityError(streamId, revision, 'prev-hash-mismatch', head.hash, String(link.prevHash));
  if (link.hash !== link.recomputed) throw new StreamIntegrityError(streamId, revision, 'hash-mismatch', link.recomputed, String(link.hash));
  return { revision, hash: link.recomputed };
}

/**
 * Checks that `events` (in revision order) continue the chain after `head` and answers the new
 * head; throws a `StreamIntegrityError` naming the first broken revision. The same three checks
 * `verifyStream` makes on each event, without the replay.
 */
export function checkChain(streamId: string, head: ChainHead, events: readonly ChainedEvent[]): ChainHead {
  let current = head;
  for (const event of events) current = nextHead(streamId, current, chainLinkOf(event));
  return current;
}
