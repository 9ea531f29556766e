import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { listDeadLetters, type DeadLetterPage } from '@apo/notifications';
import type { ReadStore } from '@apo/read-store';
import { READ_STORE } from '../../../infrastructure/tokens';
import { ListDeadLettersQuery } from './list-dead-letters.query';

@QueryHandler(ListDeadLettersQuery)
export class ListDeadLettersHandler implements IQueryHandler<ListDeadLettersQuery> {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  execute({ filter }: ListDeadLettersQuery): Promise<DeadLetterPage> {
    return listDeadLetters(this.readStore, filter);
  }
}
