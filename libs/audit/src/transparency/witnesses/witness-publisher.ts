import { DirectoryWitness, type HeldCheckpoint, type IgnoredCheckpointFile } from './directory-witness';
import type { CheckpointMeta } from './witness-checkpoint';
import type { WitnessConfig } from './witness-config';
import type { WitnessKind, WitnessStatus } from './witness-status';
import { WebhookWitness, type FailedAttempt, type WebhookWitnessOptions } from './webhook-witness';

/** The logger methods the publisher uses (Nest's `Logger` fits). */
export interface WitnessLogger {
  warn(message: string): void;
}

export interface WitnessPublisherOptions {
  readonly config: WitnessConfig;
  /** Told one line per failure, naming the witness (default: console.warn). */
  readonly logger?: WitnessLogger;
  /** The clock of statuses and signatures (default: the system clock). */
  readonly now?: () => Date;
  /** Timeout, attempts, backoff and HTTP client of every webhook witness. */
  readonly webhook?: Omit<WebhookWitnessOptions, 'now' | 'onFailedAttempt'>;
}

/** The newest checkpoint one witness holds, as far as this process can tell. */
export interface WitnessHolding {
  readonly witness: string;
  readonly kind: WitnessKind;
  /**
   * A directory: the newest checkpoint file of the log (grammar checked, signatures not).
   * A webhook: the cosigned note it last answered with, if it ever did.
   */
  readonly checkpoint: (Pick<HeldCheckpoint, 'note' | 'treeSize'> & { readonly path?: string }) | undefined;
  /** Directory files left out (garbage, another log's, a fork). */
  readonly ignored: readonly IgnoredCheckpointFile[];
  /** Why the witness could not be read (a missing or unreadable directory). */
  readonly error?: string;
}

/**
 * Fans each new signed checkpoint out to every configured witness: directories are written
 * before `publish` resolves (local and quick), webhooks are queued (they never hold the caller
 * up). Failures never reject: each is logged on one line naming the witness and kept in the
 * witness's status for /health and /metrics.
 */
export class WitnessPublisher {
  readonly directories: readonly DirectoryWitness[];
  readonly webhooks: readonly WebhookWitness[];
  private readonly logger: WitnessLogger;

  constructor(options: WitnessPublisherOptions) {
    const now = options.now ?? (() => new Date());
    this.logger = options.logger ?? { warn: (message) => console.warn(message) };
    this.directories = options.config.directories.map((directory) => new DirectoryWitness(directory, now));
    this.webhooks = options.config.webhooks.map(
      (webhook) => new WebhookWitness(webhook, { ...options.webhook, now, onFailedAttempt: (failure) => this.logger.warn(failedAttemptLine(failure)) }),
    );
  }

  /** True when at least one witness is configured. */
  get configured(): boolean {
    return this.directories.length + this.webhooks.length > 0;
  }

  /** Writes the note to every directory and queues it for every webhook; never rejects. */
  async publish(note: string, meta: CheckpointMeta): Promise<void> {
    for (const webhook of this.webhooks) void webhook.publish(note, meta);
    await Promise.all(
      this.directories.map((directory) =>
        directory
          .publish(note, meta)
          .catch((error: Error) => this.logger.warn(`witness ${directory.name} (directory): checkpoint ${meta.treeSize} not written: ${error.message}`)),
      ),
    );
  }

  /** Every witness's status, directories first, in configuration order. */
  status(): WitnessStatus[] {
    return [...this.directories, ...this.webhooks].map((witness) => witness.status());
  }

  /** The newest checkpoint of `origin` each witness holds (for the self-check); never rejects. */
  async latestHeld(origin: string): Promise<WitnessHolding[]> {
    const directories = await Promise.all(
      this.directories.map(async (directory): Promise<WitnessHolding> => {
        try {
          const { latest, ignored } = await directory.latest(origin);
          return { witness: directory.name, kind: 'directory', checkpoint: latest, ignored };
        } catch (error) {
          return { witness: directory.name, kind: 'directory', checkpoint: undefined, ignored: [], error: (error as Error).message };
        }
      }),
    );
    const webhooks = this.webhooks.map((webhook): WitnessHolding => ({ witness: webhook.name, kind: 'webhook', checkpoint: webhook.cosigned(), ignored: [] }));
    return [...directories, ...webhooks];
  }

  /** Resolves once no webhook has anything queued or in flight. */
  async idle(): Promise<void> {
    await Promise.all(this.webhooks.map((webhook) => webhook.idle()));
  }

  /** Stops the webhooks' retries (what is pending ends as failed); for shutdown. */
  async stop(): Promise<void> {
    await Promise.all(this.webhooks.map((webhook) => webhook.stop()));
  }
}

function failedAttemptLine(failure: FailedAttempt): string {
  const next =
    failure.next === 'retry' ? `retrying in ${failure.retryInMs} ms` : failure.next === 'superseded' ? 'a newer checkpoint goes instead' : 'given up';
  return `witness ${failure.witness} (webhook): checkpoint ${failure.treeSize} attempt ${failure.attempt} failed: ${failure.error}; ${next}`;
}
