import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ExportEventsController } from './queries/export-events/export-events.http.controller';
import { ExportEventsHandler } from './queries/export-events/export-events.handler';
import { GetCoeHistoryController } from './queries/get-coe-history/get-coe-history.http.controller';
import { GetCoeHistoryHandler } from './queries/get-coe-history/get-coe-history.handler';
import { GetCoeStateController } from './queries/get-coe-state/get-coe-state.http.controller';
import { GetCoeStateHandler } from './queries/get-coe-state/get-coe-state.handler';
import { GetSealController } from './queries/get-seal/get-seal.http.controller';
import { GetSealHandler } from './queries/get-seal/get-seal.handler';
import { VerifyCoeController } from './queries/verify-coe/verify-coe.http.controller';
import { VerifyCoeHandler } from './queries/verify-coe/verify-coe.handler';
import { VerifyStoreController } from './queries/verify-store/verify-store.http.controller';
import { VerifyStoreHandler } from './queries/verify-store/verify-store.handler';
import { StoreVerifier } from './shared/store-verifier';

/** For auditors (and admins): history, time travel, verify, seal and export of the event log (libs/audit). */
@Module({
  imports: [CqrsModule],
  controllers: [GetCoeHistoryController, GetCoeStateController, VerifyCoeController, VerifyStoreController, GetSealController, ExportEventsController],
  providers: [GetCoeHistoryHandler, GetCoeStateHandler, VerifyCoeHandler, VerifyStoreHandler, GetSealHandler, ExportEventsHandler, StoreVerifier],
})
export class AuditModule {}
