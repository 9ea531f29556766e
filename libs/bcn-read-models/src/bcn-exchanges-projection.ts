import type {
  ExchangeDraftedData,
  ExchangeImplementedData,
  ExchangeReportedData,
  ExchangeScheduledData,
  ExchangeSubmittedData,
  FollowUpRecordedData,
} from '@apo/bcn';
import type { RecordedEvent } from '@apo/event-store';
import type { Kysely } from 'kysely';
import { dataOf, distinct, meta, positionOf } from '@apo/stream-folding';
import {
  HeldRows,
  type BcnExchangesTable,
  type BcnFollowUpsTable,
  type ReadDatabase,
  keyLookup,
  chunked,
  insertRows,
  upsertRows,
  type Projection,
} from '@apo/read-store';
import { exchangeIdOf, isBcnEvent } from './bcn-event';

type Row = BcnExchangesTable;

const emptyRow = (id: string): Row => ({
  id,
  title: null,
  topic: null,
  programme_year: null,
  origin: null,
  application_window: null,
  closing_date: null,
  sending_economy: null,
  sending_npo: null,
  hosting_economy: null,
  hosting_npo: null,
  state: 'new',
  drafted_on: null,
  applied_on: null,
  decided_on: null,
  modality: null,
  start_date: null,
  end_date: null,
  participants: 0,
  reschedules: 0,
  implemented_on: null,
  reported_on: null,
  follow_ups: 0,
  last_follow_up_on: null,
  closed_on: null,
  withdrawn_on: null,
  revision: -1,
  updated_at: '',
  position: '0',
});

const on = (event: RecordedEvent, field: string): string => (event.data as Record<string, string>)[field];

/** One exchange row, as `describeBcn` describes the folded stream; returns the follow-up row an event adds. */
export function evolveExchange(row: Row, event: RecordedEvent): BcnFollowUpsTable | undefined {
  let followUp: BcnFollowUpsTable | undefined;
  switch (event.type) {
    case 'ExchangeDrafted': {
      const d = dataOf<ExchangeDraftedData>(event);
      Object.assign(row, { title: d.title, topic: d.topic, programme_year: d.programmeYear, drafted_on: d.draftedOn });
      Object.assign(row, {
        sending_economy: d.sendingNpo.economy,
        sending_npo: d.sendingNpo.name,
        hosting_economy: d.hostingNpo?.economy ?? null,
        hosting_npo: d.hostingNpo?.name ?? null,
      });
      break;
    }
    case 'ExchangeSubmitted': {
      const d = dataOf<ExchangeSubmittedData>(event);
      Object.assign(row, { origin: 'application', application_window: d.window, closing_date: d.closingDate, applied_on: d.submittedOn });
      break;
    }
    case 'ExchangeProposed':
      Object.assign(row, { origin: 'secretariat', applied_on: on(event, 'proposedOn') });
      break;
    case 'ExchangeApproved':
    case 'ExchangeRejected':
      row.decided_on = on(event, event.type === 'ExchangeApproved' ? 'approvedOn' : 'rejectedOn');
      break;
    case 'ExchangeScheduled': {
      const d = dataOf<ExchangeScheduledData>(event);
      if (row.modality !== null) row.reschedules += 1;
      Object.assign(row, { modality: d.modality, start_date: d.startDate, end_date: d.endDate, participants: d.participants.length });
      Object.assign(row, { hosting_economy: d.hostingNpo.economy, hosting_npo: d.hostingNpo.name });
      break;
    }
    case 'ExchangeImplemented':
      row.implemented_on = dataOf<ExchangeImplementedData>(event).implementedOn;
      break;
    case 'ExchangeReported':
      row.reported_on = dataOf<ExchangeReportedData>(event).reportedOn;
      break;
    case 'FollowUpRecorded': {
      const d = dataOf<FollowUpRecordedData>(event);
      row.follow_ups += 1;
      if (row.last_follow_up_on === null || d.date > row.last_follow_up_on) row.last_follow_up_on = d.date;
      followUp = {
        position: positionOf(event),
        exchange_id: row.id,
        follow_up_id: d.followUpId,
        kind: d.kind,
        title: d.title,
        date: d.date,
        year: Number(d.date.slice(0, 4)),
        sending_economy: row.sending_economy,
        hosting_economy: row.hosting_economy,
      };
      break;
    }
    case 'ExchangeClosed':
      row.closed_on = on(event, 'closedOn');
      break;
    case 'ExchangeWithdrawn':
      row.withdrawn_on = on(event, 'withdrawnOn');
      break;
  }
  const m = meta(event);
  row.state = m.to;
  row.revision = event.revision;
  row.updated_at = m.recordedAt;
  row.position = positionOf(event);
  return followUp;
}

async function loadRows(trx: Kysely<ReadDatabase>, ids: readonly string[]): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  const keys = keyLookup(ids);
  for (const chunk of chunked(keys.stored)) {
    for (const row of await trx.selectFrom('bcn_exchanges').selectAll().where('id', 'in', chunk).execute()) rows.set(keys.raw(row.id), row);
  }
  return rows;
}

/** One row per exchange and one per follow-up activity (which names the exchange's two economies). */
export const bcnExchangesProjection: Projection = {
  name: 'bcn-exchanges',
  version: 1,
  tables: ['bcn_exchanges', 'bcn_follow_ups'],
  handles: isBcnEvent,
  async apply(trx, events) {
    // An exchange's first event creates its row: only the others need reading back.
    const rows = await loadRows(trx, distinct(events.filter((e) => e.revision > 0).map(exchangeIdOf)));
    const touched = new Map<string, Row>();
    const followUps: BcnFollowUpsTable[] = [];
    for (const event of events) {
      const id = exchangeIdOf(event);
      const row = touched.get(id) ?? rows.get(id) ?? emptyRow(id);
      const followUp = evolveExchange(row, event);
      if (followUp) followUps.push(followUp);
      touched.set(id, row);
    }
    await upsertRows(trx, 'bcn_exchanges', ['id'], [...touched.values()]);
    await insertRows(trx, 'bcn_follow_ups', followUps);
  },
  rebuildInMemory() {
    const rows = new HeldRows<Row>();
    let followUps: BcnFollowUpsTable[] = [];
    return {
      fold(events) {
        for (const event of events) {
          const id = exchangeIdOf(event);
          const followUp = evolveExchange(
            rows.touch(id, () => emptyRow(id)),
            event,
          );
          if (followUp) followUps.push(followUp);
        }
      },
      async write(trx) {
        const added = followUps;
        followUps = [];
        await upsertRows(trx, 'bcn_exchanges', ['id'], rows.takeChanged());
        await insertRows(trx, 'bcn_follow_ups', added);
      },
    };
  },
};
