import { BcnCommand } from '../../shared/bcn-command';

export class RecordImplementationCommand extends BcnCommand {
  readonly type = 'RecordImplementation';
}
