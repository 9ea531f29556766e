import type { WorkflowState } from '@apo/engine';
import type { RecordedEvent } from '@apo/event-store';
import type { CoeOverviewTable } from '@apo/read-store';
import { meta, positionOf } from '@apo/stream-folding';
import { phaseOfState } from './coe-event';
import { summarizeCoe } from './coe-summary';
import { earliestDeadline, type CoeV1Facts, type GoverningBodyDecisionItem } from './coe-v1-description';

/**
 * The overview row of a COE folded up to `last` (its latest event): what its definition
 * describes (`summarizeCoe`, the facts GET /coes/:id answers), and the earliest of the deadlines
 * its definition holds open (the deadlines read model's rows for the stream), so that the list's
 * overdue and /deadlines' agree by construction.
 */
export function overviewRow(
  id: string,
  folded: Pick<WorkflowState, 'definition' | 'state' | 'context'>,
  facts: CoeV1Facts,
  last: RecordedEvent,
): CoeOverviewTable {
  const s = summarizeCoe(folded, facts);
  const open = folded.definition.deadlines?.open(folded.state, folded.context) ?? [];
  const next = earliestDeadline(open);
  return {
    id,
    name: s.name,
    member_economy: s.memberEconomy,
    focus_area: s.focusArea,
    applied_on: s.appliedOn,
    launch_date: s.launchDate,
    state: folded.state,
    phase: s.phase,
    delivery_year: phaseOfState(folded.state).deliveryYear,
    period: s.period,
    phase_start: s.periodStart,
    due_date: s.dueDate,
    suspended: s.suspended ? 1 : 0,
    last_assessment_id: s.lastAssessment?.assessmentId ?? null,
    last_assessment_date: s.lastAssessment?.assessedOn ?? null,
    last_assessment_recommendation: s.lastAssessment?.recommendation ?? null,
    last_assessment_overall: s.lastAssessment?.overall ?? null,
    activities: s.records.activities,
    publications: s.records.publications,
    replications: s.records.replications,
    revision: last.revision,
    updated_at: meta(last).recordedAt,
    position: positionOf(last),
    definition_version: folded.definition.version,
    nominating_npo: s.nominatingNpo,
    host_institution: s.hostInstitution?.name ?? null,
    host_type: s.hostInstitution?.type ?? null,
    status: s.status,
    stage: s.stage,
    planned_launch_date: s.plannedLaunchDate,
    designation_meeting: s.designation?.meeting ?? null,
    designation_decision_date: s.designation?.decisionDate ?? null,
    governing_body_decisions: JSON.stringify(s.governingBodyDecisions),
    period_due_date: s.periodDueDate,
    next_due_date: next?.dueDate ?? null,
    next_due_key: next?.key ?? null,
    next_due_kind: next?.kind ?? null,
    next_due_label: next?.label ?? null,
    open_deadlines: open.length,
    historical: s.historical ? 1 : 0,
    last_status_assessment_date: s.lastStatusAssessment?.assessedOn ?? null,
    last_status_assessment_stage: s.lastStatusAssessment?.recommendedStage ?? null,
  };
}

/** A version 1 COE's facts as its row stores them (the row is written from them, see `overviewRow`). */
export function v1FactsOfRow(row: Pick<CoeOverviewTable, 'nominating_npo' | 'host_institution' | 'host_type' | 'governing_body_decisions'>): CoeV1Facts {
  return {
    nominatingNpo: row.nominating_npo,
    hostInstitution: row.host_institution === null ? null : { name: row.host_institution, type: row.host_type ?? '' },
    governingBodyDecisions: row.governing_body_decisions === null ? [] : (JSON.parse(row.governing_body_decisions) as GoverningBodyDecisionItem[]),
  };
}
