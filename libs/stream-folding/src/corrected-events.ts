import { correctedFacts, factAsEvent, FactCorrector, isCorrection, type AnyWorkflowDefinition, type DefinitionRegistry } from '@apo/engine';
import type { EventStore, RecordedEvent } from '@apo/event-store';

export { isCorrection };

/** A corrected fact: the stored event as it stood before a correction, and as it stands after (same position and revision). */
export interface Corrected {
  readonly before: RecordedEvent;
  readonly after: RecordedEvent;
}

/** A stream's events (in stream order) as the facts now in effect (engine `correctedFacts`), corrections left out; each keeps its position and revision. */
export function correctedEvents(definition: AnyWorkflowDefinition, events: readonly RecordedEvent[]): RecordedEvent[] {
  return correctedFacts(definition, events)
    .filter((fact) => !isCorrection(definition, fact.event))
    .map(factAsEvent);
}

/**
 * What the read models that keep one row per recorded fact (assessments, records) need of a
 * correction: the fact it supersedes before and after it, from the stream read back up to it.
 * `eventTypes` are the corrected facts' types the caller keeps rows for: a correction naming
 * another type (its data says) is answered undefined without reading the stream.
 */
export function correctionReader(registry: DefinitionRegistry, store: Pick<EventStore, 'readStream'>, eventTypes: readonly string[]) {
  return async (event: RecordedEvent): Promise<Corrected | undefined> => {
    const meta = event.metadata as { definition: string; version: number };
    const definition = registry.get(meta.definition, meta.version);
    if (!isCorrection(definition, event) || !eventTypes.includes((event.data as { eventType?: unknown }).eventType as string)) return undefined;
    const corrector = new FactCorrector<RecordedEvent>(definition);
    for (const earlier of await store.readStream(event.streamId, { fromRevision: 0, maxCount: event.revision })) corrector.push(earlier);
    const correction = corrector.push(event);
    return correction && { before: factAsEvent(correction.before), after: factAsEvent(correction.after) };
  };
}
