import { DefinitionRegistry, NotFound } from '@apo/engine';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import { programme, type Programme } from '@apo/programmes';
import { streamIdOf } from '@apo/workflow';

/** The programmes audit routes serve: `/coes/:id/...` and `/bcn-exchanges/:id/...`. */
export const COE = programme('coe') as Programme;
export const BCN = programme('bcn') as Programme;

/** The stream of an instance id of a programme (400 for a malformed id). */
export const instanceStreamId = (registry: DefinitionRegistry, of: Programme, id: string): string => streamIdOf(registry.latest(of.definition), id);

/** Every event of one instance; NotFound (404, "COE x" / "BCN exchange x") when it has none. */
export async function readInstanceEvents(
  store: EventStore,
  registry: DefinitionRegistry,
  of: Programme,
  id: string,
): Promise<{ streamId: string; events: RecordedEvent[] }> {
  const streamId = instanceStreamId(registry, of, id);
  const events = await store.readStream(streamId);
  if (events.length === 0) throw new NotFound(of.label, id);
  return { streamId, events };
}
