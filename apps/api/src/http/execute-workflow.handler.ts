import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConcurrencyError } from '@apo/engine';
import { WorkflowService } from '@apo/workflow';
import { ApiMetrics } from '../infrastructure/metrics';
import type { CommandResponseDto } from './command-response.dto';
import { ExecuteWorkflowCommand } from './execute-workflow.command';
import { StaleRevision } from './problem';
import { IDEMPOTENT_REPLAYED, LOG_POSITION } from './response-headers';

/** Runs every programme's command through the engine's pipeline, counting and timing each by type and outcome. */
@CommandHandler(ExecuteWorkflowCommand)
export class ExecuteWorkflowHandler implements ICommandHandler<ExecuteWorkflowCommand, CommandResponseDto> {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly metrics: ApiMetrics,
  ) {}

  async execute(command: ExecuteWorkflowCommand): Promise<CommandResponseDto> {
    const { principal, expectedRevision, idempotencyKey, correlationId } = command.context;
    const end = this.metrics.commandSeconds.startTimer({ type: command.type });
    let outcome = 'error';
    try {
      const result = await this.workflow.execute({
        definition: command.definition,
        instanceId: command.instanceId,
        command: { type: command.type, data: command.data },
        actor: { id: principal.id, role: principal.role },
        commandId: idempotencyKey ? `idem:${principal.id}:${idempotencyKey}` : undefined,
        correlationId,
        expectedRevision,
      });
      outcome = result.appended ? 'accepted' : 'replayed';
      return {
        id: result.id,
        revision: result.revision,
        state: result.state,
        allowedEvents: result.allowedEvents,
        [LOG_POSITION]: result.position.toString(),
        [IDEMPOTENT_REPLAYED]: !result.appended,
      };
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
