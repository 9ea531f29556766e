import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LogOutput } from './log-output';

const REPO = resolve(__dirname, '../../../..');
const dir = mkdtempSync(join(tmpdir(), 'log-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const flushed = (output: LogOutput) => new Promise<void>((done) => output.flush(done));
const numbered = (count: number, width = 20) => Array.from({ length: count }, (_, i) => `line ${String(i).padStart(width - 6, '0')}\n`);

/** A named pipe: its read end (not read until the test says) and its write end. */
function pipe(name: string): { reader: number; writer: number } {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  return { reader, writer: openSync(path, constants.O_WRONLY) };
}

function drain(fd: number): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1 << 16);
  for (;;) {
    try {
      const n = readSync(fd, buffer);
      if (n === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    } catch {
      break;
    }
  }
  return Buffer.concat(chunks).toString();
}

describe('the log output', () => {
  it('writes every line, in order, in batches, and flush writes what waits for its batch', async () => {
    const file = join(dir, 'order.log');
    const fd = openSync(file, 'w');
    const output = new LogOutput(fd, { batchChars: 1000, delayMs: 60_000, maxPendingChars: 1 << 20 });
    output.write('first\n');
    expect(readFileSync(file, 'utf8')).toBe('');
    const lines = numbered(500);
    for (const line of lines) output.write(line);
    await flushed(output);
    expect(readFileSync(file, 'utf8')).toBe(['first\n', ...lines].join(''));
    closeSync(fd);
  });

  it('never blocks on a reader that does not read: it keeps a bounded amount, drops the rest and says how many once lines flow', async () => {
    const { reader, writer } = pipe('slow');
    const dropped: number[] = [];
    const output = new LogOutput(writer, { batchChars: 100, delayMs: 1, maxPendingChars: 100_000 }, (lines) => dropped.push(lines));
    // Far more than the pipe holds (64 KiB) and than the output keeps: a blocking write would hang here.
    const lines = numbered(20_000);
    for (const line of lines) output.write(line);
    let read = '';
    let finished = false;
    const done = flushed(output).then(() => (finished = true));
    while (!finished) {
      read += drain(reader);
      await new Promise((r) => setTimeout(r, 5));
    }
    await done;
    read += drain(reader);
    const kept = read.split('\n').filter(Boolean).length;
    // What was kept is the start of the log, in order, nothing cut, no more than the bound; the rest was counted.
    expect(read).toBe(lines.slice(0, kept).join(''));
    expect(read.length).toBeGreaterThan(1 << 16);
    expect(read.length).toBeLessThanOrEqual(100_000 + 100);
    expect(dropped).toEqual([lines.length - kept]);
    closeSync(writer);
    closeSync(reader);
  });

  it('goes quiet when its reader is gone (EPIPE): no throw, no crash, no more writes', async () => {
    const { reader, writer } = pipe('closed');
    closeSync(reader);
    const output = new LogOutput(writer, { batchChars: 1, delayMs: 1, maxPendingChars: 1000 });
    expect(() => output.write('nobody reads this\n')).not.toThrow();
    await flushed(output);
    expect(() => output.write('nor this\n')).not.toThrow();
    await flushed(output);
    closeSync(writer);
  });

  it('writes what waits when the process exits', () => {
    const script = `
      const { LogOutput } = require('./apps/api/src/infrastructure/log-output.ts');
      const output = new LogOutput(1, { batchChars: 1 << 20, delayMs: 60_000, maxPendingChars: 1 << 21 });
      for (let i = 0; i < 1000; i++) output.write('line ' + i + '\\n');
      process.exit(0);`;
    const child = spawnSync(process.execPath, ['-r', join(REPO, 'tools/register.js'), '-e', script], { cwd: REPO, encoding: 'utf8' });
    expect(child.status).toBe(0);
    expect(child.stdout).toBe(Array.from({ length: 1000 }, (_, i) => `line ${i}\n`).join(''));
  });
});
