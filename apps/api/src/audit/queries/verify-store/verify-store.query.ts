export class VerifyStoreQuery {
  constructor(readonly seal?: string) {}
}
