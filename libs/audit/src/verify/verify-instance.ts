import { NotFound, type DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { checkStream, type StreamCheck } from '../check-stream';
import { headHashOf } from '../heads';
import { readStreamThrough } from '../read-through';

export interface InstanceVerification extends StreamCheck {
  readonly ok: boolean;
  /** The stream's head as read: what the seal covers for it. */
  readonly head: { readonly revision: number; readonly hash: string };
}

/**
 * Verifies one stream (NotFound when it has no events), reading on past every event the store
 * cannot read: each is a `malformed` divergence (a head that cannot be read has the hash '').
 */
export async function verifyInstance(store: EventStore, registry: DefinitionRegistry, streamId: string, what = 'stream'): Promise<InstanceVerification> {
  const events = await readStreamThrough(store, streamId);
  const last = events.at(-1);
  if (!last) throw new NotFound(what, streamId);
  const check = checkStream(registry, streamId, events);
  return { ...check, ok: check.divergences.length === 0, head: { revision: last.revision, hash: headHashOf(last) } };
}
