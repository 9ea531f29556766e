// The runner: keeps every read model from the global log (checkpoints, batches, failed events, in-memory rebuilds).
export type { ProjectionStatus, RunnerState } from './runner/projection-status';
export { ProjectionRunner, type ProjectionRunnerOptions } from './runner/projection-runner';
export { projectionStatus, LAG_COUNT_CAP, FAILED_EVENTS_SHOWN } from './runner/projection-status';
export { logHead, type LogPoint } from './runner/log-head';
export type { FailedEvent } from './runner/failed-events';
// Every read model of every programme, as the entry points configure them.
export { readModelProjections, readModelNames, type ReadModelDependencies } from './read-model-catalogue';
