import type { AnyWorkflowDefinition, DatedFact, JsonObject } from '@apo/engine';
import type { StoredEvent } from './check-stream';

/** A stored event as a fact in effect from its business date, with any correction applied. */
export interface Fact extends DatedFact {
  readonly event: StoredEvent;
  /** Revision of the last correction applied. */
  readonly correctedBy?: number;
  /** The fact as first recorded (when corrected). */
  readonly recorded: { readonly effectiveDate: string; readonly data: JsonObject };
}

const effectiveDateOf = (event: StoredEvent): string => {
  const value = (event.metadata as Record<string, unknown>).effectiveDate;
  return typeof value === 'string' ? value : '';
};

/**
 * The stream's events as facts, each correction (the definition's `corrections` policy) applied to
 * the fact it supersedes, in stream order: a later correction of the same fact applies on top of
 * an earlier one. The correction events stay in the list (stream order is kept); replays skip them.
 */
export function correctedFacts(definition: AnyWorkflowDefinition, events: readonly StoredEvent[]): Fact[] {
  const policy = definition.corrections;
  const correctionTypes = new Set(policy?.eventTypes ?? []);
  const facts: Fact[] = [];
  for (const event of events) {
    const data = event.data as JsonObject;
    const fact: Fact = { type: event.type, data, effectiveDate: effectiveDateOf(event), event, recorded: { effectiveDate: effectiveDateOf(event), data } };
    if (policy && correctionTypes.has(event.type)) {
      const index = policy.target(fact, facts);
      if (index !== undefined && facts[index] !== undefined) {
        const corrected = policy.apply(facts[index], fact);
        facts[index] = { ...facts[index], data: corrected.data, effectiveDate: corrected.effectiveDate, correctedBy: event.revision };
      }
    }
    facts.push(fact);
  }
  return facts;
}
