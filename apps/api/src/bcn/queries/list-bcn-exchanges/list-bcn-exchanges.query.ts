import type { BcnExchangeFilter } from '@apo/read-queries';

export class ListBcnExchangesQuery {
  constructor(readonly filter: BcnExchangeFilter & { readonly limit: number; readonly offset: number }) {}
}
