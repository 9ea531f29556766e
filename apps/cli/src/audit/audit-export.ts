import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { readInstance, writeExport, type ExportFormat } from '@apo/audit';
import { CliError } from '../cli-context';
import { instanceStream, withStore, type AuditOptions } from './audit-context';

export interface ExportOptions extends AuditOptions {
  readonly format: ExportFormat;
  readonly out?: string;
}

/** `coe audit export [id]`: one COE or the whole log as JSON Lines or CSV, streamed to stdout or a file. */
export async function auditExport(id: string | undefined, options: ExportOptions): Promise<void> {
  const instance = id === undefined ? undefined : instanceStream(id, options);
  let file: WriteStream | undefined;
  if (options.out) {
    file = createWriteStream(options.out);
    await new Promise<void>((resolve, reject) => file?.once('open', () => resolve()).once('error', (e) => reject(new CliError(`--out ${options.out}: ${e.message}`, 2))));
  }
  const out = file ?? process.stdout;
  // A reader that stops early (`| head`) closes the pipe: stop exporting, quietly.
  let closedPipe = false;
  const onError = (error: NodeJS.ErrnoException) => void (closedPipe = error.code === 'EPIPE');
  if (!file) process.stdout.on('error', onError);
  let events = 0;
  try {
    ({ events } = await withStore(options, async (store) => writeExport(instance ? await readInstance(store, instance.streamId, instance.what) : store.readAll(), options.format, out)));
  } catch (error) {
    if (!closedPipe) throw error;
  } finally {
    process.stdout.off('error', onError);
  }
  if (file) {
    file.end();
    await finished(file);
    process.stderr.write(`exported ${events} events to ${options.out} (${options.format})\n`);
  }
}
