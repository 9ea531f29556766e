import type { DefinitionRegistry } from '@apo/engine';
import type { RecordedEvent } from '@apo/event-store';
import { type NotificationOutboxTable, appendedRowsRebuild, upsertRows, type Projection } from '@apo/read-store';

/** What a notification tells: a workflow transition or a scheduler's deadline notice. */
export type NotificationCategory = 'transition' | 'deadline';
export const NOTIFICATION_CATEGORIES: readonly NotificationCategory[] = ['transition', 'deadline'];

/** The JSON body POSTed to every webhook (the outbox row's `payload`, byte for byte). */
export interface NotificationPayload {
  /** The event id: receivers dedupe on it (also in the X-APO-Delivery header). */
  readonly id: string;
  readonly category: NotificationCategory;
  /** The event type, e.g. `CoeDesignated`, `AssessmentFellDue`. */
  readonly type: string;
  /** Programme key (`coe`, `bcn`): the stream prefix. */
  readonly programme: string;
  /** The instance id without the stream prefix (`th-digital`). */
  readonly instanceId: string;
  readonly streamId: string;
  readonly revision: number;
  /** Global log position, as a decimal string: the order notifications are sent in. */
  readonly position: string;
  readonly from: string;
  readonly to: string;
  readonly data: unknown;
  readonly actor: { readonly id: string; readonly role: string };
  readonly recordedAt: string;
  readonly effectiveDate: string;
}

interface EnvelopeMeta {
  from: string;
  to: string;
  actor: { id: string; role: string };
  recordedAt: string;
  effectiveDate: string;
}

const prefixOf = (streamId: string): string | undefined => {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : undefined;
};

/**
 * The notification outbox: one row per event worth telling outside, in log order: every
 * transition (`from` !== `to`) and every deadline notice (a type of the definition's
 * `deadlines.kinds`) of a registered programme's streams. Rows hold the exact JSON body the
 * webhook dispatcher POSTs, so a rebuild writes the same rows at the same positions and the
 * dispatcher (which tracks deliveries by position, outside the projection) never re-sends.
 */
export function notificationOutboxProjection(registry: DefinitionRegistry): Projection {
  // Notice types per stream prefix, over every released version of each definition.
  const noticeTypes = new Map<string, Set<string>>();
  for (const definition of registry.all()) {
    const types = noticeTypes.get(definition.streamPrefix) ?? new Set<string>();
    for (const kind of Object.values(definition.deadlines?.kinds ?? {})) {
      types.add(kind.lead);
      types.add(kind.due);
      types.add(kind.overdue);
    }
    noticeTypes.set(definition.streamPrefix, types);
  }

  const categoryOf = (event: RecordedEvent): NotificationCategory | undefined => {
    const prefix = prefixOf(event.streamId);
    const notices = prefix === undefined ? undefined : noticeTypes.get(prefix);
    if (!notices) return undefined;
    if (notices.has(event.type)) return 'deadline';
    const m = event.metadata as Partial<EnvelopeMeta> | undefined;
    return m && typeof m.from === 'string' && typeof m.to === 'string' && m.from !== m.to ? 'transition' : undefined;
  };

  const rowOf = (event: RecordedEvent): NotificationOutboxTable | undefined => {
    const category = categoryOf(event);
    if (!category) return undefined;
    const m = event.metadata as unknown as EnvelopeMeta;
    const programme = prefixOf(event.streamId) as string;
    const position = event.position.toString();
    const payload: NotificationPayload = {
      id: event.eventId,
      category,
      type: event.type,
      programme,
      instanceId: event.streamId.slice(programme.length + 1),
      streamId: event.streamId,
      revision: event.revision,
      position,
      from: m.from,
      to: m.to,
      data: event.data,
      actor: { id: m.actor.id, role: m.actor.role },
      recordedAt: m.recordedAt,
      effectiveDate: m.effectiveDate,
    };
    return {
      position,
      event_id: event.eventId,
      category,
      event_type: event.type,
      stream_id: event.streamId,
      payload: JSON.stringify(payload),
      recorded_at: m.recordedAt,
    };
  };

  return {
    name: 'notification-outbox',
    version: 1,
    tables: ['notification_outbox'],
    handles: (event) => {
      const prefix = prefixOf(event.streamId);
      return prefix !== undefined && noticeTypes.has(prefix);
    },
    async apply(trx, events) {
      const rows: NotificationOutboxTable[] = [];
      for (const event of events) {
        const row = rowOf(event);
        if (row) rows.push(row);
      }
      // Upsert: a batch the runner re-applies (after a power cut) writes the same rows again.
      await upsertRows(trx, 'notification_outbox', ['position'], rows);
    },
    rebuildInMemory: () => appendedRowsRebuild('notification_outbox', rowOf),
  };
}
