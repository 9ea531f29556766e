import { BcnCommand } from '../../shared/bcn-command';

export class ScheduleExchangeCommand extends BcnCommand {
  readonly type = 'ScheduleExchange';
}
