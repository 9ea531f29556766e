export class GetCoeQuery {
  constructor(readonly id: string) {}
}
