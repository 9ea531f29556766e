import { InvalidArgumentError } from 'commander';
import { auditRegistry, readInstance, stateAt, terminalSafe, type AsOf, type StateAt } from '@apo/audit';
import { instanceStream, print, printJson, withStore, type AuditOptions } from './audit-context';

/** `<when>`: a business date YYYY-MM-DD, or a revision (a whole number, optionally written r12). */
export function parseWhen(value: string): AsOf {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { at: value };
  const revision = /^r?(\d{1,9})$/.exec(value);
  if (revision) return { revision: Number(revision[1]) };
  throw new InvalidArgumentError('expected a date YYYY-MM-DD or a revision (e.g. 12 or r12)');
}

const json = (value: unknown) => JSON.stringify(value);

function describe(s: StateAt, verifyArgs: string): string {
  const asOf = s.asOf.at !== undefined ? `as of ${s.asOf.at} (events effective on or before it)` : s.asOf.revision !== undefined ? `at revision ${s.asOf.revision}` : 'now';
  const lines = [
    `${s.streamId} ${asOf}: revision ${s.revision} (${s.laterEvents} later events), ${s.definition}@${s.version}`,
    `state        ${s.state}`,
    `due date     ${json(s.details.dueDate ?? null)}`,
    `allowed      ${s.allowedEvents.join(', ') || '(none)'}`,
    `last event   ${s.lastEvent ? `#${s.revision} ${s.lastEvent.type} effective ${s.lastEvent.effectiveDate} recorded ${s.lastEvent.recordedAt} hash ${s.lastEvent.hash.slice(0, 16)}…` : '(none: the instance did not exist yet)'}`,
    `details      ${json(s.details)}`,
    `context      ${json(s.context)}`,
  ];
  for (const b of s.backdated) lines.push(`back-dated   #${b.revision} ${b.type} effective ${b.effectiveDate}: recorded after a later-dated event, so not replayed`);
  if (s.divergences.length > 0) lines.push(`WARNING      ${s.divergences.length} divergences in the replayed events: run coe audit verify ${verifyArgs}`);
  return lines.map((line) => terminalSafe(line)).join('\n');
}

/** `coe audit at <id> <when>`: the state, context, allowed events and due date as of a date or revision. */
export async function auditAt(id: string, when: AsOf, options: AuditOptions): Promise<void> {
  const { streamId, what } = instanceStream(id, options);
  await withStore(options, async (store) => {
    const s = stateAt(auditRegistry(), streamId, await readInstance(store, streamId, what), when);
    if (options.json) printJson({ id, ...s });
    else print(describe(s, options.programme && options.programme !== 'coe' ? `--programme ${options.programme} ${id}` : id));
  });
}
