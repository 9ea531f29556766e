export interface CoeListFilter {
  readonly phase?: string;
  readonly memberEconomy?: string;
  readonly focusArea?: string;
  readonly host?: string;
  readonly hostType?: string;
  readonly nominatingNpo?: string;
  readonly dueBefore?: string;
  readonly overdue?: boolean;
  readonly limit: number;
  readonly offset: number;
}

export class ListCoesQuery {
  constructor(readonly filter: CoeListFilter) {}
}
