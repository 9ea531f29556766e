export class GetBcnExchangeQuery {
  constructor(readonly id: string) {}
}
