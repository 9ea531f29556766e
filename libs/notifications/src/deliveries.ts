import type { ReadStore } from '@apo/read-store';
import { DELIVERY_STATUS } from './webhook-dispatcher';

/** A notification a webhook gave up on, with what it was about and why it failed. */
export interface DeadLetter {
  readonly webhook: string;
  /** Outbox position (decimal string): with `webhook`, the key to retry it by. */
  readonly position: string;
  /** Event id (the X-APO-Delivery header); null while the outbox is being rebuilt. */
  readonly eventId: string | null;
  readonly category: string | null;
  readonly type: string | null;
  readonly programme: string | null;
  readonly instanceId: string | null;
  readonly streamId: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly recordedAt: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  /** When the last attempt failed. */
  readonly failedAt: string;
}

export interface DeadLetterPage {
  readonly items: DeadLetter[];
  readonly total: number;
}

export interface DeliveryStats {
  readonly webhook: string;
  readonly pending: number;
  readonly delivered: number;
  readonly dead: number;
  /** When its last notification was delivered; null: none yet. */
  readonly lastDeliveredAt: string | null;
}

const POSITION = /^\d{1,19}$/;

/** Dead letters by webhook and position (oldest first), optionally of one webhook. */
export async function listDeadLetters(readStore: ReadStore, options: { webhook?: string; limit?: number; offset?: number } = {}): Promise<DeadLetterPage> {
  const db = readStore.db;
  let count = db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('status', '=', DELIVERY_STATUS.dead);
  let rows = db
    .selectFrom('webhook_deliveries as d')
    .leftJoin('notification_outbox as o', 'o.position', 'd.position')
    .select([
      'd.webhook',
      'd.position',
      'd.attempts',
      'd.last_error',
      'd.updated_at',
      'o.event_id',
      'o.category',
      'o.event_type',
      'o.stream_id',
      'o.payload',
      'o.recorded_at',
    ])
    .where('d.status', '=', DELIVERY_STATUS.dead);
  if (options.webhook !== undefined) {
    count = count.where('webhook', '=', options.webhook);
    rows = rows.where('d.webhook', '=', options.webhook);
  }
  const [total, items] = await Promise.all([
    count.executeTakeFirstOrThrow(),
    rows
      .orderBy('d.webhook')
      .orderBy('d.position')
      .limit(options.limit ?? 100)
      .offset(options.offset ?? 0)
      .execute(),
  ]);
  return {
    total: Number(total.n),
    items: items.map((r) => {
      const payload = r.payload === null ? undefined : (JSON.parse(r.payload) as { programme?: string; instanceId?: string; from?: string; to?: string });
      return {
        webhook: r.webhook,
        position: String(r.position),
        eventId: r.event_id,
        category: r.category,
        type: r.event_type,
        programme: payload?.programme ?? null,
        instanceId: payload?.instanceId ?? null,
        streamId: r.stream_id,
        from: payload?.from ?? null,
        to: payload?.to ?? null,
        recordedAt: r.recorded_at,
        attempts: r.attempts,
        lastError: r.last_error,
        failedAt: r.updated_at,
      };
    }),
  };
}

/**
 * Puts a dead letter back in its webhook's queue (pending, attempts 0, due `now`); its last error
 * stays until the next attempt. False when there is no such dead letter.
 */
export async function retryDeadLetter(readStore: ReadStore, webhook: string, position: string, now: Date): Promise<boolean> {
  if (!POSITION.test(position)) return false;
  const result = await readStore.db
    .updateTable('webhook_deliveries')
    .set({ status: DELIVERY_STATUS.pending, attempts: 0, next_attempt_at: now.toISOString(), updated_at: now.toISOString() })
    .where('webhook', '=', webhook)
    .where('position', '=', position)
    .where('status', '=', DELIVERY_STATUS.dead)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deliveries per webhook and status (start markers left out), by webhook id. */
export async function deliveryStats(readStore: ReadStore): Promise<DeliveryStats[]> {
  const rows = await readStore.db
    .selectFrom('webhook_deliveries')
    .select(['webhook', 'status'])
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.max('delivered_at').as('last_delivered_at')])
    .where('status', 'in', [DELIVERY_STATUS.pending, DELIVERY_STATUS.delivered, DELIVERY_STATUS.dead])
    .groupBy(['webhook', 'status'])
    .orderBy('webhook')
    .execute();
  const byWebhook = new Map<string, { webhook: string; pending: number; delivered: number; dead: number; lastDeliveredAt: string | null }>();
  for (const r of rows) {
    const stats = byWebhook.get(r.webhook) ?? { webhook: r.webhook, pending: 0, delivered: 0, dead: 0, lastDeliveredAt: null };
    stats[r.status as 'pending' | 'delivered' | 'dead'] = Number(r.n);
    if (r.status === DELIVERY_STATUS.delivered) stats.lastDeliveredAt = r.last_delivered_at ?? null;
    byWebhook.set(r.webhook, stats);
  }
  return [...byWebhook.values()];
}
