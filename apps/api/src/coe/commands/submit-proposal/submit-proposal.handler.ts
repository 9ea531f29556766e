import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { SubmitProposalCommand } from './submit-proposal.command';

@CommandHandler(SubmitProposalCommand)
export class SubmitProposalHandler extends CoeCommandHandler<SubmitProposalCommand> {}
