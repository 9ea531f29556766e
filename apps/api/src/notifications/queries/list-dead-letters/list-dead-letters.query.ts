import { Query } from '@nestjs/cqrs';
import type { DeadLetterPage } from '@apo/notifications';

export class ListDeadLettersQuery extends Query<DeadLetterPage> {
  constructor(readonly filter: { readonly webhook?: string; readonly limit: number; readonly offset: number }) {
    super();
  }
}
