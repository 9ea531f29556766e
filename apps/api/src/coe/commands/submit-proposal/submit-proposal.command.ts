import { CoeCommand } from '../../shared/coe-command';

export class SubmitProposalCommand extends CoeCommand {
  readonly type = 'SubmitProposal';
}
