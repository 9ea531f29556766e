import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BcnCommandsController } from './bcn-commands';
import { GetBcnExchangeController } from './queries/get-bcn-exchange/get-bcn-exchange.http.controller';
import { GetBcnExchangeHandler } from './queries/get-bcn-exchange/get-bcn-exchange.handler';
import { ListBcnExchangesController } from './queries/list-bcn-exchanges/list-bcn-exchanges.http.controller';
import { ListBcnExchangesHandler } from './queries/list-bcn-exchanges/list-bcn-exchanges.handler';

/** BCN exchanges over HTTP: its command routes (derived from the definition) and its queries, as for COEs. */
@Module({
  imports: [CqrsModule],
  controllers: [BcnCommandsController, GetBcnExchangeController, ListBcnExchangesController],
  providers: [GetBcnExchangeHandler, ListBcnExchangesHandler],
})
export class BcnModule {}
