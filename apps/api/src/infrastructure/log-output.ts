import { write, writeSync } from 'node:fs';

export interface LogOutputLimits {
  /** Text is written once this much is waiting (a write per ~60 request lines under load: each write is a hop to libuv's pool and back)... */
  readonly batchChars: number;
  /** ...or this long after the first line that is waiting (light traffic). */
  readonly delayMs: number;
  /** Beyond this much waiting (the reader of the output does not keep up), lines are dropped and counted. */
  readonly maxPendingChars: number;
}

export const DEFAULT_LIMITS: LogOutputLimits = { batchChars: 16_384, delayMs: 100, maxPendingChars: 1 << 20 };

/** How long the last write at exit waits for a full pipe before it gives up (a reader that never reads). */
const EXIT_WAIT_MS = 1000;

/**
 * The log's way out: lines are appended to a string in the request's thread and written to a file
 * descriptor in batches, off the thread (libuv's pool; one write at a time, so in order). A line
 * never waits for the reader and never throws: a full pipe holds the text back (up to
 * `maxPendingChars`, then lines are dropped and `onDropped` told how many once they flow again), a
 * closed one (EPIPE) or another write error ends the output silently. At process exit (a clean stop
 * ends in `process.exit`) what is waiting is written synchronously (a write already in the pool is
 * not waited for); SIGKILL loses what is waiting: at most a batch or `delayMs` of lines.
 */
export class LogOutput {
  private pending = '';
  private writing = false;
  private timer: NodeJS.Timeout | undefined;
  private dropped = 0;
  private broken = false;
  /** Callers of `flush`, told when everything written before it is out. */
  private flushed: (() => void)[] = [];

  constructor(
    private readonly fd: number,
    private readonly limits: LogOutputLimits = DEFAULT_LIMITS,
    private readonly onDropped: (lines: number) => void = () => undefined,
  ) {
    const ref = new WeakRef(this);
    flushedAtExit.add(ref);
    forgotten.register(this, ref);
  }

  write(text: string): void {
    if (this.broken) return;
    if (this.pending.length + text.length > this.limits.maxPendingChars) {
      this.dropped++;
      return;
    }
    this.pending += text;
    if (this.writing) return;
    if (this.pending.length >= this.limits.batchChars) this.writeOut();
    else this.timer ??= setTimeout(this.writeLater, this.limits.delayMs).unref();
  }

  /** Writes what is waiting now, and calls `done` once it is out (pino's `logger.flush`). */
  flush(done: () => void = () => undefined): void {
    if (this.broken || (!this.writing && this.pending === '')) return done();
    this.flushed.push(done);
    this.writeOut();
  }

  /** What is waiting, written now (process exit). */
  flushSync(): void {
    if (this.broken || this.pending === '') return;
    let chunk = Buffer.from(this.pending);
    this.pending = '';
    const giveUpAt = Date.now() + EXIT_WAIT_MS;
    while (chunk.length > 0) {
      try {
        chunk = chunk.subarray(writeSync(this.fd, chunk));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > giveUpAt) return;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      }
    }
  }

  private readonly writeLater = (): void => {
    this.timer = undefined;
    this.writeOut();
  };

  private writeOut(): void {
    if (this.writing || this.pending === '') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const chunk = Buffer.from(this.pending);
    this.pending = '';
    this.writing = true;
    this.send(chunk);
  }

  private send(chunk: Buffer): void {
    write(this.fd, chunk, 0, chunk.length, null, (error, written) => {
      if (error?.code === 'EAGAIN') {
        setTimeout(() => this.send(chunk), 10).unref();
        return;
      }
      if (error) return this.fail();
      if (written < chunk.length) return this.send(chunk.subarray(written));
      this.writing = false;
      if (this.pending.length >= this.limits.batchChars || (this.pending !== '' && this.flushed.length > 0)) this.writeOut();
      else if (this.pending !== '') this.timer ??= setTimeout(this.writeLater, this.limits.delayMs).unref();
      else this.tellFlushed();
      // Last: the notice is a log line, written through this output.
      if (this.dropped > 0) {
        const lines = this.dropped;
        this.dropped = 0;
        this.onDropped(lines);
      }
    });
  }

  /** A closed or failing output (EPIPE, EBADF...): the log goes nowhere rather than into the requests. */
  private fail(): void {
    this.broken = true;
    this.writing = false;
    this.pending = '';
    if (this.timer) clearTimeout(this.timer);
    this.tellFlushed();
  }

  private tellFlushed(): void {
    const waiting = this.flushed;
    this.flushed = [];
    for (const done of waiting) done();
  }
}

/** Every output alive, written out when the process exits (weakly held: a test's outputs are collected). */
const flushedAtExit = new Set<WeakRef<LogOutput>>();
const forgotten = new FinalizationRegistry<WeakRef<LogOutput>>((ref) => flushedAtExit.delete(ref));
process.on('exit', () => {
  for (const ref of flushedAtExit) ref.deref()?.flushSync();
});
