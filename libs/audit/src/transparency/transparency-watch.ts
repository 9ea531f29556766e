import type { EventStore } from '@apo/event-store';
import type { ReadStore } from '@apo/read-store';
import { raiseAlarms, storedLeaves, TransparencyLogReader, type StoredCheckpoint } from '@apo/shared-read-models';
import { checkStoreAgainstCheckpoints } from './check-store';
import { findingKey } from './classify-log';
import type { CheckpointToHold, LogFinding } from './log-finding';
import type { WitnessPublisher } from './witnesses';

/** The logger methods the watch uses (Nest's `Logger` fits). */
export interface WatchLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface TransparencyWatchOptions {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  /** The log's origin line. */
  readonly origin: string;
  /**
   * The verifier keys the log's checkpoints may be signed with: the key file's, and those of keys
   * rotated out (TRANSPARENCY_PAST_KEYS). Never taken from the database, which whoever tampers
   * with the log can also write.
   */
  readonly trustedKeys: readonly string[];
  readonly witnesses?: WitnessPublisher;
  /**
   * True while this process keeps the read models (holds the projection lease): only it publishes
   * checkpoints and checks after them. The check at start runs in every process, lease or not: a
   * log cut short can leave the projection runner failing, and that is when the check matters most.
   */
  readonly holdsLease: () => boolean;
  readonly logger: WatchLogger;
  /** How often to look for a new checkpoint (default 1,000 ms). */
  readonly pollMs?: number;
  /** At most one whole-log check per this many seconds after the first (AUDIT_SELF_CHECK_SECONDS, default 600). */
  readonly selfCheckSeconds?: number;
  /** Told after each check: findings, leaves read, ms taken (metrics). */
  readonly onCheck?: (report: { findings: readonly LogFinding[]; leavesRead: number; ms: number }) => void;
  readonly now?: () => Date;
}

/**
 * The server defending its log (issue #21): in the process that keeps the read models, it holds
 * the event log to the latest checkpoint the server signed and the latest one each witness
 * directory holds, at start and after a new checkpoint (at most once per `selfCheckSeconds`),
 * raising each finding as an alarm (which makes every API process refuse writes until an admin
 * acknowledges it); and it hands every new checkpoint to the witnesses. Polls the checkpoints
 * table, so it works the same whichever thread or process signed them.
 */
export class TransparencyWatch {
  private readonly reader: TransparencyLogReader;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastPublished = -1;
  private lastCheckAt = 0;
  private checkedOnce = false;
  private checkDue = true;

  constructor(private readonly options: TransparencyWatchOptions) {
    this.reader = new TransparencyLogReader(options.readStore.db);
  }

  /** Starts polling; returns at once. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.pollMs ?? 1_000);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One turn, never two at once: publish a new checkpoint, then check the log when one is due. */
  tick(): Promise<void> {
    if (this.running || (this.checkedOnce && !this.options.holdsLease())) return this.running ?? Promise.resolve();
    this.running = this.turn()
      .catch((error: unknown) => this.options.logger.error(`transparency self-check failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Holds the log to the checkpoints now; answers the findings (raised as alarms). */
  async check(): Promise<LogFinding[]> {
    const started = Date.now();
    const checkpoints = await this.checkpointsToHold();
    const db = this.options.readStore.db;
    const report = await checkStoreAgainstCheckpoints(this.options.store, { checkpoints, storedLeaves: (n) => storedLeaves(db, n) });
    this.lastCheckAt = Date.now();
    this.checkedOnce = true;
    const alarms = report.findings.map((f) => ({ kind: f.kind, summary: f.summary, key: findingKey(f), detail: f }));
    const raised = await raiseAlarms(db, alarms, this.options.now?.() ?? new Date());
    for (const { id, key } of raised) {
      const summary = alarms.find((a) => a.key === key)?.summary;
      this.options.logger.error(`AUDIT ALARM ${id}: ${summary}; writes are refused until an admin acknowledges it (POST /audit/alarms/acknowledge)`);
    }
    this.options.onCheck?.({ findings: report.findings, leavesRead: report.leavesRead, ms: Date.now() - started });
    return report.findings;
  }

  private async turn(): Promise<void> {
    const latest = this.options.holdsLease() ? await this.reader.latestCheckpoint() : undefined;
    if (latest && latest.treeSize > this.lastPublished) {
      await this.publish(latest);
      this.checkDue = true;
    }
    const every = (this.options.selfCheckSeconds ?? 600) * 1000;
    if (!this.checkedOnce || (this.checkDue && Date.now() - this.lastCheckAt >= every)) {
      this.checkDue = false;
      await this.check();
    }
  }

  private async publish(checkpoint: StoredCheckpoint): Promise<void> {
    this.lastPublished = checkpoint.treeSize;
    await this.options.witnesses?.publish(checkpoint.note, { treeSize: checkpoint.treeSize, origin: checkpoint.origin });
  }

  /** The server's latest checkpoint and each witness directory's latest, with the trusted keys. */
  private async checkpointsToHold(): Promise<CheckpointToHold[]> {
    const { origin, trustedKeys } = this.options;
    const hold = (note: string, source: string): CheckpointToHold => ({ note, verifierKeys: trustedKeys, origin, source });
    const own = await this.reader.latestCheckpoint();
    const held = (await this.options.witnesses?.latestHeld(origin)) ?? [];
    for (const witness of held) if (witness.error) this.options.logger.error(`witness ${witness.witness}: ${witness.error}`);
    return [
      ...(own ? [hold(own.note, 'own')] : []),
      ...held.flatMap((w) => (w.kind === 'directory' && w.checkpoint ? [hold(w.checkpoint.note, w.witness)] : [])),
    ];
  }
}
