import type { ReadStoreDialect } from '@apo/read-store';
import type { FailedEvent, ProjectionStatus, RunnerState } from '@apo/projections';

/** One projection as health reports it: its status plus a one-word state. */
export interface ProjectionHealth extends ProjectionStatus {
  /** current: nothing left to apply; behind: events left to apply; rebuilding: building from zero. */
  readonly state: 'current' | 'behind' | 'rebuilding';
}

/**
 * up / catching-up: a runner keeps the read models (caught up or not yet); waiting-for-lease:
 * another runner holds the lease (and does the work); failed: the runner stopped on an error and
 * is being restarted; unavailable: the read store did not answer; idle / stopped: not started, or
 * shut down.
 */
export type ReadModelsState = 'up' | 'catching-up' | 'waiting-for-lease' | 'failed' | 'unavailable' | 'idle' | 'stopped';

export interface ReadModelsHealth {
  readonly status: ReadModelsState;
  /** True when the read models are not being kept or cannot be read (failed, unavailable), or a projection skipped events. */
  readonly degraded: boolean;
  readonly kind: ReadStoreDialect;
  /** The state of this process's runner, when it has one. */
  readonly runner?: RunnerState;
  readonly error?: string;
  /** Lowest checkpoint of all projections (what every read model has applied). */
  readonly position: string;
  readonly headPosition: string;
  /** The largest lag of any projection, in events (capped, see `lagCapped`) and in seconds. */
  readonly lagEvents: number;
  readonly secondsBehind: number;
  /** Events the projections skipped (all of them, counted per projection and event). */
  readonly failedEvents: number;
  /** The first of them by log position (at most `FAILED_EVENTS_SHOWN` per projection): position, projection, stream, error. */
  readonly failed: readonly FailedEvent[];
  readonly projections: ProjectionHealth[];
}

export interface ReadModelsSource {
  readonly kind: ReadStoreDialect;
  statuses(): Promise<ProjectionStatus[]>;
  /** Omitted when the process has no runner of its own (the API with PROJECTOR=external). */
  readonly runner?: { readonly state: RunnerState; readonly error?: string };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Reads the projections' status and sums it up; never throws (a failed read is `unavailable`). */
export async function readModelsHealth(source: ReadModelsSource): Promise<ReadModelsHealth> {
  const runner = source.runner ? { runner: source.runner.state } : {};
  let statuses: ProjectionStatus[];
  try {
    statuses = await source.statuses();
  } catch (error) {
    return {
      status: 'unavailable',
      degraded: true,
      kind: source.kind,
      ...runner,
      error: message(error),
      position: '0',
      headPosition: '0',
      lagEvents: 0,
      secondsBehind: 0,
      failedEvents: 0,
      failed: [],
      projections: [],
    };
  }
  const projections = statuses.map((s): ProjectionHealth => ({ ...s, state: s.rebuilding ? 'rebuilding' : s.lagEvents > 0 ? 'behind' : 'current' }));
  const lagEvents = Math.max(0, ...projections.map((p) => p.lagEvents));
  const secondsBehind = Math.max(0, ...projections.map((p) => p.secondsBehind));
  const position =
    projections.length === 0
      ? '0'
      : projections
          .map((p) => BigInt(p.position))
          .reduce((a, b) => (a < b ? a : b))
          .toString();
  const headPosition = projections[0]?.headPosition ?? '0';
  const status = stateOf(
    source.runner?.state,
    projections.some((p) => p.state !== 'current'),
  );
  const error = status === 'failed' && source.runner?.error ? { error: source.runner.error } : {};
  const failedEvents = projections.reduce((sum, p) => sum + p.failedEvents, 0);
  const failed = projections.flatMap((p) => p.failed).sort((a, b) => compareFailures(a, b));
  const degraded = status === 'failed' || failedEvents > 0;
  return { status, degraded, kind: source.kind, ...runner, ...error, position, headPosition, lagEvents, secondsBehind, failedEvents, failed, projections };
}

/** By log position, then projection. */
function compareFailures(a: FailedEvent, b: FailedEvent): number {
  const byPosition = BigInt(a.position) - BigInt(b.position);
  if (byPosition !== 0n) return byPosition < 0n ? -1 : 1;
  return a.projection < b.projection ? -1 : a.projection > b.projection ? 1 : 0;
}

function stateOf(runner: RunnerState | undefined, behind: boolean): ReadModelsState {
  switch (runner) {
    case 'failed':
      return 'failed';
    case 'waiting-for-lease':
      return 'waiting-for-lease';
    case 'idle':
      return 'idle';
    case 'stopping':
    case 'stopped':
      return 'stopped';
    default:
      return behind ? 'catching-up' : 'up';
  }
}
