import { CommandHandler } from '@nestjs/cqrs';
import { BcnCommandHandler } from '../../shared/bcn-command.handler';
import { RecordImplementationCommand } from './record-implementation.command';

@CommandHandler(RecordImplementationCommand)
export class RecordImplementationHandler extends BcnCommandHandler<RecordImplementationCommand> {}
