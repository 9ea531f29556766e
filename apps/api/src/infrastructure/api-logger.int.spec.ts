import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ApiLogger, createApiLog, printToLog, requestLineWriter } from './api-logger';

const dir = mkdtempSync(join(tmpdir(), 'api-logger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the API's log writes to a file while `work` runs, once flushed. */
async function written(nodeEnv: string, work: (log: Logger) => void): Promise<string> {
  const file = join(dir, `${nodeEnv}-${Math.random()}.log`);
  const fd = openSync(file, 'w');
  const log = createApiLog('info', nodeEnv, fd);
  work(log);
  await new Promise<void>((done) => log.flush(() => done()));
  closeSync(fd);
  return readFileSync(file, 'utf8');
}

const request = {
  reqId: 'r-1',
  principal: 'ops-alice',
  method: 'POST',
  route: '/coes/:id/review',
  command: 'startReview',
  status: 200,
  problem: null,
  durationMs: 1.5,
};

describe("the API's log on its output", () => {
  it('development: readable lines, the banner and the request lines in the order they were written', async () => {
    const text = await written('development', (log) => {
      new ApiLogger(log).log('keeping 8 projections', 'ReadModels');
      printToLog(log, '+------+\n| keys |\n+------+\n');
      requestLineWriter(log)(request);
      new ApiLogger(log).error(new Error('disk full'), 'Snapshots');
    });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[ReadModels\] keeping 8 projections$/);
    expect(lines.slice(1, 4)).toEqual(['+------+', '| keys |', '+------+']);
    expect(lines[4]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: POST \/coes\/:id\/review 200 1\.5 ms \(startReview, by ops-alice\)$/);
    expect(lines[5]).toMatch(/ERROR: \[Snapshots\]/);
    // The error keeps its stack.
    expect(text.slice(text.indexOf(lines[5]))).toMatch(/Error: disk full\n\s+at /);
  });

  it('production: JSON lines, one per entry, the request line among them, the error with its stack', async () => {
    const text = await written('production', (log) => {
      new ApiLogger(log).log('keeping 8 projections', 'ReadModels');
      requestLineWriter(log)(request);
      new ApiLogger(log).error(new Error('disk full'), 'Snapshots');
    });
    const entries = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toEqual([
      expect.objectContaining({ level: 30, context: 'ReadModels', msg: 'keeping 8 projections' }),
      expect.objectContaining({ level: 30, msg: 'request', ...request }),
      expect.objectContaining({ level: 50, context: 'Snapshots', err: expect.objectContaining({ stack: expect.stringContaining('Error: disk full') }) }),
    ]);
  });
});
