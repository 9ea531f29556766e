import { CoeCommand } from '../../shared/coe-command';

export class ApproveProposalCommand extends CoeCommand {
  readonly type = 'ApproveProposal';
}
