import { Option } from 'commander';
import { NotFound, ValidationError } from '@apo/engine';
import { auditRegistry, terminalSafe, UnreadableEvent } from '@apo/audit';
import type { EventStore } from '@apo/event-store';
import { PROGRAMMES, programme } from '@apo/programmes';
import { streamIdOf } from '@apo/workflow';
import { CliError, openStore, type StoreOptions } from '../cli-context';

export interface AuditOptions extends StoreOptions {
  readonly json?: boolean;
  /** Which programme an instance id belongs to (`coe`, `bcn`); default `coe`. */
  readonly programme?: string;
}

/** `--programme <key>` on the commands that take an instance id. */
export const programmeOption = () =>
  new Option('--programme <key>', 'the programme the id belongs to (its streams are <key>-<id>)').choices(PROGRAMMES.map((p) => p.key)).default('coe');

/** An instance of the chosen programme: its stream id and how messages name that stream. */
export interface InstanceStream {
  readonly streamId: string;
  /** e.g. "COE stream", "BCN exchange stream". */
  readonly what: string;
}

/** The instance id as its stream id; a malformed id is a usage error (exit 2). */
export function instanceStream(id: string, options: Pick<AuditOptions, 'programme'> = {}): InstanceStream {
  const chosen = programme(options.programme ?? 'coe');
  if (!chosen) throw new CliError(`unknown programme "${options.programme}"; known: ${PROGRAMMES.map((p) => p.key).join(', ')}`, 2);
  try {
    return { streamId: streamIdOf(auditRegistry().latest(chosen.definition), id), what: `${chosen.label} stream` };
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(`bad ${chosen.label} id "${id}": ${error.fields.map((f) => f.message).join('; ')}`, 2);
    throw error;
  }
}

/**
 * Opens the configured store, runs `use`, closes it. An unknown instance or a stored event that no
 * longer parses (what `history`, `at` and `export <id>` cannot show; verify reports it) is a
 * finding (exit 1), bad input a usage error (exit 2); anything else the store threw is exit 3 (see
 * main.ts).
 */
export async function withStore<T>(options: StoreOptions, use: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await openStore(options);
  try {
    return await use(store);
  } catch (error) {
    if (error instanceof NotFound) throw new CliError(error.message, 1);
    if (error instanceof UnreadableEvent) throw new CliError(`${error.message}; \`coe audit verify\` reports every such event`, 1);
    if (error instanceof ValidationError) throw new CliError(error.message, 2);
    throw error;
  } finally {
    await store.close();
  }
}

/** Prints to stdout, `terminalSafe` (tab and newline kept): whatever a printer forgot to escape cannot drive the terminal. */
export const print = (text: string): void => void process.stdout.write(terminalSafe(text.endsWith('\n') ? text : `${text}\n`, true));
/** JSON.stringify escapes C0 controls and lone surrogates but leaves DEL and C1 raw: `print` escapes them, the JSON keeps its value. */
export const printJson = (value: unknown): void => print(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v), 2));
