// Read stores
export { openReadStore, type OpenReadStoreOptions, type ReadStore, type ReadStoreDialect } from './read-store/open-read-store';
export { ReadStoreError, type ReadStoreErrorCode } from './read-store/read-store-error';
export type { Lease } from './read-store/lease';
export type * from './read-store/tables';
// Projections and the runner
export type { Projection, ProjectionStatus, RunnerState } from './runner/projection';
export { ProjectionRunner, type ProjectionRunnerOptions } from './runner/projection-runner';
export { projectionStatus, LAG_COUNT_CAP, FAILED_EVENTS_SHOWN } from './runner/projection-status';
export { logHead, type LogPoint } from './runner/log-head';
export type { FailedEvent } from './runner/failed-events';
export { storedText } from './read-store/stored-text';
export { coeProjections, type CoeProjectionDependencies } from './coe/coe-projections';
export { coeOverviewProjection, COE_OVERVIEW_PROJECTION, type CoeOverviewOptions } from './coe/coe-overview-projection';
export { summarizeCoe, type CoeSummary } from './coe/coe-summary';
export { describeCoeV1Extras, foldV1Facts, NO_V1_FACTS, type CoeV1Facts, type GoverningBodyDecisionItem } from './coe/coe-v1-description';
export { coeAssessmentsProjection, coeReplicationsProjection } from './coe/coe-event-row-projections';
export { coeActivityProjection } from './coe/coe-activity-projection';
export { coePhaseHistoryProjection } from './coe/coe-phase-history-projection';
export { bcnProjections } from './bcn/bcn-projections';
export { bcnExchangesProjection } from './bcn/bcn-exchanges-projection';
export { deadlinesProjection, DEADLINES_PROJECTION, type DeadlinesProjectionOptions } from './deadlines/deadlines-projection';
export { readModelProjections, readModelNames, type ReadModelDependencies } from './read-models';
// Queries
export { MAX_LIMIT, checkpointOf, type Page, type PageOptions } from './queries/page';
export * from './queries/coe-overview-queries';
export * from './queries/coe-record-queries';
export * from './queries/bcn-exchange-queries';
export * from './queries/bcn-statistics-queries';
export * from './queries/deadline-queries';
export { toCsv } from './queries/csv';
export { notificationOutboxProjection, NOTIFICATION_CATEGORIES, type NotificationCategory, type NotificationPayload } from './notifications/notification-outbox-projection';
export { startModuleWorker } from './runner/module-worker';
