import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { witnessConfigProblems } from '@apo/audit';
import { loadEnvironment, ProgrammesEnvironment, programmesProblems, transparencyKeyProblems } from '@apo/runtime';

/**
 * The projector's environment: the API's store and programme variables (EVENT_STORE, DATA_DIR,
 * EVENTSTORE_CONNECTION_STRING, READ_DATABASE_URL, closing dates, SCHEDULER_*, WEBHOOKS, WITNESS_*) plus
 * where it serves /health and /metrics.
 */
export class ProjectorEnvironment extends ProgrammesEnvironment {
  @Transform(({ value }) => (value === undefined ? 3001 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PROJECTOR_PORT = 3001;

  @IsString()
  HOST = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
  LOG_LEVEL = 'info';
}

/**
 * Validates the environment; a `ConfigError` names every bad variable, a transparency key file
 * others may read among them (the projector signs the checkpoints).
 */
export const loadProjectorEnvironment = (vars: Record<string, string | undefined>): ProjectorEnvironment =>
  loadEnvironment(ProjectorEnvironment, vars, (config) => [
    ...programmesProblems(config),
    ...witnessConfigProblems(config),
    ...transparencyKeyProblems(config),
  ]);
