import { CoeCommand } from '../../shared/coe-command';

export class ReturnProposalCommand extends CoeCommand {
  readonly type = 'ReturnProposal';
}
