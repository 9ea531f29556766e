import type { RecordedEvent } from '@apo/event-store';
import type { CoeActivityCountsTable, CoeActivityParticipantsTable } from '../read-store/tables';
import { HeldRows } from '../read-store/held-rows';
import { incrementRows, upsertRows } from '../read-store/write-rows';
import type { Projection } from '../runner/projection';
import { coeIdOf, dataOf, isCoeEvent, positionOf, type ActivityRecordedData, type PublicationRecordedData } from './coe-event';

const yearOf = (date: string) => Number(date.slice(0, 4));

/** Adds one record event to the counts and participants rows (created at zero when missing). */
function countRecord(counts: HeldRows<CoeActivityCountsTable>, participants: HeldRows<CoeActivityParticipantsTable>, event: RecordedEvent): void {
  const coeId = coeIdOf(event);
  const position = positionOf(event);
  const activity = event.type === 'ActivityRecorded';
  const d = dataOf<ActivityRecordedData | PublicationRecordedData>(event);
  const year = yearOf(d.date);
  const category = activity ? 'activity' : 'publication';
  const key = `${coeId}\u0000${year}\u0000${category}\u0000${d.kind}`;
  const count = counts.touch(key, () => ({ coe_id: coeId, year, category, kind: d.kind, count: 0, position }));
  count.count += 1;
  count.position = position;
  if (!activity) return;
  const seen: string[] = [];
  for (const p of (d as ActivityRecordedData).participants) {
    const row = participants.touch(`${coeId}\u0000${year}\u0000${p.economy}`, () => ({ coe_id: coeId, year, economy: p.economy, participants: 0, activities: 0, position }));
    row.participants += p.count;
    // An economy listed twice in one activity is still one activity it took part in.
    if (!seen.includes(p.economy)) row.activities += 1;
    seen.push(p.economy);
    row.position = position;
  }
}

/**
 * Activities and publications counted by COE, year of the record's date and kind, and
 * participants summed by COE, year and economy. A batch is summed in memory first, so each key
 * is written once per batch (PostgreSQL refuses to upsert one row twice in a statement); a
 * rebuild holds the totals themselves and writes them whole.
 */
export const coeActivityProjection: Projection = {
  name: 'coe-activity',
  version: 1,
  tables: ['coe_activity_counts', 'coe_activity_participants'],
  handles: (event) => (event.type === 'ActivityRecorded' || event.type === 'PublicationRecorded') && isCoeEvent(event),
  async apply(trx, events) {
    const counts = new HeldRows<CoeActivityCountsTable>();
    const participants = new HeldRows<CoeActivityParticipantsTable>();
    for (const event of events) countRecord(counts, participants, event);
    await incrementRows(trx, 'coe_activity_counts', ['coe_id', 'year', 'category', 'kind'], ['count'], counts.takeChanged());
    await incrementRows(trx, 'coe_activity_participants', ['coe_id', 'year', 'economy'], ['participants', 'activities'], participants.takeChanged());
  },
  rebuildInMemory() {
    const counts = new HeldRows<CoeActivityCountsTable>();
    const participants = new HeldRows<CoeActivityParticipantsTable>();
    return {
      fold(events) {
        for (const event of events) countRecord(counts, participants, event);
      },
      async write(trx) {
        await upsertRows(trx, 'coe_activity_counts', ['coe_id', 'year', 'category', 'kind'], counts.takeChanged());
        await upsertRows(trx, 'coe_activity_participants', ['coe_id', 'year', 'economy'], participants.takeChanged());
      },
    };
  },
};
