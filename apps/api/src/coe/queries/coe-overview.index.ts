import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { DefinitionRegistry, evolve, initialState, type EnvelopedEvent, type WorkflowState } from '@apo/engine';
import { describeCoe, type CoeContext } from '@apo/coe';
import type { AllSubscription, EventStore } from '@apo/event-store';

export interface CoeOverview {
  readonly id: string;
  readonly revision: number;
  readonly state: string;
  readonly details: ReturnType<typeof describeCoe>;
}

/**
 * An in-process overview of every COE, kept by following the global log (a catch-up
 * subscription to `coe-` streams). It serves the list query until the SQL read models
 * (projections) take over; the single-COE query always reads the stream itself.
 */
@Injectable()
export class CoeOverviewIndex implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CoeOverviewIndex.name);
  private readonly states = new Map<string, WorkflowState<CoeContext>>();
  private subscription?: AllSubscription;
  private running?: Promise<void>;
  position = 0n;
  caughtUp = false;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly registry: DefinitionRegistry) {}

  onApplicationBootstrap(): void {
    this.subscription = this.store.subscribeToAll({ filter: { streamPrefixes: ['coe-'] } });
    this.running = this.follow(this.subscription).catch((error: unknown) => this.logger.error(`COE overview stopped: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    await this.running;
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    for await (const message of subscription) {
      if (message.kind === 'caughtUp') this.caughtUp = true;
      else if (message.kind === 'checkpoint') this.position = message.position;
      else {
        const event = message.event as unknown as EnvelopedEvent & { position: bigint };
        const current = this.states.get(event.streamId) ?? initialState<CoeContext>(this.registry.get(event.metadata.definition, event.metadata.version));
        this.states.set(event.streamId, evolve(current, event));
        this.position = event.position;
      }
    }
  }

  all(): CoeOverview[] {
    return [...this.states.entries()].map(([streamId, s]) => ({
      id: streamId.slice('coe-'.length),
      revision: s.revision,
      state: s.state,
      details: describeCoe(s.state, s.context),
    }));
  }
}
