import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerModule } from '@nestjs/throttler';
import { DefinitionRegistry, type Clock } from '@apo/engine';
import type { EventStore } from '@apo/event-store';
import type { PersonalData } from '@apo/personal-data';
import type { ReadStore } from '@apo/read-store';
import { WorkflowService } from '@apo/workflow';
import { AuditAlarmGate } from './audit/alarms/alarm-gate';
import { ALARM_SOURCE, NO_ALARMS, type AlarmSource } from './audit/alarms/alarm-source';
import { AuditAlarmGuard } from './audit/alarms/audit-alarm.guard';
import { TRANSPARENCY_DEFENCE, type TransparencyDefence } from './audit/alarms/transparency-defence';
import { AuditModule } from './audit/audit.module';
import { ApiKeyRing } from './auth/api-keys';
import { AuthGuard } from './auth/auth.guard';
import { BcnModule } from './bcn/bcn.module';
import { CoeModule } from './coe/coe.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DefinitionsModule } from './definitions/definitions.module';
import { TimelineModule } from './timeline/timeline.module';
import { ApiEnvironment } from './config/api-config';
import { HealthController } from './health/health.controller';
import { MeController } from './auth/me.controller';
import { BackgroundJobs } from './infrastructure/background-jobs';
import { ApiThrottlerGuard } from './http/api-throttler.guard';
import { ExecuteWorkflowHandler } from './http/execute-workflow.handler';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { SlidingWindowThrottlerStorage } from './http/sliding-window-throttler-storage';
import { ApiMetrics } from './infrastructure/metrics';
import { StreamIntegrity } from './infrastructure/stream-integrity';
import { CLOCK, EVENT_STORE, PERSONAL_DATA, READ_STORE, STORE_KIND } from './infrastructure/tokens';
import { NotificationsModule } from './notifications/notifications.module';
import { ImportsModule } from './imports/imports.module';
import { PrivacyModule } from './privacy/privacy.module';
import { ReadModels } from './read-models/read-models';
import { ReportsModule } from './reports/reports.module';

export interface AppDependencies {
  readonly env: ApiEnvironment;
  readonly store: EventStore;
  /** The read models (projections): SQLite under DATA_DIR by default, PostgreSQL in production. */
  readonly readStore: ReadStore;
  /** Runs (in a worker thread or in-process) or watches (external) the projection runner that keeps the read store. */
  readonly readModels: ReadModels;
  /** The deadline scheduler (and webhooks) where the API keeps the read models (worker or in-process). */
  readonly jobs: BackgroundJobs;
  /** The command pipeline, shared by the HTTP handlers and the scheduler. */
  readonly workflow: WorkflowService;
  /** The start-up hash chain check and the streams refused for integrity (/health). */
  readonly integrity: StreamIntegrity;
  readonly storeKind: string;
  readonly registry: DefinitionRegistry;
  readonly keys: ApiKeyRing;
  readonly clock: Clock;
  readonly metrics: ApiMetrics;
  /** Open audit alarms (the transparency self-check's): while one is open, routes that append answer 503 AUDIT_ALARM. None when absent. */
  readonly alarms?: AlarmSource;
  /** Where this process signs checkpoints: the witnesses and the self-check (stopped on shutdown). */
  readonly transparency?: TransparencyDefence;
  /** Personal data: sealed in commands, opened or withheld in answers, erased on request (docs/privacy.md). */
  readonly personal: PersonalData;
}

/** Ports and engine services, built once by the bootstrap and shared by every module. */
@Global()
@Module({})
class EngineModule {
  static with(deps: AppDependencies): DynamicModule {
    const providers = [
      { provide: EVENT_STORE, useValue: deps.store },
      { provide: READ_STORE, useValue: deps.readStore },
      { provide: ReadModels, useValue: deps.readModels },
      { provide: STORE_KIND, useValue: deps.storeKind },
      { provide: CLOCK, useValue: deps.clock },
      { provide: DefinitionRegistry, useValue: deps.registry },
      { provide: WorkflowService, useValue: deps.workflow },
      { provide: StreamIntegrity, useValue: deps.integrity },
      { provide: BackgroundJobs, useValue: deps.jobs },
      { provide: ApiKeyRing, useValue: deps.keys },
      { provide: ApiMetrics, useValue: deps.metrics },
      { provide: ApiEnvironment, useValue: deps.env },
      { provide: ALARM_SOURCE, useValue: deps.alarms ?? NO_ALARMS },
      { provide: TRANSPARENCY_DEFENCE, useValue: deps.transparency ?? null },
      { provide: PERSONAL_DATA, useValue: deps.personal },
      { provide: AuditAlarmGate, useFactory: (source: AlarmSource) => new AuditAlarmGate(source), inject: [ALARM_SOURCE] },
    ];
    return { module: EngineModule, providers, exports: providers.map((p) => p.provide) };
  }
}

@Module({})
export class AppModule {
  static with(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: deps.env.RATE_LIMIT_PER_MINUTE }], storage: new SlidingWindowThrottlerStorage() }),
        CqrsModule.forRoot(),
        EngineModule.with(deps),
        CoeModule,
        BcnModule,
        AuditModule,
        ReportsModule,
        DeadlinesModule,
        DefinitionsModule,
        TimelineModule,
        NotificationsModule,
        ImportsModule,
        PrivacyModule,
      ],
      controllers: [HealthController, MeController],
      providers: [
        // Every programme's commands, from every route the definitions imply.
        ExecuteWorkflowHandler,
        // Authentication first: the rate limit counts per principal (by address on public routes).
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ApiThrottlerGuard },
        // Then, on routes that append, the open audit alarms (503 AUDIT_ALARM until an admin acknowledges them).
        { provide: APP_GUARD, useClass: AuditAlarmGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
