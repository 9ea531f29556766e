import type { EnvelopedEvent } from '@apo/engine';
import type { Principal } from '../auth/api-keys';

/** What the HTTP edge knows about a command besides its body. */
export interface CommandContext {
  readonly principal: Principal;
  readonly expectedRevision?: number;
  readonly idempotencyKey?: string;
  readonly correlationId?: string;
}

/** A programme command on the CommandBus: the domain command type, the instance and the request body. */
export abstract class WorkflowCommand {
  abstract readonly type: string;
  constructor(
    readonly id: string,
    readonly data: Record<string, unknown>,
    readonly context: CommandContext,
  ) {}
}

/** Published on the Nest EventBus for every appended event. */
export class WorkflowEventAppended {
  constructor(readonly event: EnvelopedEvent) {}
}
