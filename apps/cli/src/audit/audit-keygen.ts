import { writeFileSync } from 'node:fs';
import { generateNoteKeys, MalformedKeyError } from '@apo/transparency-log';
import { CliError } from '../cli-context';
import { print, printJson } from './audit-context';

export interface KeygenOptions {
  readonly out: string;
  readonly json?: boolean;
}

/**
 * `coe audit keygen <name> --out FILE`: a new Ed25519 signer key for the transparency log's
 * checkpoints (TRANSPARENCY_KEY_FILE), written with mode 0600; never overwrites a file. Prints the
 * verifier key to publish.
 */
export function auditKeygen(name: string, options: KeygenOptions): void {
  let keys: { signerKey: string; verifierKey: string };
  try {
    keys = generateNoteKeys(name);
  } catch (error) {
    if (error instanceof MalformedKeyError) throw new CliError(`bad key name "${name}": ${error.message}`, 2);
    throw error;
  }
  try {
    writeFileSync(options.out, `${keys.signerKey}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'EEXIST' ? `--out ${options.out} exists: refusing to overwrite a key file` : `--out ${options.out}: ${(error as Error).message}`,
      2,
    );
  }
  if (options.json) return printJson({ out: options.out, verifierKey: keys.verifierKey });
  print(
    [
      `wrote the signer key to ${options.out} (mode 0600: keep it secret; TRANSPARENCY_KEY_FILE points at it)`,
      'verifier key (publish it; auditors pass it as --key):',
      keys.verifierKey,
    ].join('\n'),
  );
}
