import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BcnCommandsController } from './bcn-commands';
import { BcnQueriesController } from './queries/bcn-queries';

/** BCN exchanges over HTTP: its command routes (derived from the definition) and its queries, as for COEs. */
@Module({
  imports: [CqrsModule],
  controllers: [BcnCommandsController, BcnQueriesController],
})
export class BcnModule {}
