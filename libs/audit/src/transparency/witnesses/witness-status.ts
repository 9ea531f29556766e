/** Which sort of witness. */
export type WitnessKind = 'directory' | 'webhook';

/** What one witness has received, for /health and /metrics. */
export interface WitnessStatus {
  /** The directory's path, or the webhook's configured name. */
  readonly witness: string;
  readonly kind: WitnessKind;
  /** Tree size of the newest checkpoint it took (null: none yet in this process). */
  readonly lastDeliveredSize: number | null;
  readonly lastDeliveredAt: string | null;
  /** The last failure (null once a later delivery succeeded). */
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  /** Failed attempts since the process started (each retry counts). */
  readonly failures: number;
  /** Checkpoints never sent because a newer one replaced them in the queue (webhooks only). */
  readonly dropped: number;
  /** Tree size waiting to be sent or being retried (webhooks only; null: none). */
  readonly pendingSize: number | null;
}

/** Keeps one witness's status; the witness tells it what happened. */
export class WitnessStatusTracker {
  private lastDeliveredSize: number | null = null;
  private lastDeliveredAt: string | null = null;
  private lastError: string | null = null;
  private lastErrorAt: string | null = null;
  private failures = 0;
  private dropped = 0;

  constructor(
    private readonly witness: string,
    private readonly kind: WitnessKind,
    private readonly now: () => Date,
  ) {}

  delivered(treeSize: number): void {
    this.lastDeliveredSize = Math.max(treeSize, this.lastDeliveredSize ?? treeSize);
    this.lastDeliveredAt = this.now().toISOString();
    this.lastError = null;
    this.lastErrorAt = null;
  }

  failed(error: string): void {
    this.failures += 1;
    this.lastError = error;
    this.lastErrorAt = this.now().toISOString();
  }

  droppedOne(): void {
    this.dropped += 1;
  }

  snapshot(pendingSize: number | null = null): WitnessStatus {
    const { witness, kind, lastDeliveredSize, lastDeliveredAt, lastError, lastErrorAt, failures, dropped } = this;
    return { witness, kind, lastDeliveredSize, lastDeliveredAt, lastError, lastErrorAt, failures, dropped, pendingSize };
  }
}
