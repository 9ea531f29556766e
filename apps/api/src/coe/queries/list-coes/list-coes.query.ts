export interface CoeListFilter {
  readonly phase?: string;
  readonly memberEconomy?: string;
  readonly focusArea?: string;
  readonly dueBefore?: string;
  readonly overdue?: boolean;
  readonly limit: number;
  readonly offset: number;
}

export class ListCoesQuery {
  constructor(readonly filter: CoeListFilter) {}
}
