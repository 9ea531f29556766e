import { writeFileSync } from 'node:fs';
import { sealStore } from '@apo/audit';
import { CliError } from '../cli-context';
import { print, printJson, withStore, type AuditOptions } from './audit-context';

export interface SealOptions extends AuditOptions {
  readonly out?: string;
}

/** `coe audit seal`: the digest over every stream head, to file; `--out` also writes the heads (a seal file). */
export async function auditSeal(options: SealOptions): Promise<void> {
  const seal = await withStore(options, (store) => sealStore(store, new Date().toISOString()));
  if (options.out) {
    try {
      writeFileSync(options.out, `${JSON.stringify(seal, null, 2)}\n`);
    } catch (error) {
      throw new CliError(`--out ${options.out}: ${(error as Error).message}`, 2);
    }
  }
  if (options.json) printJson(seal);
  else print(`${seal.digest}  ${seal.streams} streams, ${seal.events} events, sealed ${seal.sealedAt}${options.out ? `, heads in ${options.out}` : ''}`);
}
