import { Injectable } from '@nestjs/common';
import { EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError } from '@apo/engine';
import { WorkflowService } from '@apo/workflow';
import type { CommandResponseDto } from '../coe/shared/command-response.dto';
import { ApiMetrics } from '../infrastructure/metrics';
import { IDEMPOTENT_REPLAYED, LOG_POSITION } from './response-headers';
import { StaleRevision } from './problem';
import { WorkflowEventAppended, type WorkflowCommand } from './workflow-command';

/**
 * Runs a programme's command through the engine's pipeline and publishes what it appended. Each
 * programme names its definition in a subclass (CoeCommandHandler, BcnCommandHandler).
 */
@Injectable()
export abstract class WorkflowCommandHandler<C extends WorkflowCommand> implements ICommandHandler<WorkflowCommand, CommandResponseDto> {
  protected abstract readonly definition: string;

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
        definition: this.definition,
        instanceId: command.id,
        command: { type: command.type, data: command.data },
        actor: { id: principal.id, role: principal.role },
        commandId: idempotencyKey ? `idem:${principal.id}:${idempotencyKey}` : undefined,
        correlationId,
        expectedRevision,
      });
      outcome = result.appended ? 'accepted' : 'replayed';
      if (result.events.length > 0) this.eventBus.publishAll(result.events.map((e) => new WorkflowEventAppended(e)));
      return { id: result.id, revision: result.revision, state: result.state, allowedEvents: result.allowedEvents, [LOG_POSITION]: result.position.toString(), [IDEMPOTENT_REPLAYED]: !result.appended };
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
