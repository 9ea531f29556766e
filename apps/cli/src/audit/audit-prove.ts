import { proveConsistency, proveEvent } from '@apo/audit';
import { CliError } from '../cli-context';
import type { ReadDatabaseOptions } from '../projections/read-database';
import { instanceStream, print, printJson, type AuditOptions } from './audit-context';
import { withTransparencyLog } from './audit-transparency';

export interface ProveOptions extends AuditOptions, ReadDatabaseOptions {
  readonly treeSize?: number;
}

/** The checkpoint note indented under a heading, so it reads apart from the proof. */
const noteLines = (note: string): string[] =>
  note
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`));

/**
 * `coe audit prove <id> <revision>`: the inclusion proof of one event in the latest (or the
 * `--tree-size`) signed checkpoint, verified against the signed root before it is printed. Exit 1
 * when the event is not in a signed checkpoint yet, or the proof does not verify.
 */
export async function auditProve(id: string, revision: number, options: ProveOptions): Promise<void> {
  const { streamId, what } = instanceStream(id, options);
  const evidence = await withTransparencyLog(options, (store, reader) => proveEvent(store, reader, streamId, revision, { treeSize: options.treeSize, what }));
  if (options.json) return printJson({ verified: true, ...evidence });
  print(
    [
      `${evidence.streamId}@${evidence.revision} (event ${evidence.eventId}) is leaf ${evidence.leafIndex} of the signed checkpoint of ${evidence.treeSize} leaves: VERIFIED`,
      `leaf hash: ${evidence.leafHash}`,
      `root:      ${evidence.rootHash}`,
      `proof (${evidence.proof.length} hashes, from the leaf's sibling up):`,
      ...evidence.proof.map((hash, i) => `  ${i}: ${hash}`),
      `checkpoint (signed by ${evidence.verifierKey}):`,
      ...noteLines(evidence.checkpoint),
    ].join('\n'),
  );
}

/**
 * `coe audit consistency <old-size> <new-size>`: the consistency proof between two stored signed
 * checkpoints, verified against both signed roots before it is printed: the log of the newer one
 * extends the older one, nothing rewritten.
 */
export async function auditConsistency(oldSize: number, newSize: number, options: ProveOptions): Promise<void> {
  if (oldSize > newSize) throw new CliError(`<old-size> ${oldSize} is larger than <new-size> ${newSize}`, 2);
  const evidence = await withTransparencyLog(options, (_store, reader) => proveConsistency(reader, oldSize, newSize));
  if (options.json) return printJson({ verified: true, ...evidence });
  print(
    [
      `the checkpoint of ${evidence.newSize} leaves extends the checkpoint of ${evidence.oldSize} leaves: VERIFIED`,
      `old root: ${evidence.oldRoot}`,
      `new root: ${evidence.newRoot}`,
      `proof (${evidence.proof.length} hashes):`,
      ...evidence.proof.map((hash, i) => `  ${i}: ${hash}`),
      'old checkpoint:',
      ...noteLines(evidence.oldCheckpoint),
      'new checkpoint:',
      ...noteLines(evidence.newCheckpoint),
    ].join('\n'),
  );
}
