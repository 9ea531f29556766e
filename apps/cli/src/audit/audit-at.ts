import { InvalidArgumentError } from 'commander';
import { readInstance, stateAt, terminalSafe, type AsOf, type StateAt } from '@apo/audit';
import { registry } from '../cli-context';
import { instanceStream, print, printJson, withStore, type AuditOptions } from './audit-context';

/** `<when>`: a business date YYYY-MM-DD or YYYY-MM, or a revision (a whole number, optionally written r12). */
export function parseWhen(value: string): AsOf {
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(value)) return { at: value };
  const revision = /^r?(\d{1,9})$/.exec(value);
  if (revision) return { revision: Number(revision[1]) };
  throw new InvalidArgumentError('expected a business date YYYY-MM-DD or YYYY-MM, or a revision (e.g. 12 or r12)');
}

const json = (value: unknown) => JSON.stringify(value);

function heading(s: StateAt): string {
  const known = s.asOf.asAt !== undefined ? `, by what was recorded by ${s.asOf.asAt} (${s.knownEvents} events)` : '';
  if (s.asOf.at !== undefined) return `as of ${s.asOf.at} (facts in effect then${known || ', by what is known now'})`;
  if (s.asOf.revision !== undefined) return `at revision ${s.asOf.revision}`;
  return s.asOf.asAt !== undefined ? `as shown at ${s.asOf.asAt}${known}` : 'now';
}

function describe(s: StateAt, verifyArgs: string): string {
  const lines = [
    `${s.streamId} ${heading(s)}: revision ${s.revision} (${s.laterEvents} events not replayed), ${s.definition}@${s.version}`,
    `state        ${s.state}`,
    `due date     ${json(s.details.dueDate ?? null)}`,
    `allowed      ${s.allowedEvents.join(', ') || '(none)'}`,
    `last event   ${s.lastEvent ? `#${s.revision} ${s.lastEvent.type} effective ${s.lastEvent.effectiveDate} recorded ${s.lastEvent.recordedAt} hash ${s.lastEvent.hash.slice(0, 16)}…` : '(none: the instance did not exist yet)'}`,
    `details      ${json(s.details)}`,
    `context      ${json(s.context)}`,
  ];
  for (const e of s.enteredLate) lines.push(`entered late #${e.revision} ${e.type} effective ${e.effectiveDate}: recorded after a fact dated later`);
  for (const c of s.corrected)
    lines.push(
      `corrected    #${c.revision} ${c.type} by #${c.correctedBy}: effective ${c.effectiveDate} (recorded as ${c.recorded.effectiveDate} ${json(c.recorded.data)})`,
    );
  for (const n of s.notReplayable)
    lines.push(`NOT REPLAYED #${n.revision} ${n.type} effective ${n.effectiveDate}: the machine refused it in ${n.state} (entered out of order)`);
  if (s.divergences.length > 0) lines.push(`WARNING      ${s.divergences.length} divergences in the events known: run coe audit verify ${verifyArgs}`);
  return lines.map((line) => terminalSafe(line)).join('\n');
}

/** `coe audit at <id> <when>`: the state, context, allowed events and due date as of a date or revision. */
export async function auditAt(id: string, when: AsOf, options: AuditOptions): Promise<void> {
  const { streamId, what } = instanceStream(id, options);
  await withStore(options, async (store) => {
    // The programmes' settings of the environment, as the API's: they do not change the replay, but
    // they do change the deadlines a state owes (closing dates, months between status assessments).
    const s = stateAt(registry(), streamId, await readInstance(store, streamId, what), when);
    if (options.json) printJson({ id, ...s });
    else print(describe(s, options.programme && options.programme !== 'coe' ? `--programme ${options.programme} ${id}` : id));
  });
}
