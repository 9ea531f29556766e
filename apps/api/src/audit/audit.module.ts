import { Module } from '@nestjs/common';
import { GetEvidenceController } from './queries/evidence.controller';
import { ExportEventsController } from './queries/export-events.controller';
import { GetHistoryController } from './queries/history.controller';
import { GetSealController } from './queries/seal.controller';
import { GetStateController } from './queries/state.controller';
import { VerifyInstanceController } from './queries/verify-instance.controller';
import { VerifyStoreController } from './queries/verify-store.controller';
import { StoreVerifier } from './shared/store-verifier';

/**
 * For auditors (and admins): history, time travel, verify, seal and export of the event log
 * (libs/audit) and evidence bundles of the transparency log, per instance of every programme (`/coes/:id/...`, `/bcn-exchanges/:id/...`).
 * The controllers' names give the routes' first OpenAPI tag (Swagger tags a controller without tags by its name).
 */
@Module({
  controllers: [
    GetHistoryController,
    GetStateController,
    VerifyInstanceController,
    VerifyStoreController,
    GetSealController,
    ExportEventsController,
    GetEvidenceController,
  ],
  providers: [StoreVerifier],
})
export class AuditModule {}
