import { Module } from '@nestjs/common';
import { AuditAlarmsController } from './alarms/alarms.controller';
import { GetEvidenceController } from './queries/evidence.controller';
import { ExportEventsController } from './queries/export-events.controller';
import { GetHistoryController } from './queries/history.controller';
import { GetSealController } from './queries/seal.controller';
import { GetStateController } from './queries/state.controller';
import { VerifyInstanceController } from './queries/verify-instance.controller';
import { VerifyStoreController } from './queries/verify-store.controller';
import { TransparencyCheckpointsController } from './queries/transparency-checkpoints.controller';
import { TransparencyProofsController } from './queries/transparency-proofs.controller';
import { StoreVerifier } from './shared/store-verifier';

/**
 * For auditors (and admins): history, time travel, verify, seal and export of the event log
 * (libs/audit), per instance of every programme (`/coes/:id/...`, `/bcn-exchanges/:id/...`), with its
 * evidence bundle; the transparency log's signed checkpoints, signer keys, proofs and alarms (`/audit/checkpoints`,
 * `/audit/keys`, `/audit/proofs/...`, `/audit/alarms`).
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
    AuditAlarmsController,
    TransparencyCheckpointsController,
    TransparencyProofsController,
    GetEvidenceController,
  ],
  providers: [StoreVerifier],
})
export class AuditModule {}
