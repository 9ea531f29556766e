import type { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { checkStream, type StreamCheck } from '../check-stream';
import { readInstance } from '../history';

export interface InstanceVerification extends StreamCheck {
  readonly ok: boolean;
  /** The stream's head as read: what the seal covers for it. */
  readonly head: { readonly revision: number; readonly hash: string };
}

/** Verifies one stream (NotFound when it has no events). */
export async function verifyInstance(store: EventStore, registry: DefinitionRegistry, streamId: string, what = 'stream'): Promise<InstanceVerification> {
  const events = await readInstance(store, streamId, what);
  const check = checkStream(registry, streamId, events);
  const last = events[events.length - 1];
  const hash = (last.metadata as { hash?: unknown }).hash;
  return { ...check, ok: check.divergences.length === 0, head: { revision: last.revision, hash: typeof hash === 'string' ? hash : '' } };
}
