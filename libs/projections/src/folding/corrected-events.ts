import type { AnyWorkflowDefinition, DatedFact, DefinitionRegistry, JsonObject } from '@apo/engine';
import type { EventStore, RecordedEvent } from '@apo/event-store';

const effectiveDateOf = (event: RecordedEvent): string => {
  const value = (event.metadata as Record<string, unknown>).effectiveDate;
  return typeof value === 'string' ? value : '';
};

const asFact = (event: RecordedEvent): DatedFact => ({ type: event.type, data: event.data as JsonObject, effectiveDate: effectiveDateOf(event) });

/** Whether `event` corrects an earlier fact of its stream (its definition's `corrections` policy says so). */
export const isCorrection = (definition: AnyWorkflowDefinition, event: { readonly type: string }): boolean => definition.corrections?.eventTypes.includes(event.type) ?? false;

/** A corrected fact: the stored event as it stood before a correction, and as it stands after (same position and revision). */
export interface Corrected {
  readonly before: RecordedEvent;
  readonly after: RecordedEvent;
}

/**
 * A stream read in order, each correction applied (by the definition's `corrections` policy) to
 * the event it supersedes: its data patched, its business date moved, a later correction of the
 * same fact on top of an earlier one. (The audit's `correctedFacts` answers the same for as-of
 * replays.)
 */
class CorrectedStream {
  /** Every event so far, corrections included (the policy's indexes are stream positions), as now in effect. */
  readonly events: RecordedEvent[] = [];
  private readonly facts: DatedFact[] = [];

  constructor(private readonly definition: AnyWorkflowDefinition) {}

  /** Adds the next event; for a correction, the fact it corrected (undefined when it names none). */
  push(event: RecordedEvent): Corrected | undefined {
    const fact = asFact(event);
    let corrected: Corrected | undefined;
    const policy = this.definition.corrections;
    if (policy && isCorrection(this.definition, event)) {
      const index = policy.target(fact, this.facts);
      const before = index === undefined ? undefined : this.events[index];
      if (index !== undefined && before !== undefined) {
        const now = policy.apply(this.facts[index], fact);
        const after = { ...before, data: now.data as RecordedEvent['data'], metadata: { ...before.metadata, effectiveDate: now.effectiveDate } };
        this.facts[index] = now;
        this.events[index] = after;
        corrected = { before, after };
      }
    }
    this.events.push(event);
    this.facts.push(fact);
    return corrected;
  }
}

/** A stream's events (in stream order) as the facts now in effect, corrections applied and left out; each keeps its position and revision. */
export function correctedEvents(definition: AnyWorkflowDefinition, events: readonly RecordedEvent[]): RecordedEvent[] {
  const stream = new CorrectedStream(definition);
  for (const event of events) stream.push(event);
  return stream.events.filter((event) => !isCorrection(definition, event));
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
    const stream = new CorrectedStream(definition);
    for (const earlier of await store.readStream(event.streamId, { fromRevision: 0, maxCount: event.revision })) stream.push(earlier);
    return stream.push(event);
  };
}
