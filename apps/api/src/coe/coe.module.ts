import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CoeCommandsController } from './coe-commands';
import { GetCoeController } from './queries/get-coe/get-coe.http.controller';
import { GetCoeHandler } from './queries/get-coe/get-coe.handler';
import { ListCoesController } from './queries/list-coes/list-coes.http.controller';
import { ListCoesHandler } from './queries/list-coes/list-coes.handler';

/** The COE programme over HTTP: its command routes (derived from the definition) and its queries. */
@Module({
  imports: [CqrsModule],
  controllers: [CoeCommandsController, GetCoeController, ListCoesController],
  providers: [GetCoeHandler, ListCoesHandler],
})
export class CoeModule {}
