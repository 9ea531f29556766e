import { createWriteStream, type WriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import { readInstance, readLogThrough, terminalSafe, writeExport, type ExportFormat } from '@apo/audit';
import { CliError } from '../cli-context';
import { instanceStream, withStore, type AuditOptions } from './audit-context';

export interface ExportOptions extends AuditOptions {
  readonly format: ExportFormat;
  readonly out?: string;
}

/** On a terminal the export is escaped like every other output (`terminalSafe`, tab and newline kept); piped or to a file it is exact. */
function terminalOut(): Transform {
  const escape = new Transform({ decodeStrings: false, transform: (chunk: string, _encoding, done) => done(null, terminalSafe(chunk, true)) });
  escape.pipe(process.stdout, { end: false });
  return escape;
}

/**
 * `coe audit export [id]`: one COE or the whole log as JSON Lines or CSV, streamed to stdout or a
 * file. In the whole log an event the store cannot read is exported as its place and why; one
 * instance holding such an event is a finding (exit 1, see `withStore`).
 */
export async function auditExport(id: string | undefined, options: ExportOptions): Promise<void> {
  const instance = id === undefined ? undefined : instanceStream(id, options);
  let file: WriteStream | undefined;
  if (options.out) {
    file = createWriteStream(options.out);
    await new Promise<void>((resolve, reject) =>
      file?.once('open', () => resolve()).once('error', (e) => reject(new CliError(`--out ${options.out}: ${e.message}`, 2))),
    );
  }
  const terminal = !file && process.stdout.isTTY ? terminalOut() : undefined;
  const out = file ?? terminal ?? process.stdout;
  // A reader that stops early (`| head`) closes the pipe: stop exporting, quietly.
  let closedPipe = false;
  const onError = (error: NodeJS.ErrnoException) => void (closedPipe = error.code === 'EPIPE');
  if (!file) process.stdout.on('error', onError);
  let events = 0;
  try {
    ({ events } = await withStore(options, async (store) =>
      writeExport(instance ? await readInstance(store, instance.streamId, instance.what) : readLogThrough(store), options.format, out),
    ));
  } catch (error) {
    if (!closedPipe) throw error;
  } finally {
    process.stdout.off('error', onError);
  }
  if (terminal) {
    terminal.end();
    await finished(terminal);
  }
  if (file) {
    file.end();
    await finished(file);
    process.stderr.write(`exported ${events} events to ${options.out} (${options.format})\n`);
  }
}
