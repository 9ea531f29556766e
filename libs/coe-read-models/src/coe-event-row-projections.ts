import type { AssessmentRecordedData, StatusAssessmentRecordedData } from '@apo/coe';
import type { RecordedEvent } from '@apo/event-store';
import type { Kysely } from 'kysely';
import { correctionReader, type StreamDependencies, dataOf, meta, positionOf } from '@apo/stream-folding';
import {
  type CoeAssessmentsTable,
  type CoeReplicationsTable,
  type ReadDatabase,
  insertRows,
  upsertRows,
  type InMemoryRebuild,
  type Projection,
} from '@apo/read-store';
import { coeIdOf, isCoeEvent, type ReplicationRecordedData } from './coe-event';

type FactTable = 'coe_assessments' | 'coe_replications';

interface FactRows<T extends FactTable> {
  readonly name: string;
  readonly table: T;
  /** The event types that record a fact (one row each, keyed by the event's position). */
  readonly types: readonly string[];
  readonly rowOf: (event: RecordedEvent) => ReadDatabase[T];
}

/** A batch's rows: new ones (inserted) and corrected ones already stored (rewritten), by position. */
class Pending<Row extends { position: string | number; corrected_by: string | number | null }> {
  inserted = new Map<string, Row>();
  corrected = new Map<string, Row>();

  add(row: Row): void {
    this.inserted.set(String(row.position), row);
  }

  /** A corrected fact's row: still to be inserted when its fact is pending, else a rewrite. */
  correct(row: Row): void {
    const key = String(row.position);
    (this.inserted.has(key) ? this.inserted : this.corrected).set(key, row);
  }

  async write<T extends FactTable>(trx: Kysely<ReadDatabase>, table: T): Promise<void> {
    const { inserted, corrected } = this;
    this.inserted = new Map();
    this.corrected = new Map();
    await insertRows(trx, table, [...inserted.values()] as unknown as ReadDatabase[T][]);
    await upsertRows(trx, table, ['position'] as never, [...corrected.values()] as unknown as ReadDatabase[T][]);
  }
}

/**
 * One row per recorded fact (an assessment, a replication), in log order, keyed by the recording
 * event's position. A correction (version 2's RecordCorrected) rewrites the row of the fact it
 * supersedes as now corrected, with `corrected_by` its own position; the rows of every other
 * fact never change, so a rebuild holds only the rows waiting for the next write.
 */
function factRowsProjection<T extends FactTable>(spec: FactRows<T>, options: StreamDependencies): Projection {
  type Row = ReadDatabase[T];
  const corrected = correctionReader(options.registry, options.store, spec.types);
  const types: ReadonlySet<string> = new Set([...spec.types, 'RecordCorrected']);

  async function fold(pending: Pending<Row>, events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type !== 'RecordCorrected') {
        pending.add(spec.rowOf(event));
        continue;
      }
      const fact = await corrected(event);
      if (fact) pending.correct({ ...spec.rowOf(fact.after), corrected_by: positionOf(event) });
    }
  }

  return {
    name: spec.name,
    version: 2,
    tables: [spec.table],
    handles: (event) => types.has(event.type) && isCoeEvent(event),
    async apply(trx, events) {
      const pending = new Pending<Row>();
      await fold(pending, events);
      await pending.write(trx, spec.table);
    },
    rebuildInMemory(): InMemoryRebuild {
      const pending = new Pending<Row>();
      return { fold: (events) => fold(pending, events), write: (trx) => pending.write(trx, spec.table) };
    },
  };
}

function assessmentRow(event: RecordedEvent): CoeAssessmentsTable {
  const m = meta(event);
  const common = { position: positionOf(event), coe_id: coeIdOf(event), actor: m.actor.id, recorded_at: m.recordedAt, corrected_by: null };
  if (event.type === 'StatusAssessmentRecorded') {
    const d = dataOf<StatusAssessmentRecordedData>(event);
    return {
      ...common,
      assessment_id: d.assessmentId,
      period: 'network',
      assessed_on: d.assessedOn,
      ...d.scores,
      overall: d.overall,
      recommendation: d.recommendedStage,
      kind: 'status',
    };
  }
  const d = dataOf<AssessmentRecordedData>(event);
  return {
    ...common,
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
    kind: 'period',
  };
}

/** One row per assessment as an assessor entered it (as corrected since): the period's, or (version 2) a status assessment in the network. */
export const coeAssessmentsProjection = (options: StreamDependencies): Projection =>
  factRowsProjection(
    { name: 'coe-assessments', table: 'coe_assessments', types: ['AssessmentRecorded', 'StatusAssessmentRecorded'], rowOf: assessmentRow },
    options,
  );

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
    corrected_by: null,
  };
}

/** One row per ReplicationRecorded (as corrected since); `bcn_exchange_id` links it to a BCN exchange when known. */
export const coeReplicationsProjection = (options: StreamDependencies): Projection =>
  factRowsProjection({ name: 'coe-replications', table: 'coe_replications', types: ['ReplicationRecorded'], rowOf: replicationRow }, options);
