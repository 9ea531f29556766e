import { Counter, Gauge, type Registry } from 'prom-client';
import type { RunnerState } from '@apo/projections';
import type { ProjectionHealth, ReadModelsHealth } from './read-models-health';

const RUNNER_STATES: readonly RunnerState[] = ['idle', 'waiting-for-lease', 'running', 'stopping', 'stopped', 'failed'];
/** One status read serves every gauge of a scrape. */
const SNAPSHOT_MS = 500;

/**
 * Prometheus series of the read models, read from their status when scraped:
 * `apo_projection_position`, `apo_projection_lag_events`, `apo_projection_lag_seconds` and
 * `apo_projection_failed_events` per projection, `apo_projection_head_position`, `apo_read_models_up`, and, in a process that runs
 * the runner, `apo_projection_runner_state{state}` and batch/event counters.
 */
export class ProjectionMetrics {
  private readonly batches: Counter;
  private readonly events: Counter;

  constructor(registry: Registry, health: () => Promise<ReadModelsHealth>, options: { runner: boolean }) {
    let snapshot: { at: number; health: Promise<ReadModelsHealth> } | undefined;
    const read = () => {
      if (!snapshot || Date.now() - snapshot.at > SNAPSHOT_MS) snapshot = { at: Date.now(), health: health() };
      return snapshot.health;
    };
    const perProjection = (name: string, help: string, value: (p: ProjectionHealth) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'],
        registers: [registry],
        async collect() {
          const { projections } = await read();
          this.reset();
          for (const p of projections) this.set({ projection: p.name }, value(p));
        },
      });
    perProjection('apo_projection_position', 'Global log position the projection has applied', (p) => Number(p.position));
    perProjection('apo_projection_lag_events', 'Events in the log the projection has not applied yet (counted up to 10,000)', (p) => p.lagEvents);
    perProjection(
      'apo_projection_lag_seconds',
      'recordedAt of the head minus recordedAt of the first event the projection has not applied',
      (p) => p.secondsBehind,
    );
    perProjection(
      'apo_projection_failed_events',
      'Events the projection skipped because it cannot apply them (or the store cannot read them), until it is rebuilt',
      (p) => p.failedEvents,
    );
    new Gauge({
      name: 'apo_projection_head_position',
      help: 'Global log position of the last event in the store',
      registers: [registry],
      async collect() {
        this.set(Number((await read()).headPosition));
      },
    });
    new Gauge({
      name: 'apo_read_models_up',
      help: '1 when the read models are kept and readable, 0 when the runner failed or the read store does not answer',
      registers: [registry],
      async collect() {
        const { status } = await read();
        this.set(status === 'failed' || status === 'unavailable' ? 0 : 1);
      },
    });
    if (options.runner) {
      new Gauge({
        name: 'apo_projection_runner_state',
        help: "This process's projection runner: 1 for its current state",
        labelNames: ['state'],
        registers: [registry],
        async collect() {
          const { runner } = await read();
          for (const state of RUNNER_STATES) this.set({ state }, state === runner ? 1 : 0);
        },
      });
    }
    this.batches = new Counter({
      name: 'apo_projection_batches_total',
      help: 'Batches this process applied to the read models',
      registers: options.runner ? [registry] : [],
    });
    this.events = new Counter({
      name: 'apo_projection_events_total',
      help: 'Events this process read into the read models',
      registers: options.runner ? [registry] : [],
    });
  }

  /** Counts a committed batch (pass as the runner's `onBatch`). */
  readonly countBatch = (_upTo: bigint, events: number): void => {
    this.batches.inc();
    this.events.inc(events);
  };
}
