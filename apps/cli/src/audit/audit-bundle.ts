import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { auditRegistry, instanceEvidence } from '@apo/audit';
import { CliError } from '../cli-context';
import type { ReadDatabaseOptions } from '../projections/read-database';
import { instanceStream, print, printJson, type AuditOptions } from './audit-context';
import { shellWord, verifierScript, withTransparencyLog } from './audit-transparency';

export interface BundleOptions extends AuditOptions, ReadDatabaseOptions {
  readonly out: string;
  readonly treeSize?: number;
}

/**
 * `coe audit bundle <id> --out FILE`: the instance's evidence bundle (apo-evidence-bundle/1: its
 * events, their inclusion proofs, the signed checkpoint and its verifier key), then where the
 * offline verifier is and the exact command an auditor runs. Exit 1 when an event is not in a
 * signed checkpoint yet.
 */
export async function auditBundle(id: string, options: BundleOptions): Promise<void> {
  const { streamId, what } = instanceStream(id, options);
  const programme = options.programme ?? 'coe';
  const bundle = await withTransparencyLog(options, (store, reader) =>
    instanceEvidence(store, reader, { programme, id, streamId, what, treeSize: options.treeSize, createdAt: new Date().toISOString() }, auditRegistry()),
  );
  try {
    writeFileSync(options.out, `${JSON.stringify(bundle, null, 2)}\n`);
  } catch (error) {
    throw new CliError(`--out ${options.out}: ${(error as Error).message}`, 2);
  }
  const script = verifierScript();
  const scriptWord = script ?? 'verify-bundle.mjs';
  const command = `node ${shellWord(scriptWord)} ${shellWord(resolve(options.out))} --key ${shellWord(bundle.verifierKey)}`;
  const checkpointSize = bundle.checkpoint.split('\n')[1];
  if (options.json)
    return printJson({
      out: resolve(options.out),
      streamId,
      events: bundle.events.length,
      treeSize: Number(checkpointSize),
      verifierKey: bundle.verifierKey,
      verifier: script ?? null,
      command,
    });
  print(
    [
      `wrote ${options.out}: ${bundle.events.length} events of ${streamId}, proved in the signed checkpoint of ${checkpointSize} leaves (${bundle.origin})`,
      `offline verifier: ${script ?? 'tools/audit/verify-bundle.mjs of the source distribution (not in this install)'}`,
      'an auditor runs (Node.js 18+, nothing else):',
      `  ${command}`,
      `the --key above is the one that signed this checkpoint; an auditor should take it from the Secretariat's published key list, not from this output`,
    ].join('\n'),
  );
}
