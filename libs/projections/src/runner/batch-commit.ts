import { UnreadableEvent, type RecordedEvent } from '@apo/event-store';
import type { Kysely } from 'kysely';
import type { ReadDatabase, Projection } from '@apo/read-store';
import { applyIsolated, inSavepoint } from './apply-isolated';
import { failedEvent, recordFailedEvents, type FailedEvent } from './failed-events';
import type { LogItem } from './follow';
import type { InMemoryRebuilds } from './in-memory-rebuilds';
import { isInfrastructureError } from './infrastructure-error';

/** A projection's part of a batch: the events it applies, and those the store could not read (failed already). */
export interface Share {
  readonly events: readonly RecordedEvent[];
  readonly failed: readonly FailedEvent[];
}

/** A batch's events, and the events in it the store could not read. */
export function splitItems(items: readonly LogItem[]): { events: readonly RecordedEvent[]; unreadable: readonly UnreadableEvent[] } {
  const unreadable = items.filter((item): item is UnreadableEvent => item instanceof UnreadableEvent);
  const events =
    unreadable.length === 0 ? (items as readonly RecordedEvent[]) : items.filter((item): item is RecordedEvent => !(item instanceof UnreadableEvent));
  return { events, unreadable };
}

/**
 * What `projection`, at position `from`, takes of a batch: the events after `from` it handles,
 * and as its failed events those after `from` the store could not read and that concern it (by
 * stream and type; every projection when the store could not tell the type).
 */
export function shareOf(projection: Projection, events: readonly RecordedEvent[], unreadable: readonly UnreadableEvent[], from: bigint | null): Share {
  const after = (e: { readonly position: bigint }) => from === null || e.position > from;
  const concerns = (u: UnreadableEvent) => u.type === undefined || projection.handles({ streamId: u.streamId, type: u.type });
  return {
    events: events.filter((e) => after(e) && projection.handles(e)),
    failed: unreadable.filter((u) => after(u) && concerns(u)).map((u) => failedEvent(projection.name, u, u)),
  };
}

export interface BatchCommit {
  readonly db: Kysely<ReadDatabase>;
  readonly inMemory: InMemoryRebuilds;
  /** The projections written: those with a share apply it, the others write what they folded in memory. */
  readonly writing: readonly Projection[];
  readonly shares: ReadonlyMap<string, Share>;
  /** Moves the checkpoints of the projections written, inside the transaction. */
  advance(trx: Kysely<ReadDatabase>, written: readonly Projection[]): Promise<void>;
}

export interface Committed {
  readonly written: readonly Projection[];
  /** In-memory rebuilds whose write threw on data: unusable now (their rows were taken), with the error. */
  readonly unwritten: readonly (readonly [string, unknown])[];
  /** Failed events recorded with the batch. */
  readonly failed: readonly FailedEvent[];
}

/**
 * The batch's transaction, as fast as it goes: each projection's `apply` once. When one throws on
 * data, the transaction is rolled back and run again with each projection isolating the events it
 * cannot apply (`applyIsolated`), which are recorded as failed events. The rows of an in-memory
 * write can be taken only once, so a batch with one is isolated from the start (a write is due
 * every 250,000 events, and at the end of a rebuild).
 */
export async function commitBatch(batch: BatchCommit): Promise<Committed> {
  if (batch.writing.every((p) => batch.shares.has(p.name))) {
    try {
      return await transact(batch, false);
    } catch (error) {
      if (isInfrastructureError(error)) throw error;
    }
  }
  return transact(batch, true);
}

async function transact(batch: BatchCommit, isolate: boolean): Promise<Committed> {
  const written: Projection[] = [];
  const unwritten: [string, unknown][] = [];
  const failed: FailedEvent[] = [];
  await batch.db.transaction().execute(async (trx) => {
    for (const projection of batch.writing) {
      const share = batch.shares.get(projection.name);
      let mine: readonly FailedEvent[] = [];
      if (share === undefined) {
        const error = await inSavepoint(trx, async () => void (mine = await batch.inMemory.write(trx, projection.name)));
        if (error !== undefined) {
          unwritten.push([projection.name, error]);
          continue;
        }
      } else if (isolate) {
        mine = [...share.failed, ...(await applyIsolated(trx, projection, share.events))];
      } else {
        if (share.events.length > 0) await projection.apply(trx, share.events);
        mine = share.failed;
      }
      await recordFailedEvents(trx, mine);
      failed.push(...mine);
      written.push(projection);
    }
    await batch.advance(trx, written);
  });
  return { written, unwritten, failed };
}
