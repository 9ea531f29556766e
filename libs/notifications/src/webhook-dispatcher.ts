import type { Clock } from '@apo/engine';
import type { ReadStore } from '@apo/read-store';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signPayload } from './signature';
import type { WebhookConfig } from './webhook-config';

/** Delivery states in `webhook_deliveries.status`. */
export const DELIVERY_STATUS = {
  pending: 'pending',
  delivered: 'delivered',
  /** Gave up after `maxAttempts`: the dead-letter list (retry by hand). */
  dead: 'dead',
  /**
   * Not a delivery: the start marker of a webhook configured after notifications existed. It
   * sits at the outbox head of that moment, so the webhook receives what follows, not the past.
   */
  skipped: 'skipped',
} as const;

export interface WebhookDispatcherOptions {
  readonly readStore: ReadStore;
  readonly webhooks: readonly WebhookConfig[];
  readonly clock: Clock;
  /** The HTTP client (default: global fetch). */
  readonly fetch?: typeof fetch;
  /** Attempts before a delivery is dead-lettered (default 10). */
  readonly maxAttempts?: number;
  /** Delay after the first failure; doubles after each further one (default 10 s). */
  readonly baseDelayMs?: number;
  /** Longest delay between attempts (default 1 h). */
  readonly maxDelayMs?: number;
  /** Per POST, response headers included (default 5 s). */
  readonly timeoutMs?: number;
  /** Notifications enqueued, and deliveries attempted, per webhook per tick (default 100). */
  readonly batch?: number;
  /** Told about a tick that failed in the background loop (`start`); default: ignored. */
  readonly onError?: (error: unknown) => void;
  /**
   * The background loop (`start`) ticks only while this answers true: give it "this process holds
   * the projection lease", so that of several processes only one sends (default: always).
   */
  readonly active?: () => boolean;
}

/** What one tick did, over all webhooks. */
export interface TickResult {
  readonly enqueued: number;
  readonly delivered: number;
  /** Attempts that failed and will be retried. */
  readonly failed: number;
  /** Deliveries that failed for the last time (now dead letters). */
  readonly dead: number;
}

type Outcome = { ok: true } | { ok: false; error: string };

const ZERO: TickResult = { enqueued: 0, delivered: 0, failed: 0, dead: 0 };
const add = (a: TickResult, b: TickResult): TickResult => ({
  enqueued: a.enqueued + b.enqueued,
  delivered: a.delivered + b.delivered,
  failed: a.failed + b.failed,
  dead: a.dead + b.dead,
});

/**
 * Delivers the notification outbox to the configured webhooks, at least once and in position
 * order per webhook. Each tick, per webhook:
 * 1. enqueue: a pending delivery for every outbox row after the webhook's highest enqueued
 *    position (a new webhook starts at the outbox head, or at the start with `fromStart`);
 * 2. deliver its pending deliveries in position order while they are due; a 2xx answer marks
 *    one delivered, anything else (status, network error, timeout) counts an attempt and backs
 *    off `min(base * 2^(attempts-1), max)`, and stops the webhook's queue for this tick, so later
 *    notifications never overtake an earlier one; at `maxAttempts` the delivery is dead-lettered
 *    (and the queue moves on).
 * A delivery is marked only after its POST answered: a crash in between re-sends it (receivers
 * dedupe on X-APO-Delivery), never skips it. Deliveries live outside the projections' tables, so
 * rebuilding the outbox (same rows, same positions) never re-sends. Run one dispatcher per read
 * store (e.g. beside the projection runner that holds the lease): two would each send.
 */
export class WebhookDispatcher {
  private readonly fetch: typeof fetch;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private readonly batch: number;
  private inFlight: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.maxAttempts = options.maxAttempts ?? 10;
    this.baseDelayMs = options.baseDelayMs ?? 10_000;
    this.maxDelayMs = options.maxDelayMs ?? 3_600_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.batch = options.batch ?? 100;
    if (!(this.maxAttempts >= 1)) throw new Error('maxAttempts must be at least 1');
    const ids = new Set(options.webhooks.map((w) => w.id));
    if (ids.size !== options.webhooks.length) throw new Error('webhook ids must be unique');
  }

  get webhooks(): readonly WebhookConfig[] {
    return this.options.webhooks;
  }

  /** Delay before the next attempt after `attempts` failed ones. */
  backoffMs(attempts: number): number {
    return Math.min(this.baseDelayMs * 2 ** Math.max(0, attempts - 1), this.maxDelayMs);
  }

  /** One enqueue-and-deliver pass; ticks never overlap (a second call waits for the first). */
  tick(): Promise<TickResult> {
    const run = this.inFlight.then(() => this.runTick());
    this.inFlight = run.catch(() => undefined);
    return run;
  }

  /** Ticks every `intervalMs` (the next one starts that long after the previous one ended). */
  start(intervalMs = 1_000): void {
    if (this.running) return;
    this.running = true;
    const loop = async () => {
      this.timer = undefined;
      if (!this.running) return;
      try {
        if (this.options.active?.() ?? true) await this.tick();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (this.running) this.timer = setTimeout(loop, intervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Stops the loop; resolves once the tick in flight (if any) has finished. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private async runTick(): Promise<TickResult> {
    const results = await Promise.allSettled(this.options.webhooks.map((w) => this.runWebhook(w)));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    return results.reduce((sum, r) => add(sum, (r as PromiseFulfilledResult<TickResult>).value), ZERO);
  }

  private async runWebhook(webhook: WebhookConfig): Promise<TickResult> {
    const enqueued = await this.enqueue(webhook);
    return add({ ...ZERO, enqueued }, await this.deliver(webhook));
  }

  private async enqueue(webhook: WebhookConfig): Promise<number> {
    const db = this.options.readStore.db;
    const now = this.options.clock.now().toISOString();
    const last = await db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('webhook', '=', webhook.id)
      .executeTakeFirst();
    let after = last?.position === null || last?.position === undefined ? undefined : String(last.position);
    if (after === undefined) {
      if (webhook.fromStart) after = '0';
      else {
        // New webhook: remember where it starts (the outbox head now), deliver what comes after.
        const head = await db
          .selectFrom('notification_outbox')
          .select((eb) => eb.fn.max('position').as('position'))
          .executeTakeFirst();
        const position = head?.position === null || head?.position === undefined ? '0' : String(head.position);
        await db
          .insertInto('webhook_deliveries')
          .values({
            webhook: webhook.id,
            position,
            status: DELIVERY_STATUS.skipped,
            attempts: 0,
            next_attempt_at: null,
            last_error: null,
            delivered_at: null,
            updated_at: now,
          })
          .onConflict((oc) => oc.columns(['webhook', 'position']).doNothing())
          .execute();
        return 0;
      }
    }
    const rows = await db
      .selectFrom('notification_outbox')
      .select('position')
      .where('position', '>', after)
      .where('category', 'in', [...webhook.categories])
      .orderBy('position')
      .limit(this.batch)
      .execute();
    if (rows.length === 0) return 0;
    await db
      .insertInto('webhook_deliveries')
      .values(
        rows.map((r) => ({
          webhook: webhook.id,
          position: String(r.position),
          status: DELIVERY_STATUS.pending,
          attempts: 0,
          next_attempt_at: now,
          last_error: null,
          delivered_at: null,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['webhook', 'position']).doNothing())
      .execute();
    return rows.length;
  }

  private async deliver(webhook: WebhookConfig): Promise<TickResult> {
    const db = this.options.readStore.db;
    const queue = await db
      .selectFrom('webhook_deliveries as d')
      .leftJoin('notification_outbox as o', 'o.position', 'd.position')
      .select(['d.position', 'd.attempts', 'd.next_attempt_at', 'o.payload', 'o.event_id', 'o.event_type'])
      .where('d.webhook', '=', webhook.id)
      .where('d.status', '=', DELIVERY_STATUS.pending)
      .orderBy('d.position')
      .limit(this.batch)
      .execute();
    let result = ZERO;
    for (const item of queue) {
      // Not due yet: it and everything after it wait (position order).
      if (item.next_attempt_at !== null && item.next_attempt_at > this.options.clock.now().toISOString()) break;
      // The outbox row is missing only while the outbox is being rebuilt: wait for it.
      if (item.payload === null || item.event_id === null || item.event_type === null) break;
      const outcome = await this.post(webhook, item.payload, item.event_id, item.event_type);
      const at = this.options.clock.now();
      const key = (q: ReturnType<typeof db.updateTable<'webhook_deliveries'>>) =>
        q.where('webhook', '=', webhook.id).where('position', '=', String(item.position)).where('status', '=', DELIVERY_STATUS.pending);
      const attempts = item.attempts + 1;
      if (outcome.ok) {
        await key(
          db
            .updateTable('webhook_deliveries')
            .set({ status: DELIVERY_STATUS.delivered, attempts, next_attempt_at: null, delivered_at: at.toISOString(), updated_at: at.toISOString() }),
        ).execute();
        result = add(result, { ...ZERO, delivered: 1 });
        continue;
      }
      const dead = attempts >= this.maxAttempts;
      await key(
        db.updateTable('webhook_deliveries').set({
          status: dead ? DELIVERY_STATUS.dead : DELIVERY_STATUS.pending,
          attempts,
          next_attempt_at: dead ? null : new Date(at.getTime() + this.backoffMs(attempts)).toISOString(),
          last_error: outcome.error,
          updated_at: at.toISOString(),
        }),
      ).execute();
      if (dead) {
        // Given up: the queue moves on past the dead letter.
        result = add(result, { ...ZERO, dead: 1 });
        continue;
      }
      result = add(result, { ...ZERO, failed: 1 });
      break;
    }
    return result;
  }

  private async post(webhook: WebhookConfig, body: string, eventId: string, eventType: string): Promise<Outcome> {
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'apo-workflow-webhooks/1',
      [SIGNATURE_HEADER]: signPayload(webhook.secret, body, this.options.clock.now()),
      [DELIVERY_HEADER]: eventId,
      [EVENT_HEADER]: eventType,
    };
    try {
      const response = await this.fetch(webhook.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
      if (response.status >= 200 && response.status < 300) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: true };
      }
      const text = await response.text().catch(() => '');
      const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
      return { ok: false, error: `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}` };
    } catch (error) {
      return { ok: false, error: describeFailure(error, this.timeoutMs) };
    }
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `network error: ${cause ?? e?.message ?? String(error)}`.slice(0, 500);
}
