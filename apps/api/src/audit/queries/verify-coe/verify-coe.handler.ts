import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { verifyInstance, type InstanceVerification } from '@apo/audit';
import { DefinitionRegistry, NotFound } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { EVENT_STORE } from '../../../infrastructure/tokens';
import { coeStreamId } from '../../shared/coe-stream';
import { VerifyCoeQuery } from './verify-coe.query';

export type CoeVerification = InstanceVerification & { id: string };

/** Replays one COE through its definition and checks its hash chain, revisions and log order. */
@QueryHandler(VerifyCoeQuery)
export class VerifyCoeHandler implements IQueryHandler<VerifyCoeQuery, CoeVerification> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly registry: DefinitionRegistry) {}

  async execute({ id }: VerifyCoeQuery): Promise<CoeVerification> {
    try {
      return { id, ...(await verifyInstance(this.store, this.registry, coeStreamId(this.registry, id))) };
    } catch (error) {
      throw error instanceof NotFound ? new NotFound('COE', id) : error;
    }
  }
}
