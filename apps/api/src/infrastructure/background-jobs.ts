import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Clock, DefinitionRegistry } from '@apo/engine';
import { WebhookDispatcher } from '@apo/notifications';
import type { ReadStore } from '@apo/read-store';
import { parseLeadDays, webhooksOf, type ProgrammesEnvironment } from '@apo/runtime';
import { DeadlineScheduler } from '@apo/scheduler';
import type { WorkflowService } from '@apo/workflow';

export interface BackgroundJobsOptions {
  readonly env: ProgrammesEnvironment & { readonly PROJECTOR: string };
  readonly readStore: ReadStore;
  readonly workflow: WorkflowService;
  readonly registry: DefinitionRegistry;
  readonly clock: Clock;
  /** Whether this process holds the projection lease (only the holder sends webhooks). */
  readonly leaseHeld: () => boolean;
  /** Why writes are refused now (an open audit alarm): the scheduler then writes no notice. */
  readonly writesRefused?: () => Promise<string | undefined>;
}

/**
 * The timers of the process that keeps the read models (PROJECTOR=worker, the default, or in-process): the
 * deadline scheduler and the webhook dispatcher. With PROJECTOR=external the projector runs them.
 */
export class BackgroundJobs implements BeforeApplicationShutdown {
  private readonly logger = new Logger('BackgroundJobs');
  readonly scheduler: DeadlineScheduler | undefined;
  readonly dispatcher: WebhookDispatcher | undefined;

  constructor(private readonly options: BackgroundJobsOptions) {
    const { env, readStore, workflow, registry, clock } = options;
    if (env.PROJECTOR === 'external') return;
    if (env.SCHEDULER === 'on') {
      this.scheduler = new DeadlineScheduler({
        readStore,
        workflow,
        registry,
        clock,
        leadDays: parseLeadDays(env.SCHEDULER_LEAD_DAYS),
        logger: this.logger,
        writesRefused: options.writesRefused,
      });
    }
    const webhooks = webhooksOf(env);
    if (webhooks.length > 0) {
      const onError = (error: unknown) => this.logger.error(`webhook dispatch failed: ${error instanceof Error ? error.message : String(error)}`);
      this.dispatcher = new WebhookDispatcher({ readStore, webhooks, clock, onError, active: options.leaseHeld });
    }
  }

  start(): void {
    this.scheduler?.start(this.options.env.SCHEDULER_INTERVAL_MS);
    this.dispatcher?.start(this.options.env.WEBHOOK_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.scheduler?.stop(), this.dispatcher?.stop()]);
  }
}
