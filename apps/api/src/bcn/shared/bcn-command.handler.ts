import { Injectable } from '@nestjs/common';
import { BCN_DEFINITION_NAME } from '@apo/bcn';
import { WorkflowCommandHandler } from '../../http/workflow-command.handler';
import type { BcnCommand } from './bcn-command';

/** Runs a BCN command through the engine's pipeline (see WorkflowCommandHandler). */
@Injectable()
export abstract class BcnCommandHandler<C extends BcnCommand> extends WorkflowCommandHandler<C> {
  protected readonly definition = BCN_DEFINITION_NAME;
}
