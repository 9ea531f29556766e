import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ExportEventsController } from './queries/export-events/export-events.http.controller';
import { ExportEventsHandler } from './queries/export-events/export-events.handler';
import { GetHistoryController } from './queries/get-history/get-history.http.controller';
import { GetHistoryHandler } from './queries/get-history/get-history.handler';
import { GetSealController } from './queries/get-seal/get-seal.http.controller';
import { GetSealHandler } from './queries/get-seal/get-seal.handler';
import { GetStateController } from './queries/get-state/get-state.http.controller';
import { GetStateHandler } from './queries/get-state/get-state.handler';
import { VerifyInstanceController } from './queries/verify-instance/verify-instance.http.controller';
import { VerifyInstanceHandler } from './queries/verify-instance/verify-instance.handler';
import { VerifyStoreController } from './queries/verify-store/verify-store.http.controller';
import { VerifyStoreHandler } from './queries/verify-store/verify-store.handler';
import { StoreVerifier } from './shared/store-verifier';

/**
 * For auditors (and admins): history, time travel, verify, seal and export of the event log
 * (libs/audit), per instance of every programme (`/coes/:id/...`, `/bcn-exchanges/:id/...`).
 */
@Module({
  imports: [CqrsModule],
  controllers: [GetHistoryController, GetStateController, VerifyInstanceController, VerifyStoreController, GetSealController, ExportEventsController],
  providers: [GetHistoryHandler, GetStateHandler, VerifyInstanceHandler, VerifyStoreHandler, GetSealHandler, ExportEventsHandler, StoreVerifier],
})
export class AuditModule {}
