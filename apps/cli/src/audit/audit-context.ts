import { NotFound, ValidationError } from '@apo/engine';
import { COE_DEFINITION_NAME } from '@apo/coe';
import { auditRegistry } from '@apo/audit';
import type { EventStore } from '@apo/event-store';
import { streamIdOf } from '@apo/workflow';
import { CliError, openStore, type StoreOptions } from '../cli-context';

export interface AuditOptions extends StoreOptions {
  readonly json?: boolean;
}

/** The COE instance id as its stream id; a malformed id is a usage error (exit 2). */
export function coeStream(id: string): string {
  try {
    return streamIdOf(auditRegistry().latest(COE_DEFINITION_NAME), id);
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(`bad COE id "${id}": ${error.fields.map((f) => f.message).join('; ')}`, 2);
    throw error;
  }
}

/**
 * Opens the configured store, runs `use`, closes it. An unknown instance is a finding (exit 1),
 * bad input a usage error (exit 2); anything else the store threw is exit 3 (see main.ts).
 */
export async function withStore<T>(options: StoreOptions, use: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await openStore(options);
  try {
    return await use(store);
  } catch (error) {
    if (error instanceof NotFound) throw new CliError(error.message, 1);
    if (error instanceof ValidationError) throw new CliError(error.message, 2);
    throw error;
  } finally {
    await store.close();
  }
}

export const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
export const printJson = (value: unknown): void => print(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v), 2));
