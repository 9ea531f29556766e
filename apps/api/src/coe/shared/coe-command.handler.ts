import { Injectable } from '@nestjs/common';
import { COE_DEFINITION_NAME } from '@apo/coe';
import { WorkflowCommandHandler } from '../../http/workflow-command.handler';
import type { CoeCommand } from './coe-command';

/** Runs a COE command through the engine's pipeline (see WorkflowCommandHandler). */
@Injectable()
export abstract class CoeCommandHandler<C extends CoeCommand> extends WorkflowCommandHandler<C> {
  protected readonly definition = COE_DEFINITION_NAME;
}
