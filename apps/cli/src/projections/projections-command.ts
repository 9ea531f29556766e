import { Command, InvalidArgumentError, Option } from 'commander';
import { readModelNames } from '@apo/projections';
import { printProjectionsStatus, type StatusOptions } from './projections-status';
import { rebuildProjections, type RebuildOptions } from './projections-rebuild';

const names = readModelNames;

const seconds = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of seconds (0 or more)');
  return n;
};

/** `coe projections status|rebuild`: the read models kept from the event log (libs/projections). */
export function projectionsCommand(program: Command): Command {
  const projections = new Command('projections')
    .copyInheritedSettings(program)
    .description('show and rebuild the SQL read models (projections) kept from the event log')
    .addOption(
      new Option(
        '--read-database <url>',
        'read database: postgres://user@host/db[?schema=name], sqlite:<file> or a file path (default: $READ_DATABASE_URL, else <data dir>/read.sqlite, as the API)',
      ),
    )
    .addHelpText('after', `\nProjections: ${names().join(', ')}. See docs/projections.md.`);

  projections
    .command('status')
    .description('per projection: version, checkpoint position, head of the log, lag in events and seconds, rebuilding, failed events (listed below the table)')
    .option('--json', 'print JSON ({ readStore, projections: [...] }) instead of a table')
    .addHelpText('after', '\nLag is counted up to 10,000 events ("10000+": at least that many). Reads only: works beside a running API.')
    .action(async (_options: unknown, command: Command) => printProjectionsStatus(command.optsWithGlobals<StatusOptions>()));

  projections
    .command('rebuild')
    .description('empty one projection (or all) and replay the event log into it, with progress and an ETA')
    .argument('[name]', `projection to rebuild (default: all): ${names().join(', ')}`)
    .option('--wait-timeout <seconds>', 'give up (exit 1) if another runner still holds the projection lease after this long (default: wait)', seconds)
    .addHelpText(
      'after',
      [
        '',
        'Only one runner writes a read store at a time (a lease): while a running API or projector holds it, the',
        'rebuild says so and waits. The other projections keep their place and are brought up to the head too.',
        'Progress counts log positions (events on the embedded store): a bar on a terminal, a line a second otherwise.',
        'An event a projection cannot apply (or the store cannot read) is skipped and the pass goes on; at the end',
        'each one is listed (position, projection, event, error) and the command exits 4.',
      ].join('\n'),
    )
    .action(async (name: string | undefined, _options: unknown, command: Command) => rebuildProjections(name, command.optsWithGlobals<RebuildOptions>()));

  return projections;
}
