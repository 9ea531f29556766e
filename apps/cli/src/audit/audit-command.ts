import { Command, InvalidArgumentError, Option } from 'commander';
import { EXPORT_FORMATS } from '@apo/audit';
import { auditAt, parseWhen } from './audit-at';
import { auditExport, type ExportOptions } from './audit-export';
import { auditHistory } from './audit-history';
import { programmeOption, type AuditOptions } from './audit-context';
import { auditSeal, type SealOptions } from './audit-seal';
import { auditVerify, type VerifyOptions } from './audit-verify';

const count = (value: string): number => {
  if (!/^\d{1,3}$/.test(value)) throw new InvalidArgumentError('expected a whole number of worker threads (0: verify in the main thread)');
  return Number(value);
};

const EXIT_CODES = [
  '',
  'Exit codes: 0 OK, 1 a problem was found (divergence, seal mismatch, unknown instance), 2 bad usage, 3 the store could not be read.',
].join('\n');

/** `coe audit history|at|verify|seal|export`: what an auditor needs from the event log (libs/audit, docs/audit.md). */
export function auditCommand(program: Command): Command {
  const audit = new Command('audit')
    .copyInheritedSettings(program)
    .description('history, time travel, verification, seal and export of the event log, for auditors')
    .addHelpText('after', `\nSee docs/audit.md.${EXIT_CODES}`);

  audit
    .command('history')
    .description(
      'every event of one COE (or BCN exchange, --programme bcn) with all its metadata (actor, ids, dates, states, hashes), and the verdict of verify',
    )
    .argument('<id>', 'instance id (the stream is <programme>-<id>, e.g. coe-th-digital)')
    .addOption(programmeOption())
    .option('--json', 'print JSON ({ id, streamId, definition, version, events: [...], verification }) instead of a timeline')
    .addHelpText('after', `\nExits 1 when the instance does not exist or its stream does not verify.${EXIT_CODES}`)
    .action(async (id: string, _options: unknown, command: Command) => auditHistory(id, command.optsWithGlobals<AuditOptions>()));

  audit
    .command('at')
    .description(
      'one COE (or BCN exchange) as it was: state, context, allowed events and due date as of a business date or a revision, by what is known now or by what was recorded at a given time',
    )
    .argument('<id>', 'instance id')
    .argument('[when]', 'a business date YYYY-MM-DD (or YYYY-MM, YYYY): the facts in effect then; or a revision (12 or r12)', parseWhen)
    .option(
      '--as-at <time>',
      'only what was recorded by then: an ISO instant (2026-03-03T12:00:00Z) or a date (the end of that day, UTC); without <when>, the state the system showed then',
    )
    .addOption(programmeOption())
    .option('--json', 'print JSON instead of text')
    .addHelpText(
      'after',
      `\nAs of a business date: every fact dated on or before it (corrected by later corrections), whenever it was entered; facts dated later (notices, later phases) are left out. See docs/audit.md, "Time travel".${EXIT_CODES}`,
    )
    .action(async (id: string, when: ReturnType<typeof parseWhen> | undefined, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<AuditOptions & { asAt?: string }>();
      return auditAt(id, { ...when, ...(options.asAt !== undefined ? { asAt: options.asAt } : {}) }, options);
    });

  audit
    .command('verify')
    .description(
      'replay one instance, or every stream of the store (every programme), through its definition; check hash chains, revisions, from/to and allowed events',
    )
    .argument('[id]', 'instance id (default: the whole store, in worker threads)')
    .addOption(programmeOption())
    .option('--seal <digest|file>', 'also prove that nothing was appended or removed since this seal (a digest or a file from `seal --out`)')
    .option('--workers <n>', 'worker threads for the whole store (default: one per core; 0: main thread)', count)
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `\nA progress bar shows on a terminal (stderr). Every divergence names its stream, revision and kind.${EXIT_CODES}`)
    .action(async (id: string | undefined, _options: unknown, command: Command) => auditVerify(id, command.optsWithGlobals<VerifyOptions>()));

  audit
    .command('seal')
    .description('print a sha256 digest over every stream head (stream id, last revision, last hash) for the auditor to file')
    .option('--out <file>', 'also write the seal file (digest plus every head): `verify --seal <file>` then names the streams that changed')
    .option('--json', 'print the whole seal as JSON')
    .addHelpText('after', EXIT_CODES)
    .action(async (_options: unknown, command: Command) => auditSeal(command.optsWithGlobals<SealOptions>()));

  audit
    .command('export')
    .description('one instance or the whole log, every event with all metadata, streamed as JSON Lines or CSV')
    .argument('[id]', 'instance id (default: the whole log, in log order)')
    .addOption(programmeOption())
    .addOption(new Option('--format <format>', 'jsonl (one JSON object per line) or csv (RFC 4180, a header row)').choices(EXPORT_FORMATS).default('jsonl'))
    .option('--out <file>', 'write to a file instead of stdout')
    .addHelpText('after', EXIT_CODES)
    .action(async (id: string | undefined, _options: unknown, command: Command) => auditExport(id, command.optsWithGlobals<ExportOptions>()));

  return audit;
}
