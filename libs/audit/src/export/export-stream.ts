import type { Writable } from 'node:stream';
import type { StoredItem } from '../read-through';
import { csvHeader, toCsvRow, toJsonLine, type ExportFormat } from './export-format';

/** Text chunks of about this many characters: one write per chunk, not per event. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The export as text chunks, pulled from `events` as they are consumed: memory holds one chunk,
 * whatever the size of the log. Stopping the iteration (a closed HTTP response) stops the read.
 */
export async function* exportChunks(events: AsyncIterable<StoredItem> | Iterable<StoredItem>, format: ExportFormat): AsyncGenerator<string> {
  const line = format === 'csv' ? toCsvRow : toJsonLine;
  let chunk = format === 'csv' ? csvHeader() : '';
  for await (const event of events) {
    chunk += line(event);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

export interface ExportResult {
  readonly events: number;
}

/** Writes the export to `out`, waiting for 'drain' whenever it is full (backpressure); does not end it. */
export async function writeExport(events: AsyncIterable<StoredItem> | Iterable<StoredItem>, format: ExportFormat, out: Writable): Promise<ExportResult> {
  let count = 0;
  async function* counted() {
    for await (const event of events) {
      count++;
      yield event;
    }
  }
  for await (const chunk of exportChunks(counted(), format)) {
    if (out.destroyed) throw new Error('export: the output was closed before the end');
    if (!out.write(chunk)) await drained(out);
  }
  return { events: count };
}

/** Resolves when `out` can take more (or closed: the caller then stops); rejects on its error. */
function drained(out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', ok).off('close', ok).off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const ok = () => done();
    out.once('drain', ok).once('close', ok).once('error', done);
  });
}
