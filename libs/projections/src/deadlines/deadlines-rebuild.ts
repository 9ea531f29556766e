import { evolve, type EnvelopedEvent, type WorkflowState } from '@apo/engine';
import type { RecordedEvent } from '@apo/event-store';
import type { DeadlinesTable } from '../read-store/tables';
import { deleteRows, upsertRows } from '../read-store/write-rows';
import type { InMemoryRebuild } from '../runner/projection';
import { deadlineRow, isNotice, openByKey, type NoticeData } from './deadline-rows';

/** Notice stages written for one open deadline, while it stays open with this due date. */
interface Noticed {
  readonly dueDate: string;
  readonly stages: string[];
}

/** One stream as the rebuild holds it. */
interface StreamFold {
  state: WorkflowState;
  position: bigint;
  /** Open deadlines that have notices, by key; undefined when none has. */
  noticed: Map<string, Noticed> | undefined;
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
    const notice = policy !== undefined && isNotice(policy.kinds, event.type);
    if (!notice && stream.noticed === undefined) return;
    const open = openByKey(policy, state.state, state.context);
    const noticed = stream.noticed ?? new Map<string, Noticed>();
    for (const [key, n] of noticed) if (open.get(key)?.dueDate !== n.dueDate) noticed.delete(key);
    if (notice) {
      const d = event.data as unknown as NoticeData;
      if (open.get(d.deadline)?.dueDate === d.dueDate) {
        const n = noticed.get(d.deadline) ?? { dueDate: d.dueDate, stages: [] };
        if (!n.stages.includes(d.stage)) n.stages.push(d.stage);
        noticed.set(d.deadline, n);
      }
    }
    stream.noticed = noticed.size > 0 ? noticed : undefined;
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
        for (const deadline of open.values()) {
          const n = stream.noticed?.get(deadline.key);
          const notices = n && n.dueDate === deadline.dueDate ? n.stages.join(',') : '';
          rows.push(deadlineRow(streamId, deadline, notices, state.revision, stream.position.toString()));
        }
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
