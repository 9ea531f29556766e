export class GetCoeHistoryQuery {
  constructor(readonly id: string) {}
}
