import { WorkflowCommand } from '../../http/workflow-command';

export { WorkflowEventAppended, type CommandContext } from '../../http/workflow-command';

/** A COE command on the CommandBus: the domain command type, the COE and the request body. */
export abstract class CoeCommand extends WorkflowCommand {}
