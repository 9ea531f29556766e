import { WorkflowCommand } from '../../http/workflow-command';

/** A BCN command on the CommandBus: the domain command type, the exchange and the request body. */
export abstract class BcnCommand extends WorkflowCommand {}
