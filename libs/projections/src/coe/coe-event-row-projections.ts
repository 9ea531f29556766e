import type { AssessmentRecordedData } from '@apo/coe';
import type { RecordedEvent } from '@apo/event-store';
import type { CoeAssessmentsTable, CoeReplicationsTable } from '../read-store/tables';
import { appendedRowsRebuild } from '../read-store/held-rows';
import { insertRows } from '../read-store/write-rows';
import type { Projection } from '../runner/projection';
import { coeIdOf, dataOf, isCoeEvent, meta, positionOf, type ReplicationRecordedData } from './coe-event';

/** One row per AssessmentRecorded: scores by criterion, as an assessor entered them. */
export const coeAssessmentsProjection: Projection = {
  name: 'coe-assessments',
  version: 1,
  tables: ['coe_assessments'],
  handles: (event) => event.type === 'AssessmentRecorded' && isCoeEvent(event),
  apply: (trx, events) => insertRows(trx, 'coe_assessments', events.map(assessmentRow)),
  rebuildInMemory: () => appendedRowsRebuild('coe_assessments', assessmentRow),
};

function assessmentRow(event: RecordedEvent): CoeAssessmentsTable {
  const d = dataOf<AssessmentRecordedData>(event);
  const m = meta(event);
  return {
    position: positionOf(event),
    coe_id: coeIdOf(event),
    assessment_id: d.assessmentId,
    period: d.period,
    assessed_on: d.assessedOn,
    competency: d.scores.competency,
    dissemination: d.scores.dissemination,
    collaboration: d.scores.collaboration,
    outputs: d.scores.outputs,
    impact: d.scores.impact,
    overall: d.overall,
    recommendation: d.recommendation,
    actor: m.actor.id,
    recorded_at: m.recordedAt,
  };
}

/** One row per ReplicationRecorded; `bcn_exchange_id` links it to a BCN exchange when known. */
export const coeReplicationsProjection: Projection = {
  name: 'coe-replications',
  version: 1,
  tables: ['coe_replications'],
  handles: (event) => event.type === 'ReplicationRecorded' && isCoeEvent(event),
  apply: (trx, events) => insertRows(trx, 'coe_replications', events.map(replicationRow)),
  rebuildInMemory: () => appendedRowsRebuild('coe_replications', replicationRow),
};

function replicationRow(event: RecordedEvent): CoeReplicationsTable {
  const d = dataOf<ReplicationRecordedData>(event);
  return {
    position: positionOf(event),
    coe_id: coeIdOf(event),
    replication_id: d.replicationId,
    target_economy: d.targetEconomy,
    description: d.description,
    date: d.date,
    bcn_exchange_id: d.bcnExchangeId ?? null,
  };
}
