export class VerifyCoeQuery {
  constructor(readonly id: string) {}
}
