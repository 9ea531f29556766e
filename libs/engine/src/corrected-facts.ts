import type { AnyWorkflowDefinition, DatedFact, JsonObject } from './definition';

/** What a stored event must carry to count as a fact: its type, data, business date (metadata.effectiveDate) and revision. */
export interface StoredFact {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly revision: number;
}

/** A stored event as a fact in effect from its business date, with any correction applied. */
export interface CorrectedFact<E extends StoredFact = StoredFact> extends DatedFact {
  /** The event as stored (never patched). */
  readonly event: E;
  /** Revision of the last correction applied. */
  readonly correctedBy?: number;
  /** The fact as first recorded. */
  readonly recorded: { readonly effectiveDate: string; readonly data: JsonObject };
}

/** A correction's effect: the fact it supersedes as it stood before, and as it stands after. */
export interface Correction<E extends StoredFact = StoredFact> {
  readonly before: CorrectedFact<E>;
  readonly after: CorrectedFact<E>;
}

const effectiveDateOf = (event: StoredFact): string => {
  const value = (event.metadata as Record<string, unknown> | undefined)?.effectiveDate;
  return typeof value === 'string' ? value : '';
};

/** Whether `event` corrects an earlier fact of its stream (its definition's `corrections` policy says so). */
export const isCorrection = (definition: AnyWorkflowDefinition, event: { readonly type: string }): boolean =>
  definition.corrections?.eventTypes.includes(event.type) ?? false;

/**
 * A stream's facts built event by event, each correction (the definition's `corrections` policy)
 * applied to the fact it supersedes: a later correction of the same fact applies on top of an
 * earlier one. Correction events stay in `facts` (the policy's indexes are stream positions).
 */
export class FactCorrector<E extends StoredFact> {
  readonly facts: CorrectedFact<E>[] = [];

  constructor(private readonly definition: AnyWorkflowDefinition) {}

  /** Adds the next event of the stream; for a correction, what it changed (undefined when it names no earlier fact). */
  push(event: E): Correction<E> | undefined {
    const data = event.data as JsonObject;
    const effectiveDate = effectiveDateOf(event);
    const fact: CorrectedFact<E> = { type: event.type, data, effectiveDate, event, recorded: { effectiveDate, data } };
    const policy = this.definition.corrections;
    let correction: Correction<E> | undefined;
    if (policy && isCorrection(this.definition, event)) {
      const index = policy.target(fact, this.facts);
      const before = index === undefined ? undefined : this.facts[index];
      if (index !== undefined && before !== undefined) {
        const now = policy.apply(before, fact);
        const after: CorrectedFact<E> = { ...before, data: now.data, effectiveDate: now.effectiveDate, correctedBy: event.revision };
        this.facts[index] = after;
        correction = { before, after };
      }
    }
    this.facts.push(fact);
    return correction;
  }
}

/** The stream's events as facts in stream order, corrections applied (the correction events stay in the list; replays skip them). */
export function correctedFacts<E extends StoredFact>(definition: AnyWorkflowDefinition, events: readonly E[]): CorrectedFact<E>[] {
  const corrector = new FactCorrector<E>(definition);
  for (const event of events) corrector.push(event);
  return corrector.facts;
}

/** A fact as the event now in effect: the stored event itself when uncorrected, else a copy with the corrected data and business date. */
export function factAsEvent<E extends StoredFact>(fact: CorrectedFact<E>): E {
  if (fact.correctedBy === undefined) return fact.event;
  return { ...fact.event, data: fact.data, metadata: { ...(fact.event.metadata as object), effectiveDate: fact.effectiveDate } };
}
