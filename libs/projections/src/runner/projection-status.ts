import type { EventStore } from '@apo/event-store';
import type { ReadStore } from '../read-store/open-read-store';
import { loadCheckpoints } from './checkpoints';
import { loadFailedEvents } from './failed-events';
import { countEventsAfter, firstEventAfter, logHead } from './log-head';
import type { Projection, ProjectionStatus } from './projection';

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
