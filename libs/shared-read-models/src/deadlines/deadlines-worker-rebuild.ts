import type { DeadlinePolicy } from '@apo/engine';
import { type DeadlinesTable, deleteRows, upsertRows, type InMemoryRebuild } from '@apo/read-store';
import { workerFoldRebuild, type WorkerFoldRebuildOptions } from '@apo/stream-folding';
import { isNotice, openByKey, type NoticeData } from './deadline-rows';
import { noticeOf, noticesAfter, streamRows, type NoticedDeadlines } from './notice-tracking';

/** What this thread keeps of a stream beside the worker's state. */
interface StreamMark {
  /** The stream has had a notice: the worker returns the state after each of its events. */
  watched: boolean;
  noticed: NoticedDeadlines;
  written: readonly string[];
}

interface Watched {
  readonly mark: StreamMark;
  readonly policy: DeadlinePolicy | undefined;
  readonly notice: NoticeData | undefined;
}

export type DeadlinesWorkerRebuildOptions = Omit<WorkerFoldRebuildOptions<StreamMark>, 'name' | 'mark' | 'event' | 'write'>;

/**
 * The deadlines rebuild of `deadlinesRebuild` with the XState fold in a worker thread
 * (`workerFoldRebuild`): this thread keeps per stream its notices and the keys it wrote, and runs
 * the deadline policy at a write on the states the worker returns for the streams that changed.
 * Notices need the policy after every event of a stream from its first notice on: the worker
 * returns those states too, in order, and this thread replays the same notice logic on them.
 * Rows are identical to the in-thread rebuild.
 */
export function deadlinesWorkerRebuild(options: DeadlinesWorkerRebuildOptions): InMemoryRebuild {
  let watched: Watched[] = [];
  return workerFoldRebuild<StreamMark>({
    ...options,
    name: 'deadlines',
    mark: () => ({ watched: false, noticed: undefined, written: [] }),
    event(mark, event, definition, readBack) {
      if (readBack) return false;
      const policy = definition.deadlines;
      if (!mark.watched && policy !== undefined && isNotice(policy.kinds, event.type)) mark.watched = true;
      if (mark.watched) watched.push({ mark, policy, notice: noticeOf(policy, event) });
      return mark.watched;
    },
    async write(trx, changed, states) {
      if (states.length !== watched.length) throw new Error(`deadlines fold worker returned ${states.length} states for ${watched.length} noticed events`);
      watched.forEach(({ mark, policy, notice }, i) => {
        if (notice === undefined && mark.noticed === undefined) return;
        const [state, context] = states[i];
        mark.noticed = noticesAfter(mark.noticed, openByKey(policy, state, context), notice);
      });
      watched = [];
      const rows: DeadlinesTable[] = [];
      const removed: Pick<DeadlinesTable, 'stream_id' | 'deadline_key'>[] = [];
      for (const { streamId, definition, state, context, mark, revision, position } of changed) {
        const open = openByKey(definition.deadlines, state, context);
        rows.push(...streamRows(streamId, open, mark.noticed, revision, position.toString()));
        for (const key of mark.written) if (!open.has(key)) removed.push({ stream_id: streamId, deadline_key: key });
        mark.written = [...open.keys()];
      }
      await deleteRows(trx, 'deadlines', removed);
      await upsertRows(trx, 'deadlines', ['stream_id', 'deadline_key'], rows);
    },
  });
}
