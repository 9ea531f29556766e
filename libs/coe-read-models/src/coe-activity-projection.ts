import type { RecordedEvent } from '@apo/event-store';
import type { Kysely } from 'kysely';
import { correctionReader, type Corrected, type StreamDependencies, dataOf, distinct, positionOf } from '@apo/stream-folding';
import {
  type CoeActivityCountsTable,
  type CoeActivityParticipantsTable,
  type ReadDatabase,
  HeldRows,
  deleteRows,
  incrementRows,
  upsertRows,
  type Projection,
} from '@apo/read-store';
import { coeIdOf, isCoeEvent, type ActivityRecordedData, type PublicationRecordedData } from './coe-event';

const RECORDS = ['ActivityRecorded', 'PublicationRecorded'];
const HANDLED: ReadonlySet<string> = new Set([...RECORDS, 'RecordCorrected']);
/** The year of a record's date, as given (`2027`, `2027-11` or `2027-11-03`). */
const yearOf = (date: string) => Number(date.slice(0, 4));

interface Totals {
  readonly counts: HeldRows<CoeActivityCountsTable>;
  readonly participants: HeldRows<CoeActivityParticipantsTable>;
}

const newTotals = (): Totals => ({ counts: new HeldRows(), participants: new HeldRows() });

/**
 * Adds one record event (`sign` 1), or takes it away (-1, the record as it stood before a
 * correction), to the counts and participants rows (created at zero when missing), which take
 * `position`.
 */
function countRecord({ counts, participants }: Totals, event: RecordedEvent, sign: 1 | -1, position: string): void {
  const coeId = coeIdOf(event);
  const activity = event.type === 'ActivityRecorded';
  const d = dataOf<ActivityRecordedData | PublicationRecordedData>(event);
  const year = yearOf(d.date);
  const category = activity ? 'activity' : 'publication';
  const key = `${coeId}\u0000${year}\u0000${category}\u0000${d.kind}`;
  const count = counts.touch(key, () => ({ coe_id: coeId, year, category, kind: d.kind, count: 0, position }));
  count.count += sign;
  count.position = position;
  if (!activity) return;
  const seen: string[] = [];
  for (const p of (d as ActivityRecordedData).participants) {
    const row = participants.touch(`${coeId}\u0000${year}\u0000${p.economy}`, () => ({
      coe_id: coeId,
      year,
      economy: p.economy,
      participants: 0,
      activities: 0,
      position,
    }));
    row.participants += sign * p.count;
    // An economy listed twice in one activity is still one activity it took part in.
    if (!seen.includes(p.economy)) row.activities += sign;
    seen.push(p.economy);
    row.position = position;
  }
}

/**
 * Activities and publications counted by COE, year of the record's date and kind, and
 * participants summed by COE, year and economy. A correction of a record (version 2) takes the
 * record away as it stood and counts it as corrected (a row left at zero is deleted). A batch is
 * summed in memory first, so each key is written once per batch (PostgreSQL refuses to upsert one
 * row twice in a statement); a rebuild holds the totals themselves and writes them whole.
 */
export function coeActivityProjection(options: StreamDependencies): Projection {
  const corrected = correctionReader(options.registry, options.store, RECORDS);

  /** Folds the events into `totals`; resolves to the COEs whose records a correction moved. */
  async function fold(totals: Totals, events: readonly RecordedEvent[]): Promise<string[]> {
    const moved: string[] = [];
    for (const event of events) {
      if (event.type !== 'RecordCorrected') {
        countRecord(totals, event, 1, positionOf(event));
        continue;
      }
      const record: Corrected | undefined = await corrected(event);
      if (!record) continue;
      countRecord(totals, record.before, -1, positionOf(event));
      countRecord(totals, record.after, 1, positionOf(event));
      moved.push(coeIdOf(event));
    }
    return distinct(moved);
  }

  async function deleteEmpty(trx: Kysely<ReadDatabase>, coes: readonly string[]): Promise<void> {
    if (coes.length === 0) return;
    await trx.deleteFrom('coe_activity_counts').where('coe_id', 'in', coes).where('count', '<=', 0).execute();
    await trx.deleteFrom('coe_activity_participants').where('coe_id', 'in', coes).where('activities', '<=', 0).execute();
  }

  return {
    name: 'coe-activity',
    version: 2,
    tables: ['coe_activity_counts', 'coe_activity_participants'],
    handles: (event) => HANDLED.has(event.type) && isCoeEvent(event),
    async apply(trx, events) {
      const totals = newTotals();
      const moved = await fold(totals, events);
      await incrementRows(trx, 'coe_activity_counts', ['coe_id', 'year', 'category', 'kind'], ['count'], totals.counts.takeChanged());
      await incrementRows(trx, 'coe_activity_participants', ['coe_id', 'year', 'economy'], ['participants', 'activities'], totals.participants.takeChanged());
      await deleteEmpty(trx, moved);
    },
    rebuildInMemory() {
      const totals = newTotals();
      return {
        fold: async (events) => void (await fold(totals, events)),
        async write(trx) {
          const counts = totals.counts.takeChanged();
          const participants = totals.participants.takeChanged();
          await upsertRows(
            trx,
            'coe_activity_counts',
            ['coe_id', 'year', 'category', 'kind'],
            counts.filter((r) => r.count > 0),
          );
          await upsertRows(
            trx,
            'coe_activity_participants',
            ['coe_id', 'year', 'economy'],
            participants.filter((r) => r.activities > 0),
          );
          await deleteRows(
            trx,
            'coe_activity_counts',
            counts.filter((r) => r.count <= 0).map(({ coe_id, year, category, kind }) => ({ coe_id, year, category, kind })),
          );
          await deleteRows(
            trx,
            'coe_activity_participants',
            participants.filter((r) => r.activities <= 0).map(({ coe_id, year, economy }) => ({ coe_id, year, economy })),
          );
        },
      };
    },
  };
}
