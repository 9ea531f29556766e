import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { coeCommandControllers, coeCommandHandlers } from './commands';
import { GetCoeController } from './queries/get-coe/get-coe.http.controller';
import { GetCoeHandler } from './queries/get-coe/get-coe.handler';
import { ListCoesController } from './queries/list-coes/list-coes.http.controller';
import { ListCoesHandler } from './queries/list-coes/list-coes.handler';

/** The COE programme over HTTP: one controller and handler per use case. */
@Module({
  imports: [CqrsModule],
  controllers: [...coeCommandControllers, GetCoeController, ListCoesController],
  providers: [...coeCommandHandlers, GetCoeHandler, ListCoesHandler],
})
export class CoeModule {}
