import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { ReturnProposalCommand } from './return-proposal.command';

@CommandHandler(ReturnProposalCommand)
export class ReturnProposalHandler extends CoeCommandHandler<ReturnProposalCommand> {}
