import { auditRegistry, checkStream, formatTimeline, historyOf, readInstance } from '@apo/audit';
import { CliError } from '../cli-context';
import { instanceStream, print, printJson, withStore, type AuditOptions } from './audit-context';

/** `coe audit history <id>`: every event with all its metadata, as a timeline or JSON, with the verdict of verify. */
export async function auditHistory(id: string, options: AuditOptions): Promise<void> {
  const { streamId, what } = instanceStream(id, options);
  const verdict = await withStore(options, async (store) => {
    const events = await readInstance(store, streamId, what);
    const history = historyOf(streamId, events);
    const { divergences } = checkStream(auditRegistry(), streamId, events);
    if (options.json) printJson({ id, ...history, verification: { ok: divergences.length === 0, divergences } });
    else print(formatTimeline(history, divergences));
    return divergences.length;
  });
  if (verdict > 0) throw new CliError(`${streamId}: ${verdict} divergences (see above)`, 1);
}
