import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { verifyInstance, type InstanceVerification } from '@apo/audit';
import { DefinitionRegistry, NotFound } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import { EVENT_STORE } from '../../../infrastructure/tokens';
import { instanceStreamId } from '../../shared/instance-stream';
import { VerifyInstanceQuery } from './verify-instance.query';

export type InstanceVerificationView = InstanceVerification & { id: string };

/** Replays one instance through its definition and checks its hash chain, revisions and log order. */
@QueryHandler(VerifyInstanceQuery)
export class VerifyInstanceHandler implements IQueryHandler<VerifyInstanceQuery, InstanceVerificationView> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly registry: DefinitionRegistry) {}

  async execute({ programme, id }: VerifyInstanceQuery): Promise<InstanceVerificationView> {
    try {
      return { id, ...(await verifyInstance(this.store, this.registry, instanceStreamId(this.registry, programme, id))) };
    } catch (error) {
      throw error instanceof NotFound ? new NotFound(programme.label, id) : error;
    }
  }
}
