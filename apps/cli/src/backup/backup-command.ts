import { Command, InvalidArgumentError } from 'commander';
import { backupStore, type BackupOptions } from './backup-store';
import { restoreStore, type RestoreOptions } from './restore-store';

const workers = (value: string): number => {
  if (!/^\d{1,3}$/.test(value)) throw new InvalidArgumentError('expected a whole number of worker threads (0: verify in the main thread)');
  return Number(value);
};

const EXIT_CODES =
  '\nExit codes: 0 OK, 1 the copy is damaged or does not verify (nothing replaced), 2 bad usage, 3 the store is held by a running API (or another coe command), or could not be read.';

/** `coe backup --to DIR`: a verified copy of the embedded event store (docs/operations.md, "Backup and restore"). */
export function backupCommand(program: Command): Command {
  return new Command('backup')
    .copyInheritedSettings(program)
    .description("copy the embedded event store (events.sqlite) into a new directory with SQLite's online backup, verify the copy and write its manifest")
    .requiredOption('--to <dir>', 'a new or empty directory for the copy (events.sqlite and backup.json)')
    .option('--workers <n>', 'worker threads verifying the copy (default: one per core; 0: main thread)', workers)
    .option('--json', 'print JSON ({ file, format, createdAt, source, events, streams, digest })')
    .addHelpText(
      'after',
      [
        '',
        'The store is held exclusively by its process: stop the API first.',
        'The transparency signing key (TRANSPARENCY_KEY_FILE) and witness files are not in the backup: copy them',
        'apart, to other media. The read store is not either: it is rebuilt from the log (`coe projections rebuild`).',
        "EventStoreDB is backed up with the vendor's procedure (docs/operations.md).",
        EXIT_CODES,
      ].join('\n'),
    )
    .action(async (_options: unknown, command: Command) => backupStore(command.optsWithGlobals<BackupOptions>()));
}

/** `coe restore --from DIR`: a backup verified, then put in place of the store, the old one kept aside. */
export function restoreCommand(program: Command): Command {
  return new Command('restore')
    .copyInheritedSettings(program)
    .description('verify a backup made by `coe backup` and put it in place of the embedded event store, keeping the old store aside')
    .requiredOption('--from <dir>', 'the backup directory (events.sqlite, and backup.json when made by `coe backup`)')
    .option('--workers <n>', 'worker threads verifying the backup (default: one per core; 0: main thread)', workers)
    .option('--no-rebuild', 'leave the read models as they are (then run `coe projections rebuild` before the API takes writes)')
    .option('--read-database <url>', 'the read models to rebuild (default: $READ_DATABASE_URL, else <data dir>/read.sqlite)')
    .option('--json', 'print JSON ({ restored, from, events, streams, digest, keptAside, readModelsRebuilt })')
    .addHelpText(
      'after',
      [
        '',
        'Stop the API first. The backup is copied beside the store, opened and verified (replay,',
        "hash chains, revisions, and the manifest's event count and digest): only then does it replace the store, which",
        'is renamed events.sqlite.before-restore-<time>. The backup directory is only read.',
        'Then the read models are rebuilt from the restored log (as `coe projections rebuild` does): they may hold events it',
        'no longer has, and would skip new events written at those positions. --no-rebuild leaves them to you.',
        EXIT_CODES,
      ].join('\n'),
    )
    .action(async (_options: unknown, command: Command) => restoreStore(command.optsWithGlobals<RestoreOptions>()));
}
