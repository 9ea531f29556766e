import type { BcnExchangeFilter } from '@apo/projections';

export class ListBcnExchangesQuery {
  constructor(readonly filter: BcnExchangeFilter & { readonly limit: number; readonly offset: number }) {}
}
