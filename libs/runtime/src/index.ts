// What the API and the projector share to run: their stores from the environment, and the
// projection runner supervised (restarts, status, lag on /health and /metrics).
export { StoreEnvironment, ConfigError, loadEnvironment, readSecretFiles, SECRET_FILE_VARIABLES } from './store-environment';
export { ProgrammesEnvironment, programmesConfig, programmesProblems, parseLeadDays, webhooksOf } from './programmes-environment';
export {
  openEventStore,
  openSnapshotStore,
  openPersonalData,
  personalKeysLocation,
  PERSONAL_KEYS_SCHEMA,
  readStoreUrl,
  type EventStoreKind,
} from './open-stores';
export { ProjectionSupervisor, failedEventLine, type ProjectionSupervisorOptions, type SupervisorLogger } from './projection-supervisor';
export { readModelsHealth, type ProjectionHealth, type ReadModelsHealth, type ReadModelsSource, type ReadModelsState } from './read-models-health';
export { ProjectionMetrics } from './projection-metrics';
export { waitForCheckpoint } from './wait-for-checkpoint';
export { WorkerProjector, type WorkerProjectorOptions } from './projection-worker/worker-projector';
export { serveStore } from './projection-worker/store-host';
export { StoreClient } from './projection-worker/store-client';
export {
  loadTransparencySigning,
  transparencyKeyProblems,
  DEFAULT_TRANSPARENCY_KEY_FILE,
  DEFAULT_TRANSPARENCY_ORIGIN,
  type TransparencySigning,
  type TransparencyEnvironment,
} from './transparency-signing';
export { transparencyCheckpointing, type TransparencyCheckpointSettings, type TimedCheckpoints } from './transparency-checkpointing';
