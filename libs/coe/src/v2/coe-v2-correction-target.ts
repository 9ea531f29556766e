import type { CorrectionPolicy, JsonObject } from '@apo/engine';
import type { PeriodKey } from '../coe-model';
import type { CorrectionIdentity, RecordCorrectedData } from './coe-v2-events';
import type { LifecycleFact, LifecycleFactName, RecordKind } from './coe-v2-model';

/** Life-cycle facts whose date a correction can move (assessments are corrected by their id). */
export const CORRECTABLE_FACTS = [
  'application',
  'reviewStart',
  'rejection',
  'designationDecision',
  'launch',
  'advance',
  'extension',
  'suspension',
  'reinstatement',
  'termination',
  'withdrawal',
  'cycleCompletion',
  'nextStageDecision',
] as const satisfies readonly LifecycleFactName[];
export type CorrectableFact = (typeof CORRECTABLE_FACTS)[number];

/** The stored event of each correctable fact, its date field, and (advance, extension) the field naming its period. */
export const FACT_EVENTS: Record<CorrectableFact, { readonly eventType: string; readonly dateField: string; readonly periodField?: string }> = {
  application: { eventType: 'ApplicationSubmitted', dateField: 'appliedOn' },
  reviewStart: { eventType: 'ReviewStarted', dateField: 'startedOn' },
  rejection: { eventType: 'ApplicationRejected', dateField: 'decidedOn' },
  // The decision date lives in governingBody.decisionDate: the patch replaces governingBody.
  designationDecision: { eventType: 'CoeDesignated', dateField: 'governingBody' },
  launch: { eventType: 'CoeLaunched', dateField: 'launchedOn' },
  advance: { eventType: 'PhaseAdvanced', dateField: 'advancedOn', periodField: 'fromPeriod' },
  extension: { eventType: 'PhaseExtended', dateField: 'decidedOn', periodField: 'period' },
  suspension: { eventType: 'CoeSuspended', dateField: 'suspendedOn' },
  reinstatement: { eventType: 'CoeReinstated', dateField: 'reinstatedOn' },
  termination: { eventType: 'CoeTerminated', dateField: 'terminatedOn' },
  withdrawal: { eventType: 'CoeWithdrawn', dateField: 'withdrawnOn' },
  cycleCompletion: { eventType: 'CycleCompleted', dateField: 'completedOn' },
  nextStageDecision: { eventType: 'NextStageDecided', dateField: 'decidedOn' },
};

/** The records a correction can name, by their id field. */
export const RECORD_IDS = {
  activityId: { kind: 'activities', eventType: 'ActivityRecorded' },
  publicationId: { kind: 'publications', eventType: 'PublicationRecorded' },
  replicationId: { kind: 'replications', eventType: 'ReplicationRecorded' },
} as const satisfies Record<string, { kind: RecordKind; eventType: string }>;
export type RecordIdField = keyof typeof RECORD_IDS;

const ID_FIELDS = ['assessmentId', 'activityId', 'publicationId', 'replicationId'] as const;

/** Whether `item` is the fact an identity's `fact` and `period` select (the occurrence aside). */
const sameFact = (identity: { fact: string; period?: PeriodKey }, fact: string, period: unknown): boolean =>
  fact === identity.fact && (identity.period === undefined || period === identity.period);

/** Index in the context's timeline of the fact a correction names; -1 when there is none. */
export function timelineIndex(timeline: readonly LifecycleFact[], identity: { fact: string; period?: PeriodKey; occurrence: number }): number {
  let seen = 0;
  return timeline.findIndex((item) => sameFact(identity, item.fact, item.period) && ++seen === identity.occurrence);
}

/**
 * The stored event a correction supersedes, among the events recorded before it: the last one
 * with the same id (assessments and records), or the `occurrence`-th event of the fact's type
 * (of the named period). The audit's as-of replay applies the correction's `patch` to that
 * event's data (`{ ...data, ...patch }`) and its `effectiveDate`, when given, to its business date.
 */
export function correctionTarget(
  correction: Pick<RecordCorrectedData, 'eventType' | 'corrects'>,
  earlierEvents: readonly { readonly type: string; readonly data: JsonObject }[],
): number | undefined {
  const { eventType, corrects } = correction;
  const idField = ID_FIELDS.find((field) => field in corrects);
  if (idField !== undefined) {
    const id = (corrects as Record<string, unknown>)[idField];
    const index = earlierEvents.findLastIndex((event) => event.type === eventType && event.data[idField] === id);
    return index < 0 ? undefined : index;
  }
  const identity = corrects as Extract<CorrectionIdentity, { fact: string }>;
  const periodField = FACT_EVENTS[identity.fact as CorrectableFact]?.periodField;
  let seen = 0;
  const index = earlierEvents.findIndex(
    (event) =>
      event.type === eventType && sameFact(identity, identity.fact, periodField ? event.data[periodField] : undefined) && ++seen === identity.occurrence,
  );
  return index < 0 ? undefined : index;
}

/**
 * The engine's correction policy for version 2 (docs/audit.md): a `RecordCorrected` supersedes the
 * event `correctionTarget` finds; as-of replays read that event with the patch applied and at the
 * corrected business date.
 */
export const coeV2Corrections: CorrectionPolicy = {
  eventTypes: ['RecordCorrected'],
  target: (correction, earlier) => correctionTarget(correction.data as unknown as RecordCorrectedData, earlier),
  apply: (fact, correction) => {
    const { patch, effectiveDate } = correction.data as unknown as RecordCorrectedData;
    return { type: fact.type, data: { ...fact.data, ...(patch as JsonObject) }, effectiveDate: effectiveDate ?? fact.effectiveDate };
  },
};
