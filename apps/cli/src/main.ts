#!/usr/bin/env node
/**
 * `coe`: the operator's command line (run with `npm run coe -- <command>`).
 * Exit codes: 0 success, 1 the command ran and found a problem (e.g. verify divergences),
 * 2 bad usage or configuration, 3 the store could not be opened or read.
 */
import { Command, CommanderError } from 'commander';
import { terminalSafe } from '@apo/audit';
import { textProblem } from '@apo/engine';
import { CliError } from './cli-context';
import { projectionsCommand } from './projections/projections-command';
import { auditCommand } from './audit/audit-command';
import { importCommand } from './import/import-command';
import { backupCommand, restoreCommand } from './backup/backup-command';
import { privacyCommand } from './privacy-command';

export function buildProgram(): Command {
  const program = new Command('coe')
    .description(
      'APO programme workflow engine: audit the event log, manage read-model projections, import a portfolio, back up and restore the embedded store, erase personal data',
    )
    .option('--data-dir <dir>', 'embedded store directory (default: $DATA_DIR or ./data)')
    .option('--eventstore <connection>', 'EventStoreDB connection string (default: $EVENTSTORE_CONNECTION_STRING when EVENT_STORE=eventstoredb)')
    .showHelpAfterError()
    .exitOverride()
    .hook('preAction', (_program, action) => refuseBadArguments(action));
  program.addCommand(projectionsCommand(program));
  program.addCommand(auditCommand(program));
  program.addCommand(importCommand());
  program.addCommand(backupCommand(program));
  program.addCommand(restoreCommand(program));
  program.addCommand(privacyCommand(program));
  return program;
}

/**
 * The input policy for arguments and option values (docs/input-policy.md): no control character,
 * no unpaired surrogate. The message names the argument and the code point, never echoing it.
 */
function refuseBadArguments(action: Command): void {
  const values: [string, unknown][] = [
    ...action.args.map((a, i) => [`argument ${i + 1}`, a] as [string, unknown]),
    ...Object.entries(action.optsWithGlobals()).map(([k, v]) => [`--${k}`, v] as [string, unknown]),
  ];
  for (const [name, value] of values) {
    const problem = typeof value === 'string' ? textProblem(value, 'short') : undefined;
    if (problem) throw new CliError(`${name} ${problem}`, 2);
  }
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    // A message may quote the log (an unreadable event's bytes): escaped like every other output.
    process.stderr.write(`coe: ${terminalSafe(error instanceof Error ? error.message : String(error), true)}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 3;
  }
}

if (require.main === module) void main();
