import { Command } from '@nestjs/cqrs';
import type { Principal } from '../auth/api-keys';
import type { CommandResponseDto } from './command-response.dto';

/** What the HTTP edge knows about a command besides its body. */
export interface CommandContext {
  readonly principal: Principal;
  readonly expectedRevision?: number;
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
}

/** Any programme's command on the CommandBus: the definition, the instance, the domain command (type and body) and its HTTP context. */
export class ExecuteWorkflowCommand extends Command<CommandResponseDto> {
  constructor(
    readonly definition: string,
    readonly instanceId: string,
    readonly type: string,
    readonly data: Record<string, unknown>,
    readonly context: CommandContext,
  ) {
    super();
  }
}
