import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ListDeadlinesHandler } from './queries/list-deadlines/list-deadlines.handler';
import { ListDeadlinesController } from './queries/list-deadlines/list-deadlines.http.controller';

/** GET /deadlines, /coes/:id/deadlines, /bcn-exchanges/:id/deadlines: what is due, when, what is overdue. */
@Module({
  imports: [CqrsModule],
  controllers: [ListDeadlinesController],
  providers: [ListDeadlinesHandler],
})
export class DeadlinesModule {}
