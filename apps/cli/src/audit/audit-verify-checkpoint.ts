import { readFileSync } from 'node:fs';
import { checkStoreAgainstCheckpoints } from '@apo/audit';
import { storedLeaves, type TransparencyLogReader } from '@apo/shared-read-models';
import { parseCheckpoint, parseNote, parseVerifierKey } from '@apo/transparency-log';
import { CliError } from '../cli-context';
import type { ReadDatabaseOptions } from '../projections/read-database';
import { print, printJson, type AuditOptions } from './audit-context';
import { withTransparencyLog } from './audit-transparency';

export interface VerifyCheckpointOptions extends AuditOptions, ReadDatabaseOptions {
  readonly checkpoint: string;
  readonly key?: readonly string[];
}

/** The note file an auditor kept: readable, and a signed note whose text is a checkpoint (else bad usage, exit 2). */
function readCheckpointFile(file: string): { note: string; origin: string; size: number } {
  let note: string;
  try {
    // An editor or `echo` may add or drop the final newline: the signed note ends with exactly one.
    note = readFileSync(file, 'utf8').replace(/\n*$/, '\n');
  } catch (error) {
    throw new CliError(`--checkpoint ${file}: ${(error as Error).message}`, 2);
  }
  try {
    const { origin, size } = parseCheckpoint(parseNote(note).text);
    return { note, origin, size };
  } catch (error) {
    throw new CliError(`--checkpoint ${file} is not a signed checkpoint note: ${(error as Error).message}`, 2);
  }
}

/** Every `--key`, each a verifier key (`name+hash+base64`), else bad usage naming the one that is not. */
function givenKeys(keys: readonly string[]): string[] {
  return keys.map((key, i) => {
    try {
      parseVerifierKey(key);
      return key;
    } catch (error) {
      throw new CliError(`--key ${i + 1} is not a verifier key (name+hash+base64): ${(error as Error).message}`, 2);
    }
  });
}

/** The distinct verifier keys of every stored checkpoint row (how the log says it signed). */
async function storedKeys(reader: TransparencyLogReader): Promise<string[]> {
  const keys = new Set<string>();
  for (let after: number | undefined; ; ) {
    const page = await reader.checkpoints({ after, limit: 500 });
    page.forEach((c) => keys.add(c.verifierKey));
    if (page.length < 500) return [...keys];
    after = page[page.length - 1].treeSize;
  }
}

/**
 * `coe audit verify --checkpoint FILE [--key K ...]`: holds the log to a checkpoint an auditor
 * kept. Its signature must verify with a given key (default: the keys of the stored checkpoint
 * rows, which the output says is the log's own word); then the log's first n leaves must give its
 * root, and a difference is named (truncation, deleted stream, rewritten tail, with leaf and
 * position) from the stored leaves. Exit 1 on any finding.
 */
export async function auditVerifyCheckpoint(options: VerifyCheckpointOptions): Promise<void> {
  const file = readCheckpointFile(options.checkpoint);
  const keysGiven = options.key !== undefined && options.key.length > 0;
  const given = keysGiven ? givenKeys(options.key ?? []) : [];
  const { report, keys } = await withTransparencyLog(options, async (store, reader, readStore) => {
    const own = await reader.latestCheckpoint();
    if (own && own.origin !== file.origin)
      throw new CliError(`--checkpoint ${options.checkpoint} is a checkpoint of log "${file.origin}", this log signs as "${own.origin}"`, 1);
    const keys = keysGiven ? given : await storedKeys(reader);
    if (keys.length === 0)
      throw new CliError("no --key given and the read store holds no signed checkpoint to take a key from: give the log's verifier key with --key", 2);
    const report = await checkStoreAgainstCheckpoints(store, {
      checkpoints: [{ note: file.note, verifierKeys: keys, origin: file.origin, source: options.checkpoint }],
      storedLeaves: (n) => storedLeaves(readStore.db, n),
    });
    return { report, keys };
  });
  const ok = report.findings.length === 0;
  if (options.json) printJson({ ok, checkpoint: options.checkpoint, treeSize: file.size, keys, keysFrom: keysGiven ? 'option' : 'read-store', ...report });
  else
    print(
      [
        keysGiven
          ? `signature checked with the ${keys.length} given key(s)`
          : `no --key: the signature is checked with the ${keys.length} verifier key(s) of the stored checkpoints (the log's own word; give --key for an independent check): ${keys.join(', ')}`,
        ok
          ? `the log holds checkpoint ${file.size} (${file.origin}): its first ${file.size} leaves give the signed root; ${report.leavesRead} leaves read`
          : `FINDINGS: ${report.findings.length}`,
        ...report.findings.map((f) => `  ${f.kind}: ${f.summary}`),
      ].join('\n'),
    );
  if (!ok) process.exitCode = 1;
}
