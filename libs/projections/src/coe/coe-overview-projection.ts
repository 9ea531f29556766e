import type { ApplicationSubmittedData, AssessmentRecordedData, CoeDesignatedData, PhaseAdvancedData, PhaseExtendedData } from '@apo/coe';
import type { RecordedEvent } from '@apo/event-store';
import type { Kysely } from 'kysely';
import type { CoeOverviewTable, ReadDatabase } from '../read-store/tables';
import { HeldRows } from '../read-store/held-rows';
import { keyLookup } from '../read-store/stored-text';
import { chunked, upsertRows } from '../read-store/write-rows';
import type { Projection } from '../runner/projection';
import { coeIdOf, dataOf, distinct, isCoeEvent, meta, phaseOfState, positionOf } from './coe-event';

type Row = CoeOverviewTable;

const TERMINAL = new Set(['rejected', 'graduated', 'terminated', 'withdrawn']);

const emptyRow = (id: string): Row => ({
  id,
  name: null,
  member_economy: null,
  focus_area: null,
  applied_on: null,
  launch_date: null,
  state: 'new',
  phase: 'new',
  delivery_year: null,
  period: null,
  phase_start: null,
  due_date: null,
  suspended: 0,
  last_assessment_id: null,
  last_assessment_date: null,
  last_assessment_recommendation: null,
  last_assessment_overall: null,
  activities: 0,
  publications: 0,
  replications: 0,
  revision: -1,
  updated_at: '',
  position: '0',
});

const clearAssessment = (row: Row) => {
  row.last_assessment_id = null;
  row.last_assessment_date = null;
  row.last_assessment_recommendation = null;
  row.last_assessment_overall = null;
};

/**
 * One row per COE, matching what `describeCoe` answers for the stream (so the API's list can
 * move onto it unchanged): the last assessment is that of the current period (cleared when the
 * period changes or is extended), and the due date is shown while active or suspended only.
 */
export function evolveOverview(row: Row, event: RecordedEvent): void {
  const m = meta(event);
  switch (event.type) {
    case 'ApplicationSubmitted': {
      const d = dataOf<ApplicationSubmittedData>(event);
      row.name = d.name;
      row.member_economy = d.memberEconomy;
      row.focus_area = d.focusArea;
      row.applied_on = d.appliedOn;
      break;
    }
    case 'CoeDesignated':
    case 'PhaseAdvanced': {
      const period = dataOf<CoeDesignatedData | PhaseAdvancedData>(event).period;
      if (event.type === 'CoeDesignated') row.launch_date = dataOf<CoeDesignatedData>(event).launchDate;
      row.period = period.key;
      row.phase_start = period.start;
      row.due_date = period.dueDate;
      clearAssessment(row);
      break;
    }
    case 'PhaseExtended':
      row.due_date = dataOf<PhaseExtendedData>(event).dueDate;
      clearAssessment(row);
      break;
    case 'AssessmentRecorded': {
      const d = dataOf<AssessmentRecordedData>(event);
      row.last_assessment_id = d.assessmentId;
      row.last_assessment_date = d.assessedOn;
      row.last_assessment_recommendation = d.recommendation;
      row.last_assessment_overall = d.overall;
      break;
    }
    case 'ActivityRecorded':
      row.activities += 1;
      break;
    case 'PublicationRecorded':
      row.publications += 1;
      break;
    case 'ReplicationRecorded':
      row.replications += 1;
      break;
  }
  const { phase, deliveryYear } = phaseOfState(m.to);
  row.state = m.to;
  row.phase = phase;
  row.delivery_year = deliveryYear;
  row.suspended = m.to === 'suspended' ? 1 : 0;
  if (TERMINAL.has(m.to)) row.due_date = null;
  row.revision = event.revision;
  row.updated_at = m.recordedAt;
  row.position = positionOf(event);
}

async function loadRows(trx: Kysely<ReadDatabase>, ids: readonly string[]): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  const keys = keyLookup(ids);
  for (const chunk of chunked(keys.stored)) {
    for (const row of await trx.selectFrom('coe_overview').selectAll().where('id', 'in', chunk).execute()) {
      rows.set(keys.raw(row.id), { ...row, last_assessment_overall: row.last_assessment_overall === null ? null : Number(row.last_assessment_overall) });
    }
  }
  return rows;
}

export const coeOverviewProjection: Projection = {
  name: 'coe-overview',
  version: 1,
  tables: ['coe_overview'],
  handles: isCoeEvent,
  async apply(trx, events) {
    // A COE's first event creates its row: only the others need reading back.
    const existing = distinct(events.filter((e) => e.revision > 0).map(coeIdOf));
    const rows = await loadRows(trx, existing);
    const touched = new Map<string, Row>();
    for (const event of events) {
      const id = coeIdOf(event);
      const row = touched.get(id) ?? rows.get(id) ?? emptyRow(id);
      evolveOverview(row, event);
      touched.set(id, row);
    }
    await upsertRows(trx, 'coe_overview', ['id'], [...touched.values()]);
  },
  rebuildInMemory() {
    const rows = new HeldRows<Row>();
    return {
      fold(events) {
        for (const event of events) {
          const id = coeIdOf(event);
          evolveOverview(
            rows.touch(id, () => emptyRow(id)),
            event,
          );
        }
      },
      write: (trx) => upsertRows(trx, 'coe_overview', ['id'], rows.takeChanged()),
    };
  },
};
