import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

/** GET /deadlines, /coes/:id/deadlines, /bcn-exchanges/:id/deadlines: what is due, when, what is overdue. */
@Module({
  imports: [CqrsModule],
  controllers: [],
  providers: [],
})
export class DeadlinesModule {}
