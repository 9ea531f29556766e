import { availableParallelism } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { verifyStore, type StoreVerification } from '@apo/audit';
import { DefinitionRegistry } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { EVENT_STORE } from '../../infrastructure/tokens';

/**
 * Whole-store verification in worker threads (one per core), off the event loop that serves
 * HTTP. Requests for the same seal while one runs share its answer instead of starting another.
 */
@Injectable()
export class StoreVerifier {
  private readonly logger = new Logger(StoreVerifier.name);
  private readonly running = new Map<string, Promise<StoreVerification>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: DefinitionRegistry,
  ) {}

  verify(seal?: string): Promise<StoreVerification> {
    const key = seal ?? '';
    const current = this.running.get(key);
    if (current) return current;
    const started = Date.now();
    const run = verifyStore(this.store, { registry: this.registry, workers: availableParallelism(), seal })
      .then((result) => {
        const seconds = (Date.now() - started) / 1000;
        this.logger.log({
          msg: 'store verified',
          ok: result.ok,
          read: result.read,
          events: result.events,
          streams: result.streams,
          divergences: result.divergenceCount,
          sealMatches: result.seal?.matches,
          seconds,
        });
        return result;
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }
}
