import type { Deadline, DeadlinePolicy } from '@apo/engine';
import type { DeadlinesTable } from '@apo/read-store';

/** The shape of a notice event's data (see `noteDeadlineCommand` in libs/engine). */
export interface NoticeData {
  readonly deadline: string;
  readonly dueDate: string;
  readonly stage: string;
}

/** Programme key of a stream: its id up to the first dash (`coe`, `bcn`); '' without one. */
export const prefixOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : '';
};

/** The row of one open deadline of a stream, as of the stream's event at `revision` / `position`. */
export function deadlineRow(streamId: string, deadline: Deadline, notices: string, revision: number, position: string): DeadlinesTable {
  const prefix = prefixOf(streamId);
  return {
    stream_id: streamId,
    deadline_key: deadline.key,
    programme: prefix,
    instance_id: streamId.slice(prefix.length + 1),
    kind: deadline.kind,
    label: deadline.label,
    due_date: deadline.dueDate,
    notices,
    revision,
    position,
  };
}

/** The deadlines open in a folded state, by key (a key listed twice: the last one, as rows keep it). */
export const openByKey = (policy: DeadlinePolicy | undefined, state: string, context: unknown): Map<string, Deadline> =>
  new Map((policy ? policy.open(state, context) : []).map((d) => [d.key, d]));

const noticeTypesByKinds = new WeakMap<object, ReadonlySet<string>>();

/** Whether `type` is one of the notice event types a policy's kinds name. */
export function isNotice(kinds: DeadlinePolicy['kinds'], type: string): boolean {
  let types = noticeTypesByKinds.get(kinds);
  if (!types) noticeTypesByKinds.set(kinds, (types = new Set(Object.values(kinds).flatMap((k) => [k.lead, k.due, k.overdue]))));
  return types.has(type);
}
