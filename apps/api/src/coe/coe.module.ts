import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CoeCommandsController } from './coe-commands';
import { CoeQueriesController } from './queries/coe-queries';

/** The COE programme over HTTP: its command routes (derived from the definition) and its queries. */
@Module({
  imports: [CqrsModule],
  controllers: [CoeCommandsController, CoeQueriesController],
})
export class CoeModule {}
