import { evolve, type EnvelopedEvent, type WorkflowState } from '@apo/engine';
import type { RecordedEvent } from '@apo/event-store';
import { type DeadlinesTable, deleteRows, upsertRows, type InMemoryRebuild } from '@apo/read-store';
import { openByKey } from './deadline-rows';
import { noticeOf, noticesAfter, streamRows, type NoticedDeadlines } from './notice-tracking';

/** One stream as the rebuild holds it. */
interface StreamFold {
  state: WorkflowState;
  position: bigint;
  noticed: NoticedDeadlines;
  /** Keys of the stream's rows as the previous write left them. */
  written: readonly string[];
}

export interface DeadlinesRebuildOptions {
  /** The stream folded from its start up to `event.revision - 1` (a stream the rebuild has not seen from revision 0). */
  readonly foldBefore: (event: RecordedEvent) => Promise<WorkflowState>;
  /** The last folded state of every stream, once the rebuild is over. */
  readonly finish: (states: Map<string, WorkflowState>) => void;
}

/**
 * The deadlines table rebuilt from zero in memory. Its rows are `policy.open` of each stream's
 * last folded state, as of its last event; the only history they keep is the notice stages, so
 * per event the rebuild folds the state and, only when the event is a notice or the stream has
 * noticed deadlines, asks the policy what is open: a notice sticks to its deadline while that
 * stays open with the same due date, exactly as the event-by-event rows keep it. A write turns
 * each changed stream into rows once.
 */
export function deadlinesRebuild(options: DeadlinesRebuildOptions): InMemoryRebuild {
  const streams = new Map<string, StreamFold>();
  let changed = new Set<string>();

  const foldEvent = (held: StreamFold | undefined, state: WorkflowState, event: RecordedEvent): void => {
    const stream = held ?? { state, position: event.position, noticed: undefined, written: [] };
    stream.state = state;
    stream.position = event.position;
    if (!held) streams.set(event.streamId, stream);
    changed.add(event.streamId);
    const policy = state.definition.deadlines;
    const notice = noticeOf(policy, event);
    if (notice === undefined && stream.noticed === undefined) return;
    stream.noticed = noticesAfter(stream.noticed, openByKey(policy, state.state, state.context), notice);
  };

  return {
    async fold(events) {
      for (const event of events) {
        const held = streams.get(event.streamId);
        const before = held && held.state.revision === event.revision - 1 ? held.state : await options.foldBefore(event);
        foldEvent(held, evolve(before, event as unknown as EnvelopedEvent), event);
      }
    },
    async write(trx) {
      const rows: DeadlinesTable[] = [];
      const removed: Pick<DeadlinesTable, 'stream_id' | 'deadline_key'>[] = [];
      for (const streamId of changed) {
        const stream = streams.get(streamId) as StreamFold;
        const { state } = stream;
        const open = openByKey(state.definition.deadlines, state.state, state.context);
        rows.push(...streamRows(streamId, open, stream.noticed, state.revision, stream.position.toString()));
        for (const key of stream.written) if (!open.has(key)) removed.push({ stream_id: streamId, deadline_key: key });
        stream.written = [...open.keys()];
      }
      changed = new Set();
      await deleteRows(trx, 'deadlines', removed);
      await upsertRows(trx, 'deadlines', ['stream_id', 'deadline_key'], rows);
    },
    finish: () => options.finish(new Map([...streams].map(([id, stream]) => [id, stream.state]))),
  };
}
