import { Command, InvalidArgumentError, Option } from 'commander';
import { EXPORT_FORMATS } from '@apo/audit';
import { CliError } from '../cli-context';
import { auditAt, parseWhen } from './audit-at';
import { auditExport, type ExportOptions } from './audit-export';
import { auditHistory } from './audit-history';
import { programmeOption, type AuditOptions } from './audit-context';
import { auditSeal, type SealOptions } from './audit-seal';
import { auditVerify, type VerifyOptions } from './audit-verify';
import { auditBundle, type BundleOptions } from './audit-bundle';
import { auditKeygen, type KeygenOptions } from './audit-keygen';
import { auditConsistency, auditProve, type ProveOptions } from './audit-prove';
import { readDatabaseOption, wholeNumber } from './audit-transparency';
import { auditVerifyCheckpoint, type VerifyCheckpointOptions } from './audit-verify-checkpoint';

const count = (value: string): number => {
  if (!/^\d{1,3}$/.test(value)) throw new InvalidArgumentError('expected a whole number of worker threads (0: verify in the main thread)');
  return Number(value);
};

/** `--key` may be given more than once. */
const collect = (value: string, previous: readonly string[] = []): string[] => [...previous, value];

const treeSizeOption = () =>
  new Option('--tree-size <n>', 'the signed checkpoint of this many leaves (default: the latest)').argParser(wholeNumber('a tree size'));

const EXIT_CODES = [
  '',
  'Exit codes: 0 OK, 1 a problem was found (divergence, seal mismatch, unknown instance, not in a signed checkpoint yet, a proof or checkpoint that does not verify), 2 bad usage, 3 the store could not be read.',
].join('\n');

/** `coe audit history|at|verify|seal|export|prove|consistency|bundle|keygen`: what an auditor needs from the event log (libs/audit, docs/audit.md). */
export function auditCommand(program: Command): Command {
  const audit = new Command('audit')
    .copyInheritedSettings(program)
    .description('history, time travel, verification, seal and export of the event log, and its transparency log (proofs, evidence bundles), for auditors')
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
      'replay one instance, or every stream of the store (every programme), through its definition; check hash chains, revisions, from/to and allowed events; or (--checkpoint) hold the log to a signed checkpoint an auditor kept',
    )
    .argument('[id]', 'instance id (default: the whole store, in worker threads)')
    .addOption(programmeOption())
    .option('--seal <digest|file>', 'also prove that nothing was appended or removed since this seal (a digest or a file from `seal --out`)')
    .option('--workers <n>', 'worker threads for the whole store (default: one per core; 0: main thread)', count)
    .option(
      '--checkpoint <file>',
      'instead: hold the log to this signed checkpoint note (kept by an auditor or a witness): its first n leaves must give the signed root; names a truncation, deleted stream or rewritten tail',
    )
    .option(
      '--key <verifier-key>',
      'with --checkpoint: a verifier key the checkpoint must be signed by (repeatable; default: the keys of the stored checkpoints, and it says so)',
      collect,
    )
    .addOption(readDatabaseOption())
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `\nA progress bar shows on a terminal (stderr). Every divergence names its stream, revision and kind.${EXIT_CODES}`)
    .action(async (id: string | undefined, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<VerifyOptions & Partial<VerifyCheckpointOptions>>();
      if (options.checkpoint === undefined) {
        if (options.key !== undefined) throw new CliError('--key goes with --checkpoint', 2);
        return auditVerify(id, options);
      }
      if (id !== undefined || options.seal !== undefined) throw new CliError('--checkpoint holds the whole log: give neither an id nor --seal', 2);
      return auditVerifyCheckpoint({ ...options, checkpoint: options.checkpoint });
    });

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

  audit
    .command('prove')
    .description('the inclusion proof of one event in the latest (or --tree-size) signed checkpoint, verified before it is printed')
    .argument('<id>', 'instance id')
    .argument('<revision>', "the event's revision in its stream (0 is the first)", wholeNumber('a revision'))
    .addOption(programmeOption())
    .addOption(treeSizeOption())
    .addOption(readDatabaseOption())
    .option('--json', 'print JSON ({ leafIndex, treeSize, leafHash, proof, rootHash, checkpoint, verifierKey, ... })')
    .addHelpText('after', `\nExits 1 when the event is not in a signed checkpoint yet (wait for the next one) or the proof does not verify.${EXIT_CODES}`)
    .action(async (id: string, revision: number, _options: unknown, command: Command) => auditProve(id, revision, command.optsWithGlobals<ProveOptions>()));

  audit
    .command('consistency')
    .description('the consistency proof between two stored signed checkpoints (the newer log extends the older), verified before it is printed')
    .argument('<old-size>', 'tree size of the older checkpoint', wholeNumber('a tree size'))
    .argument('<new-size>', 'tree size of the newer checkpoint', wholeNumber('a tree size'))
    .addOption(readDatabaseOption())
    .option('--json', 'print JSON ({ oldSize, newSize, oldRoot, newRoot, proof, oldCheckpoint, newCheckpoint })')
    .addHelpText('after', `\nExits 1 when no checkpoint of a size is stored or the proof does not verify.${EXIT_CODES}`)
    .action(async (oldSize: number, newSize: number, _options: unknown, command: Command) =>
      auditConsistency(oldSize, newSize, command.optsWithGlobals<ProveOptions>()),
    );

  audit
    .command('bundle')
    .description('write the evidence bundle of one instance (its events, inclusion proofs, signed checkpoint, verifier key) for the offline verifier')
    .argument('<id>', 'instance id')
    .addOption(programmeOption())
    .requiredOption('--out <file>', 'the bundle file to write (JSON, apo-evidence-bundle/1)')
    .addOption(treeSizeOption())
    .addOption(readDatabaseOption())
    .option('--json', 'print where it wrote and the verifier command as JSON')
    .addHelpText(
      'after',
      `\nPrints the offline verifier's path (tools/audit/verify-bundle.mjs) and the command an auditor runs. Exits 1 when an event is not in a signed checkpoint yet.${EXIT_CODES}`,
    )
    .action(async (id: string, _options: unknown, command: Command) => auditBundle(id, command.optsWithGlobals<BundleOptions>()));

  audit
    .command('keygen')
    .description("a new Ed25519 signer key for the transparency log's checkpoints (TRANSPARENCY_KEY_FILE), mode 0600; prints the verifier key to publish")
    .argument('<name>', "the key name (by convention the log's origin, e.g. apo.example.org/log)")
    .requiredOption('--out <file>', 'the key file to write (never overwritten)')
    .option('--json', 'print JSON ({ out, verifierKey })')
    .addHelpText('after', EXIT_CODES)
    .action((name: string, _options: unknown, command: Command) => auditKeygen(name, command.opts<KeygenOptions>()));

  return audit;
}
