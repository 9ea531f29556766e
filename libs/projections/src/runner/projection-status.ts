import type { EventStore } from '@apo/event-store';
import type { ReadStore, Projection } from '@apo/read-store';
import { loadCheckpoints } from './checkpoints';
import { loadFailedEvents, type FailedEvent } from './failed-events';
import { countEventsAfter, firstEventAfter, logHead } from './log-head';

/** Lag is counted event by event up to this many; beyond it the status says "at least". */
export const LAG_COUNT_CAP = 10_000;
/** Failed events listed per projection (all are counted). */
export const FAILED_EVENTS_SHOWN = 20;

/**
 * Status of every projection from the stored checkpoints and the store's head; usable by any
 * process (the API's health endpoint), not only by the runner holding the lease.
 */
export async function projectionStatus(
  store: EventStore,
  readStore: ReadStore,
  projections: readonly Projection[],
  rebuilding: ReadonlySet<string> = new Set(),
): Promise<ProjectionStatus[]> {
  const [checkpoints, head, failures] = await Promise.all([loadCheckpoints(readStore.db), logHead(store), loadFailedEvents(readStore.db, FAILED_EVENTS_SHOWN)]);
  const headPosition = head?.position ?? 0n;
  // Projections usually share a checkpoint: count and look up each distinct position once.
  const lags = new Map<string, Promise<{ lagEvents: number; lagCapped: boolean; secondsBehind: number }>>();
  const lagOf = (position: bigint | null) => {
    const key = String(position);
    let lag = lags.get(key);
    if (lag === undefined) {
      lag = (async () => {
        if (head === undefined || (position !== null && position >= head.position)) return { lagEvents: 0, lagCapped: false, secondsBehind: 0 };
        const [{ count, capped }, first] = await Promise.all([countEventsAfter(store, position, LAG_COUNT_CAP), firstEventAfter(store, position)]);
        // Unknown where the store cannot read the events there (nor the few beyond them).
        const behindMs = first?.recordedAt && head.recordedAt ? Date.parse(head.recordedAt) - Date.parse(first.recordedAt) : 0;
        return { lagEvents: count, lagCapped: capped, secondsBehind: Math.max(0, Math.round(behindMs / 1000)) };
      })();
      lags.set(key, lag);
    }
    return lag;
  };
  return Promise.all(
    projections.map(async (p) => {
      const checkpoint = checkpoints.get(p.name);
      const position = checkpoint?.position ?? null;
      return {
        name: p.name,
        version: p.version,
        position: (position ?? 0n).toString(),
        headPosition: headPosition.toString(),
        ...(await lagOf(position)),
        rebuilding: rebuilding.has(p.name),
        failedEvents: failures.counts.get(p.name) ?? 0,
        failed: failures.first.get(p.name) ?? [],
      };
    }),
  );
}

/** What `ProjectionRunner.status()` reports per projection. */
export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  /** Global position of the last event applied or examined (decimal string; "0": none yet). */
  readonly position: string;
  /** Position of the last event in the store (decimal string; "0": empty store). */
  readonly headPosition: string;
  /** Events in the log after `position` (counted, up to `lagCapped`). */
  readonly lagEvents: number;
  /** True when the lag count stopped at its cap: the lag is at least `lagEvents`. */
  readonly lagCapped: boolean;
  /** recordedAt of the head minus recordedAt of the first event not yet applied (0 when caught up). */
  readonly secondsBehind: number;
  readonly rebuilding: boolean;
  /** Events it skipped because it could not apply them, or the store cannot read them (until it is rebuilt). */
  readonly failedEvents: number;
  /** The first of them by position (at most `FAILED_EVENTS_SHOWN`). */
  readonly failed: readonly FailedEvent[];
}

export type RunnerState = 'idle' | 'waiting-for-lease' | 'running' | 'stopping' | 'stopped' | 'failed';
