import { Inject } from '@nestjs/common';
import type { Query, QueryResult } from '@nestjs/cqrs';
import type { ReadStore } from '@apo/read-store';
import { READ_STORE } from '../../infrastructure/tokens';

/** A report query handler (an IQueryHandler of Q): reads the read store, never the event log. */
export abstract class ReadStoreHandler<Q extends Query<unknown>> {
  constructor(@Inject(READ_STORE) protected readonly readStore: ReadStore) {}

  abstract execute(query: Q): Promise<QueryResult<Q>>;
}
