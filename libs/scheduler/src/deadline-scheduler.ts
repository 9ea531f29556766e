import {
  DEADLINE_RULES,
  DomainError,
  NOTE_DEADLINE,
  noticeCommandId,
  SCHEDULER_ACTOR,
  type Clock,
  type DefinitionRegistry,
  type NoticeStage,
} from '@apo/engine';
import type { ReadStore } from '@apo/read-store';
import type { WorkflowService } from '@apo/workflow';
import { DEFAULT_LEAD_DAYS, noticesOwed } from './notice-stages';

export interface SchedulerLogger {
  log(message: string): void;
  error(message: string, trace?: string): void;
}

export interface DeadlineSchedulerOptions {
  /** The read store holding the `deadlines` read model. */
  readonly readStore: ReadStore;
  /** Appends the notices (system commands) to the event store. */
  readonly workflow: WorkflowService;
  readonly registry: DefinitionRegistry;
  readonly clock: Clock;
  /** Reminder lead times in days (default 30 and 7). */
  readonly leadDays?: readonly number[];
  readonly logger?: SchedulerLogger;
  /**
   * Why writes are refused now, if they are (an open audit alarm: docs/audit.md, "The server
   * defends itself"): a tick then writes nothing and the notices wait for the next one.
   */
  readonly writesRefused?: () => Promise<string | undefined>;
}

export interface TickResult {
  /** Notices appended by this tick. */
  readonly appended: number;
  /** Notices found already in the stream (another scheduler, or a run before a crash, wrote them). */
  readonly alreadyWritten: number;
  /** Notices the instance refused: the read model was behind (deadline met or moved meanwhile). */
  readonly moot: number;
  readonly failed: number;
}

const plusDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The durable timer: XState's delays do not survive a restart, so deadlines live in a read model
 * and this scheduler, on each tick, writes every notice whose day has come as a system command
 * (`NoteDeadline`, actor `system:scheduler`) through the ordinary command path.
 *
 * Exactly once, across restarts, crashes and several schedulers at once, comes from the event
 * log, not from the scheduler's memory: each notice's command id is derived from the stream,
 * deadline, due date and stage, the workflow service appends a command id once per stream (with
 * the expected revision, so a racing scheduler loses, reloads and finds it written), and the
 * instance refuses a notice for a deadline that is no longer open.
 */
export class DeadlineScheduler {
  private readonly leadDays: readonly number[];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickResult> | undefined;
  private stopped = false;

  constructor(private readonly options: DeadlineSchedulerOptions) {
    this.leadDays = options.leadDays ?? DEFAULT_LEAD_DAYS;
  }

  /** Writes every notice owed today; one tick at a time (a call during a tick waits for it). */
  tick(): Promise<TickResult> {
    this.running ??= this.writeOwedNotices().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Ticks now and then every `intervalMs` until `stop`. */
  start(intervalMs: number): void {
    this.stopped = false;
    const loop = async () => {
      try {
        await this.tick();
      } catch (error) {
        this.options.logger?.error(
          `deadline scheduler tick failed: ${error instanceof Error ? error.message : String(error)}`,
          error instanceof Error ? error.stack : undefined,
        );
      }
      if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
    };
    void loop();
  }

  /** Stops ticking; waits for a tick in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async writeOwedNotices(): Promise<TickResult> {
    const refused = await this.options.writesRefused?.();
    if (refused !== undefined) {
      this.options.logger?.error(`deadline scheduler: no notice written this tick: ${refused}`);
      return { appended: 0, alreadyWritten: 0, moot: 0, failed: 0 };
    }
    const today = this.options.clock.now().toISOString().slice(0, 10);
    const horizon = plusDays(today, Math.max(0, ...this.leadDays));
    const rows = await this.options.readStore.db
      .selectFrom('deadlines')
      .select(['stream_id', 'deadline_key', 'instance_id', 'due_date', 'notices'])
      .where('due_date', '<=', horizon)
      .orderBy('due_date')
      .orderBy('stream_id')
      .orderBy('deadline_key')
      .execute();
    const result = { appended: 0, alreadyWritten: 0, moot: 0, failed: 0 };
    for (const row of rows) {
      if (this.stopped) break;
      const written = row.notices === '' ? [] : row.notices.split(',');
      for (const stage of noticesOwed(row.due_date, today, written, this.leadDays)) {
        const outcome = await this.note(row, stage);
        result[outcome] += 1;
        if (outcome !== 'appended' && outcome !== 'alreadyWritten') break;
      }
    }
    if (result.appended > 0 || result.failed > 0) {
      this.options.logger?.log(`deadline scheduler ${today}: ${result.appended} notices written, ${result.failed} failed`);
    }
    return result;
  }

  private async note(row: { stream_id: string; deadline_key: string; instance_id: string; due_date: string }, stage: NoticeStage): Promise<keyof TickResult> {
    try {
      const definition = this.options.registry.forStream(row.stream_id);
      const outcome = await this.options.workflow.execute({
        definition: definition.name,
        instanceId: row.instance_id,
        command: { type: NOTE_DEADLINE, data: { deadline: row.deadline_key, dueDate: row.due_date, stage } },
        actor: SCHEDULER_ACTOR,
        commandId: noticeCommandId(row.stream_id, { key: row.deadline_key, dueDate: row.due_date }, stage),
      });
      return outcome.appended ? 'appended' : 'alreadyWritten';
    } catch (error) {
      if (error instanceof DomainError && (error.code === DEADLINE_RULES.NOT_OPEN || error.code === DEADLINE_RULES.NOT_YET)) return 'moot';
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger?.error(`deadline scheduler: ${stage} notice of ${row.deadline_key} on ${row.stream_id} failed: ${message}`);
      return 'failed';
    }
  }
}
