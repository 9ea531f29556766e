import { definitelyBefore, type DecideInput } from '@apo/engine';
import { COE_RULES, ensure } from '../coe-rules';
import type { CoeV2Context, LifecycleFact, LifecycleFactName } from './coe-v2-model';

type Input = DecideInput<CoeV2Context>;

/** A life-cycle fact, or the end of a historical entry (checked against them, not one of them). */
export type DatedFactName = LifecycleFactName | 'historicalEntry';

/** How messages name each life-cycle fact. */
export const FACT_LABELS: Record<DatedFactName, string> = {
  application: 'the application',
  reviewStart: 'the start of the review',
  rejection: 'the rejection',
  designationDecision: "the Governing Body's designation decision",
  launch: 'the launch',
  assessment: 'an assessment',
  advance: 'an advance',
  extension: 'an extension decision',
  suspension: 'a suspension',
  reinstatement: 'a reinstatement',
  termination: 'the termination',
  withdrawal: 'the withdrawal',
  cycleCompletion: 'the completion of the 1-3-1 cycle',
  statusAssessment: 'a status assessment',
  nextStageDecision: 'a next-stage decision',
  historicalEntry: 'the end of the historical entry',
};

/**
 * A business date may not lie in the future of the moment the command is handled. A partial
 * date is in the future only when all of it is (`2025` is not, on 2025-06-01).
 */
export function notInFuture(input: Input, date: string, field: string): void {
  ensure(!definitelyBefore(input.today, date), COE_RULES.DATE_IN_FUTURE, `${field} ${date} is after today (${input.today})`, {
    field,
    date,
    today: input.today,
  });
}

/** The latest life-cycle fact by date (by first day, the more precise on a tie; the later recorded on a full tie). */
export function latestFact(timeline: readonly LifecycleFact[]): LifecycleFact | undefined {
  let latest: LifecycleFact | undefined;
  for (const fact of timeline) if (latest === undefined || fact.date >= latest.date) latest = fact;
  return latest;
}

/** `date` (of `fact`) is not definitely before `other`; COE.DATE_OUT_OF_ORDER naming both otherwise. */
export function notBeforeFact(date: string, field: string, fact: DatedFactName, other: LifecycleFact | undefined): void {
  if (other === undefined || !definitelyBefore(date, other.date)) return;
  ensure(
    false,
    COE_RULES.DATE_OUT_OF_ORDER,
    `${field} ${date} (${FACT_LABELS[fact]}) is before ${FACT_LABELS[other.fact]} on ${other.date}: life-cycle facts are recorded in date order`,
    { field, date, fact, before: { fact: other.fact, date: other.date } },
  );
}

/** `later` (a fact recorded after the one re-dated to `date`) is not definitely before it. */
export function notAfterFact(date: string, field: string, fact: DatedFactName, later: LifecycleFact): void {
  if (!definitelyBefore(later.date, date)) return;
  ensure(
    false,
    COE_RULES.DATE_OUT_OF_ORDER,
    `${field} ${date} (${FACT_LABELS[fact]}) is after ${FACT_LABELS[later.fact]} on ${later.date}: life-cycle facts are recorded in date order`,
    { field, date, fact, after: { fact: later.fact, date: later.date } },
  );
}

/** A new life-cycle fact: not in the future, not definitely before the latest fact already recorded. */
export function datedFact(input: Input, date: string, field: string, fact: LifecycleFactName): void {
  notInFuture(input, date, field);
  notBeforeFact(date, field, fact, latestFact(input.context.timeline));
}

/** Records (activities, publications, replications, proposals): any order, but not in the future nor before the launch. */
export function withinLife(input: Input, date: string, field: string): void {
  notInFuture(input, date, field);
  const launch = input.context.launchDate;
  if (launch !== undefined) {
    ensure(!definitelyBefore(date, launch), COE_RULES.DATE_BEFORE_LAUNCH, `${field} ${date} is before the COE's launch on ${launch}`, {
      field,
      date,
      launchDate: launch,
    });
  }
}
