import { Module } from '@nestjs/common';
import { ListDeadlinesController } from './list-deadlines.controller';

/** GET /deadlines, /coes/:id/deadlines, /bcn-exchanges/:id/deadlines: what is due, when, what is overdue. */
@Module({ controllers: [ListDeadlinesController] })
export class DeadlinesModule {}
