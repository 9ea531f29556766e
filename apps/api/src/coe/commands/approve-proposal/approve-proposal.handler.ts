import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { ApproveProposalCommand } from './approve-proposal.command';

@CommandHandler(ApproveProposalCommand)
export class ApproveProposalHandler extends CoeCommandHandler<ApproveProposalCommand> {}
