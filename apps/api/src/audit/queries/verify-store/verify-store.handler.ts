import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { StoreVerification } from '@apo/audit';
import { StoreVerifier } from '../../shared/store-verifier';
import { VerifyStoreQuery } from './verify-store.query';

/** Every stream of the store, verified in worker threads; with a seal, also the heads against it. */
@QueryHandler(VerifyStoreQuery)
export class VerifyStoreHandler implements IQueryHandler<VerifyStoreQuery, StoreVerification> {
  constructor(private readonly verifier: StoreVerifier) {}

  execute({ seal }: VerifyStoreQuery): Promise<StoreVerification> {
    return this.verifier.verify(seal?.toLowerCase());
  }
}
