import { CommandHandler } from '@nestjs/cqrs';
import { CoeCommandHandler } from '../../shared/coe-command.handler';
import { WithdrawCoeCommand } from './withdraw-coe.command';

@CommandHandler(WithdrawCoeCommand)
export class WithdrawCoeHandler extends CoeCommandHandler<WithdrawCoeCommand> {}
