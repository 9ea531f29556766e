import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { NotFound, systemClock, ValidationError } from '@apo/engine';
import type { PersonalData } from '@apo/personal-data';
import { ConfigError, loadEnvironment, openPersonalData, StoreEnvironment } from '@apo/runtime';
import { erasePersonalData, subjectAccessReport, WorkflowService } from '@apo/workflow';
import { CliError, openStore, registry, type StoreOptions } from './cli-context';

interface PrivacyOptions extends StoreOptions {
  readonly reason?: string;
  readonly json?: boolean;
}

/** `coe privacy`: the data subjects' rights (docs/privacy.md). */
export function privacyCommand(program: Command): Command {
  const privacy = new Command('privacy')
    .copyInheritedSettings(program)
    .description('personal data: erase a data subject’s data for good, or report everything held about them');
  privacy
    .command('erase')
    .description('record the erasure in the log (who, when, why), then destroy the subject’s key: their sealed fields read as erased everywhere, for good')
    .argument('<subject>', 'the subject id (a participant’s personId)')
    .requiredOption('--reason <text>', 'why: the request behind it (recorded; never the data itself)')
    .option('--json', 'print the erasure as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 erased (or erased before: the first erasure is printed), 2 bad usage or no such subject, 3 a store could not be opened.',
    )
    .action(async (subject: string, _o: unknown, command: Command) => runErase(subject, command.optsWithGlobals<PrivacyOptions>()));
  privacy
    .command('report')
    .description('subject-access report: every personal value of the subject in the log (opened, or erased), the key’s and the erasure’s records, as JSON')
    .argument('<subject>', 'the subject id (a participant’s personId)')
    .action(async (subject: string, _o: unknown, command: Command) => runReport(subject, command.optsWithGlobals<PrivacyOptions>()));
  return privacy;
}

async function runErase(subject: string, options: PrivacyOptions): Promise<void> {
  await withStores(options, async (store, personal) => {
    const workflow = new WorkflowService(store, registry(), systemClock, { personalData: personal });
    const erased = await erasePersonalData(
      { workflow, store, personal },
      { subject, reason: options.reason as string, actor: { id: `cli:${userInfo().username}`, role: 'admin' } },
    );
    if (options.json) process.stdout.write(`${JSON.stringify(erased, null, 2)}\n`);
    else
      process.stdout.write(
        `${erased.erasedNow ? 'erased' : 'already erased'}: ${erased.subject} on ${erased.erasedAt} by ${erased.by} (log position ${erased.position})\n`,
      );
  });
}

async function runReport(subject: string, options: PrivacyOptions): Promise<void> {
  await withStores(options, async (store, personal) => {
    const personalTypes = [
      ...new Set(
        registry()
          .all()
          .flatMap((d) => Object.keys(d.personalData ?? {})),
      ),
    ];
    process.stdout.write(`${JSON.stringify(await subjectAccessReport({ store, personal, personalTypes }, subject), null, 2)}\n`);
  });
}

/** The event store and the key store (PERSONAL_KEYS_URL, or beside the store as the API finds it); refusals as CLI errors. */
async function withStores(
  options: PrivacyOptions,
  work: (store: Awaited<ReturnType<typeof openStore>>, personal: PersonalData) => Promise<void>,
): Promise<void> {
  let env: StoreEnvironment;
  try {
    env = loadEnvironment(StoreEnvironment, { ...process.env, DATA_DIR: resolve(options.dataDir ?? process.env.DATA_DIR ?? 'data') } as Record<string, string>);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  const store = await openStore(options);
  let personal: PersonalData | undefined;
  try {
    personal = await openPersonalData(env);
    await work(store, personal);
  } catch (error) {
    if (error instanceof NotFound) throw new CliError(`no personal data was ever held for this subject (${error.message})`, 2);
    if (error instanceof ValidationError) throw new CliError(error.message, 2);
    throw error;
  } finally {
    await personal?.keys.close();
    await store.close();
  }
}
