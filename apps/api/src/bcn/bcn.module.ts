import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { bcnCommandControllers, bcnCommandHandlers } from './commands';
import { GetBcnExchangeController } from './queries/get-bcn-exchange/get-bcn-exchange.http.controller';
import { GetBcnExchangeHandler } from './queries/get-bcn-exchange/get-bcn-exchange.handler';
import { ListBcnExchangesController } from './queries/list-bcn-exchanges/list-bcn-exchanges.http.controller';
import { ListBcnExchangesHandler } from './queries/list-bcn-exchanges/list-bcn-exchanges.handler';

/** BCN exchanges over HTTP: one controller and handler per use case, as for COEs. */
@Module({
  imports: [CqrsModule],
  controllers: [...bcnCommandControllers, GetBcnExchangeController, ListBcnExchangesController],
  providers: [...bcnCommandHandlers, GetBcnExchangeHandler, ListBcnExchangesHandler],
})
export class BcnModule {}
