import { COE_DEFINITION_NAME } from '@apo/coe';
import { DefinitionRegistry, NotFound } from '@apo/engine';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import { streamIdOf } from '@apo/workflow';

/** The stream of a COE id (400 for a malformed id). */
export const coeStreamId = (registry: DefinitionRegistry, id: string): string => streamIdOf(registry.latest(COE_DEFINITION_NAME), id);

/** Every event of one COE; NotFound (404) when it has none. */
export async function readCoe(store: EventStore, registry: DefinitionRegistry, id: string): Promise<{ streamId: string; events: RecordedEvent[] }> {
  const streamId = coeStreamId(registry, id);
  const events = await store.readStream(streamId);
  if (events.length === 0) throw new NotFound('COE', id);
  return { streamId, events };
}
