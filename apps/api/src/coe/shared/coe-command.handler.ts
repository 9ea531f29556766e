import { Injectable } from '@nestjs/common';
import { EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError } from '@apo/engine';
import { COE_DEFINITION_NAME } from '@apo/coe';
import { WorkflowService } from '@apo/workflow';
import { LOG_POSITION } from '../../http/etag.interceptor';
import { StaleRevision } from '../../http/problem';
import { ApiMetrics } from '../../infrastructure/metrics';
import { WorkflowEventAppended, type CoeCommand } from './coe-command';
import type { CommandResponseDto } from './command-response.dto';

/** Runs a COE command through the engine's pipeline and publishes what it appended. */
@Injectable()
export class CoeCommandHandler<C extends CoeCommand> implements ICommandHandler<CoeCommand, CommandResponseDto> {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly eventBus: EventBus,
    private readonly metrics: ApiMetrics,
  ) {}

  async execute(command: C): Promise<CommandResponseDto> {
    const { principal, expectedRevision, idempotencyKey, correlationId } = command.context;
    const end = this.metrics.commandSeconds.startTimer({ type: command.type });
    let outcome = 'error';
    try {
      const result = await this.workflow.execute({
        definition: COE_DEFINITION_NAME,
        instanceId: command.id,
        command: { type: command.type, data: command.data },
        actor: { id: principal.id, role: principal.role },
        commandId: idempotencyKey ? `idem:${principal.id}:${idempotencyKey}` : undefined,
        correlationId,
        expectedRevision,
      });
      outcome = result.appended ? 'accepted' : 'replayed';
      if (result.events.length > 0) this.eventBus.publishAll(result.events.map((e) => new WorkflowEventAppended(e)));
      return { id: result.id, revision: result.revision, state: result.state, allowedEvents: result.allowedEvents, [LOG_POSITION]: result.position.toString() };
    } catch (error) {
      outcome = error instanceof Error && 'code' in error ? String((error as { code: unknown }).code) : 'error';
      if (error instanceof ConcurrencyError && expectedRevision !== undefined) throw new StaleRevision(error);
      throw error;
    } finally {
      end({ outcome });
      this.metrics.commands.inc({ type: command.type, outcome });
    }
  }
}
