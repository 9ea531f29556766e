import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signPayload } from '@apo/notifications';
import { requireNoteStates, type CheckpointMeta } from './witness-checkpoint';
import type { WitnessWebhookConfig } from './witness-config';
import { WitnessStatusTracker, type WitnessStatus } from './witness-status';

/** The tree size the POSTed checkpoint states (decimal). */
export const CHECKPOINT_SIZE_HEADER = 'X-APO-Checkpoint-Size';
/** The origin of the POSTed checkpoint's log (characters outside printable ASCII percent-encoded as UTF-8). */
export const CHECKPOINT_ORIGIN_HEADER = 'X-APO-Checkpoint-Origin';
/** The X-APO-Event value of a checkpoint POST (X-APO-Delivery is `checkpoint-<size>`). */
export const CHECKPOINT_EVENT = 'transparency.checkpoint';
/** Longest cosigned note kept from an answer; a longer body is not a note. */
const MAX_ANSWER_CHARS = 64 * 1024;

/** How one checkpoint's delivery ended. */
export type WebhookDelivery =
  /** Answered 2xx; `cosigned` is the body (the witness's cosigned note) as given, when it sent one. */
  | { readonly status: 'delivered'; readonly treeSize: number; readonly attempts: number; readonly cosigned?: string }
  /** Never sent (or given up between retries): a newer checkpoint took its place in the queue. */
  | { readonly status: 'superseded'; readonly treeSize: number; readonly by: number }
  /** Every attempt failed (or the witness was stopped): the next checkpoint will try again. */
  | { readonly status: 'failed'; readonly treeSize: number; readonly attempts: number; readonly error: string };

/** One failed attempt, as the publisher logs it. */
export interface FailedAttempt {
  readonly witness: string;
  readonly treeSize: number;
  readonly attempt: number;
  readonly error: string;
  /** What comes next: another attempt in `retryInMs`, the newer checkpoint queued, or nothing (given up). */
  readonly next: 'retry' | 'superseded' | 'given up';
  readonly retryInMs: number;
}

export interface WebhookWitnessOptions {
  /** The HTTP client (default: global fetch). */
  readonly fetch?: typeof fetch;
  /** Per POST, answer included (default 5 s). */
  readonly timeoutMs?: number;
  /** Attempts per checkpoint before it is given up (default 5). */
  readonly maxAttempts?: number;
  /** Delay after the first failure; doubles after each further one in a row (default 1 s). */
  readonly baseDelayMs?: number;
  /** Longest delay between attempts (default 60 s). */
  readonly maxDelayMs?: number;
  /** The signature's clock (default: the system clock). */
  readonly now?: () => Date;
  /** Told about each failed attempt (the publisher logs it). */
  readonly onFailedAttempt?: (failure: FailedAttempt) => void;
}

interface Job {
  readonly note: string;
  readonly meta: CheckpointMeta;
  readonly settle: (delivery: WebhookDelivery) => void;
}

/**
 * A witness reached over HTTP: each checkpoint note is POSTed as `text/plain; charset=utf-8`,
 * signed like the notification webhooks (X-APO-Signature over the exact body) and labelled with
 * its tree size and origin. `publish` never waits for the network: it queues the note and
 * answers a promise of the outcome. One POST at a time; a failure is retried with doubling
 * backoff up to `maxAttempts`; only the newest checkpoint (the largest tree) waits in the queue,
 * an older one not sent yet is dropped (and counted): a witness holding the newer head has what
 * it needs.
 */
export class WebhookWitness {
  readonly kind = 'webhook' as const;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => Date;
  private readonly tracker: WitnessStatusTracker;
  private queued: Job | undefined;
  private current: Job | undefined;
  private failuresInARow = 0;
  /** The largest tree size taken into the queue: an older checkpoint is never sent after it. */
  private newest = -1;
  private running: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private lastCosigned: { treeSize: number; note: string } | undefined;

  constructor(
    private readonly config: WitnessWebhookConfig,
    private readonly options: WebhookWitnessOptions = {},
  ) {
    this.fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
    if (!(this.maxAttempts >= 1)) throw new Error('maxAttempts must be at least 1');
    this.tracker = new WitnessStatusTracker(config.name, 'webhook', this.now);
  }

  /** The witness's name in logs and status: its configured name. */
  get name(): string {
    return this.config.name;
  }

  status(): WitnessStatus {
    return this.tracker.snapshot((this.queued ?? this.current)?.meta.treeSize ?? null);
  }

  /** The newest cosigned note this witness answered with (undefined: none yet). */
  cosigned(): { readonly treeSize: number; readonly note: string } | undefined {
    return this.lastCosigned;
  }

  /** Delay before the next attempt after `failures` failed ones in a row. */
  backoffMs(failures: number): number {
    return Math.min(this.baseDelayMs * 2 ** Math.max(0, failures - 1), this.maxDelayMs);
  }

  /**
   * Queues the note for delivery and answers at once; the promise tells how the delivery ended
   * and never rejects. A note that does not state `meta` is refused (a failed delivery).
   */
  publish(note: string, meta: CheckpointMeta): Promise<WebhookDelivery> {
    return new Promise((settle) => {
      try {
        requireNoteStates(note, meta);
      } catch (error) {
        const message = `refused a checkpoint: ${(error as Error).message}`;
        this.tracker.failed(message);
        settle({ status: 'failed', treeSize: meta.treeSize, attempts: 0, error: message });
        return;
      }
      if (this.stopped) {
        settle({ status: 'failed', treeSize: meta.treeSize, attempts: 0, error: 'witness stopped' });
        return;
      }
      if (meta.treeSize < this.newest) {
        // Older than a checkpoint already queued, sent or being sent: the witness needs only the newer.
        this.tracker.droppedOne();
        settle({ status: 'superseded', treeSize: meta.treeSize, by: this.newest });
        return;
      }
      this.newest = meta.treeSize;
      this.supersedeQueued(meta.treeSize);
      this.queued = { note, meta, settle };
      this.running ??= this.drain().finally(() => (this.running = undefined));
    });
  }

  /** Resolves once nothing is queued or being sent. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops retrying: what is queued or waiting for a retry ends as failed ('witness stopped'). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.idle();
  }

  private supersedeQueued(by: number): void {
    if (!this.queued) return;
    this.queued.settle({ status: 'superseded', treeSize: this.queued.meta.treeSize, by });
    this.tracker.droppedOne();
    this.queued = undefined;
  }

  private async drain(): Promise<void> {
    while (this.queued) {
      const job = this.queued;
      this.queued = undefined;
      this.current = job;
      try {
        job.settle(await this.deliver(job));
      } finally {
        this.current = undefined;
      }
    }
  }

  private async deliver(job: Job): Promise<WebhookDelivery> {
    const treeSize = job.meta.treeSize;
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) return { status: 'failed', treeSize, attempts: attempt - 1, error: 'witness stopped' };
      const outcome = await this.post(job);
      if (outcome.ok) {
        this.failuresInARow = 0;
        this.tracker.delivered(treeSize);
        if (outcome.cosigned !== undefined) this.lastCosigned = { treeSize, note: outcome.cosigned };
        return { status: 'delivered', treeSize, attempts: attempt, ...(outcome.cosigned !== undefined ? { cosigned: outcome.cosigned } : {}) };
      }
      this.failuresInARow += 1;
      this.tracker.failed(outcome.error);
      const last = attempt >= this.maxAttempts || this.stopped;
      const retryInMs = this.backoffMs(this.failuresInARow);
      const next = this.queued ? 'superseded' : last ? 'given up' : 'retry';
      this.options.onFailedAttempt?.({ witness: this.name, treeSize, attempt, error: outcome.error, next, retryInMs });
      if (this.queued) {
        this.tracker.droppedOne();
        await this.pause(retryInMs);
        return { status: 'superseded', treeSize, by: this.queued?.meta.treeSize ?? treeSize };
      }
      if (last) return { status: 'failed', treeSize, attempts: attempt, error: outcome.error };
      await this.pause(retryInMs);
    }
  }

  /** Waits `ms`, cut short by `stop`. */
  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async post(job: Job): Promise<{ ok: true; cosigned?: string } | { ok: false; error: string }> {
    const body = job.note;
    const headers = {
      'Content-Type': 'text/plain; charset=utf-8',
      'User-Agent': 'apo-workflow-witness/1',
      [SIGNATURE_HEADER]: signPayload(this.config.secret, body, this.now()),
      [DELIVERY_HEADER]: `checkpoint-${job.meta.treeSize}`,
      [EVENT_HEADER]: CHECKPOINT_EVENT,
      [CHECKPOINT_SIZE_HEADER]: String(job.meta.treeSize),
      [CHECKPOINT_ORIGIN_HEADER]: asciiHeader(job.meta.origin),
    };
    try {
      const response = await this.fetch(this.config.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      if (response.status >= 200 && response.status < 300) {
        const cosigned = text.trim() !== '' && text.length <= MAX_ANSWER_CHARS ? text : undefined;
        return { ok: true, ...(cosigned !== undefined ? { cosigned } : {}) };
      }
      const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
      return { ok: false, error: `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}` };
    } catch (error) {
      return { ok: false, error: describeFailure(error, this.timeoutMs) };
    }
  }
}

/** Header values must be ByteStrings: anything outside printable ASCII (and "%") is percent-encoded as UTF-8. */
function asciiHeader(text: string): string {
  return text.replace(/[^\x20-\x24\x26-\x7e]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `network error: ${cause ?? e?.message ?? String(error)}`.slice(0, 500);
}
