import { readFileSync } from 'node:fs';
import { auditRegistry, describeDivergence, describeHeadChange, parseSeal, verifyInstance, verifyStore, type Seal, type StoreVerification } from '@apo/audit';
import { CliError } from '../cli-context';
import { instanceStream, print, printJson, withStore, type AuditOptions } from './audit-context';
import { verifyProgress } from './verify-progress';

export interface VerifyOptions extends AuditOptions {
  readonly seal?: string;
  readonly workers?: number;
}

/** `--seal`: a digest, or the path of a seal file written by `coe audit seal --out`. */
function filedSeal(value: string): string | Seal {
  const text = /^[0-9a-fA-F]{64}$/.test(value.trim()) ? value : readSealFile(value);
  try {
    return parseSeal(text);
  } catch (error) {
    throw new CliError(`--seal: ${(error as Error).message}`, 2);
  }
}

function readSealFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`--seal: ${path} is neither a sha256 digest (64 hex characters) nor a readable seal file`, 2);
  }
}

function report(result: StoreVerification, seconds: number): string {
  const rate = seconds > 0 ? Math.round(result.events / seconds) : result.events;
  const threads = result.workers === 0 ? 'in one thread' : `with ${result.workers} worker threads`;
  const lines = [`verified ${result.events} events in ${result.streams} streams ${threads} in ${seconds.toFixed(1)}s (${rate} events/s)`];
  if (result.divergenceCount === 0) lines.push('replay, hash chains and revisions: OK');
  else {
    lines.push(
      `DIVERGENCES: ${result.divergenceCount} in ${result.brokenStreams} streams${result.divergences.length < result.divergenceCount ? ` (first ${result.divergences.length} shown)` : ''}`,
    );
    lines.push(...result.divergences.map((d) => `  ${describeDivergence(d)}`));
  }
  lines.push(`digest now: ${result.digest}`);
  if (result.seal?.matches) lines.push(`seal: matches the filed seal ${result.seal.expected}: nothing was appended or removed since`);
  else if (result.seal) {
    lines.push(`SEAL MISMATCH: filed ${result.seal.expected}, now ${result.seal.actual}: events were appended to or removed from history since the seal`);
    lines.push(...(result.seal.changes ?? []).map((c) => `  ${describeHeadChange(c)}`));
    if (!result.seal.changes) lines.push('  (give the seal file instead of the bare digest to see which streams changed)');
  }
  return lines.join('\n');
}

/** `coe audit verify [id]`: one COE (or, with --programme, another programme's instance), or the whole store in worker threads; exit 1 on any divergence or a broken seal. */
export async function auditVerify(id: string | undefined, options: VerifyOptions): Promise<void> {
  if (id !== undefined && options.seal !== undefined) throw new CliError('--seal covers the whole store: verify without an id', 2);
  const seal = options.seal === undefined ? undefined : filedSeal(options.seal);
  const registry = auditRegistry();
  const ok = await withStore(options, async (store) => {
    if (id !== undefined) {
      const { streamId, what } = instanceStream(id, options);
      const result = await verifyInstance(store, registry, streamId, what);
      if (options.json) printJson({ id, ...result });
      else
        print(
          [
            `${result.streamId}: ${result.events} events, head revision ${result.head.revision}`,
            ...(result.ok ? ['replay, hash chain and revisions: OK'] : result.divergences.map((d) => `  ${describeDivergence(d)}`)),
          ].join('\n'),
        );
      return result.ok;
    }
    const progress = verifyProgress();
    const began = Date.now();
    let result: StoreVerification;
    try {
      result = await verifyStore(store, { registry, workers: options.workers, seal, onProgress: (p) => progress.update(p) });
    } finally {
      progress.stop();
    }
    if (options.json) printJson(result);
    else print(report(result, (Date.now() - began) / 1000));
    return result.ok;
  });
  if (!ok) process.exitCode = 1;
}
