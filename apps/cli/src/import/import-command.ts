import { readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { extname } from 'node:path';
import { Command, Option } from 'commander';
import { COE_DEFINITION_NAME } from '@apo/coe';
import { isBusinessDate, systemClock } from '@apo/engine';
import { importLines, parseImportFile, type ImportFormat, type ImportReport } from '@apo/import';
import { WorkflowService } from '@apo/workflow';
import { CliError, openStore, registry, type StoreOptions } from '../cli-context';
import { rebuildProgress } from '../projections/rebuild-progress';

interface ImportOptions extends StoreOptions {
  readonly format?: ImportFormat;
  readonly dryRun?: boolean;
  readonly upToDate?: string;
  readonly json?: boolean;
}

const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** `coe import <file>`: a portfolio of existing COEs with their past milestones (docs/import.md). */
export function importCommand(): Command {
  return new Command('import')
    .description('enter existing COEs with their history: each line a command, driven through the definition; all or nothing per COE')
    .argument('<file>', 'JSON Lines (.jsonl) or CSV (.csv): see docs/import.md')
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(['jsonl', 'csv']))
    .option('--dry-run', 'decide every line and report, store nothing')
    .option('--up-to-date <date>', 'end each COE imported with CompleteHistoricalEntry on this date (its deadlines open from then on)')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 every COE imported (or unchanged: a re-run), 1 a line was refused (its COE left as it was; the report names line, field and code), 2 bad usage or an unreadable file, 3 the store could not be opened.\nThe embedded store is held by one process: stop the API first, or use POST /imports.',
    )
    .action(async (file: string, _options: unknown, command: Command) => runImport(file, command.optsWithGlobals<ImportOptions>()));
}

/** Every string printed passed the input policy when the file was read (no control characters). */
async function runImport(file: string, options: ImportOptions): Promise<void> {
  const format = options.format ?? formatOf(file);
  if (options.upToDate !== undefined && !isBusinessDate(options.upToDate)) throw new CliError('--up-to-date must be a date YYYY-MM-DD (or YYYY-MM, YYYY)');
  const { lines, problems } = parseImportFile(readText(file), format);
  if (problems.length > 0) {
    for (const p of problems.slice(0, 50)) process.stderr.write(`coe: ${file}:${p.line}: ${p.field} ${p.message} (${p.code})\n`);
    throw new CliError(`${problems.length} lines of ${file} cannot be read: nothing was imported`, 2);
  }
  const store = await openStore(options, true);
  try {
    const service = new WorkflowService(store, registry(), systemClock);
    const progress = rebuildProgress(options.dryRun ? 'checking' : 'importing', process.stderr);
    const report = await importLines(service, lines, {
      definition: COE_DEFINITION_NAME,
      actor: { id: `cli:${userInfo().username}`, role: 'admin' },
      dryRun: options.dryRun,
      finish: options.upToDate === undefined ? undefined : () => ({ type: 'CompleteHistoricalEntry', data: { upToDate: options.upToDate as string } }),
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.finish();
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(describe(file, report));
    if (!report.ok) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

function formatOf(file: string): ImportFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.json' || ext === '.ndjson') return 'jsonl';
  throw new CliError(`cannot tell the format of ${file} from its extension: give --format jsonl or csv`);
}

function readText(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (size > MAX_FILE_BYTES) throw new CliError(`${file} is ${size} bytes: split it into files of at most ${MAX_FILE_BYTES} bytes`);
  const bytes = readFileSync(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${file} is not valid UTF-8`);
  }
}

function describe(file: string, report: ImportReport): string {
  const lines = report.instances.map((i) => {
    const what = i.outcome === 'refused' ? 'REFUSED' : i.outcome;
    return `${what.padEnd(12)} ${i.instance}${i.state ? `  ${i.state}` : ''}  (${i.appended} ${report.dryRun ? 'to append' : 'appended'}, ${i.skipped} already there)`;
  });
  for (const r of report.refused) {
    const fields = r.fields?.map((f) => `${f.field} ${f.message}`).join('; ');
    lines.push(`${file}:${r.line}: ${r.instance} ${r.command}: ${r.code}: ${fields ?? r.message}`);
  }
  const counts = (outcome: string) => report.instances.filter((i) => i.outcome === outcome).length;
  lines.push(
    report.dryRun
      ? `dry run: ${counts('would import')} COEs would be imported, ${counts('unchanged')} unchanged, ${counts('refused')} refused; nothing was stored`
      : `${counts('imported')} COEs imported, ${counts('unchanged')} unchanged, ${counts('refused')} refused (each refused COE left as it was)`,
  );
  return `${lines.join('\n')}\n`;
}
