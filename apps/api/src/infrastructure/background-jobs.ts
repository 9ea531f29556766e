import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Clock, DefinitionRegistry } from '@apo/engine';
import type { ReadStore } from '@apo/projections';
import { parseLeadDays, type ProgrammesEnvironment } from '@apo/runtime';
import { DeadlineScheduler } from '@apo/scheduler';
import type { WorkflowService } from '@apo/workflow';

export interface BackgroundJobsOptions {
  readonly env: ProgrammesEnvironment & { readonly PROJECTOR: string };
  readonly readStore: ReadStore;
  readonly workflow: WorkflowService;
  readonly registry: DefinitionRegistry;
  readonly clock: Clock;
}

/**
 * The timers of the process that keeps the read models (PROJECTOR=in-process, the default): the
 * deadline scheduler. With PROJECTOR=external the projector runs them instead.
 */
export class BackgroundJobs implements BeforeApplicationShutdown {
  private readonly logger = new Logger('BackgroundJobs');
  readonly scheduler: DeadlineScheduler | undefined;

  constructor(private readonly options: BackgroundJobsOptions) {
    const { env, readStore, workflow, registry, clock } = options;
    if (env.PROJECTOR === 'in-process' && env.SCHEDULER === 'on') {
      this.scheduler = new DeadlineScheduler({ readStore, workflow, registry, clock, leadDays: parseLeadDays(env.SCHEDULER_LEAD_DAYS), logger: this.logger });
    }
  }

  start(): void {
    this.scheduler?.start(this.options.env.SCHEDULER_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduler?.stop();
  }
}
