import type { DefinitionRegistry } from '@apo/engine';
import type { AuditDivergence } from '../audit-divergence';
import { checkStream, type StoredEvent } from '../check-stream';

/** One stream to verify; `index` is its place in the log's stream order (results are merged by it). */
export interface StreamTask {
  readonly index: number;
  readonly streamId: string;
  readonly events: readonly StoredEvent[];
}

export interface BatchResult {
  readonly streams: number;
  readonly events: number;
  /** Only the streams with divergences. */
  readonly broken: readonly { readonly index: number; readonly divergences: readonly AuditDivergence[] }[];
}

/** Verifies a batch of whole streams; the same code runs in a worker thread or in the caller's. */
export function verifyBatch(registry: DefinitionRegistry, tasks: readonly StreamTask[]): BatchResult {
  let events = 0;
  const broken: { index: number; divergences: readonly AuditDivergence[] }[] = [];
  for (const task of tasks) {
    const check = checkStream(registry, task.streamId, task.events);
    events += task.events.length;
    if (check.divergences.length > 0) broken.push({ index: task.index, divergences: check.divergences });
  }
  return { streams: tasks.length, events, broken };
}
