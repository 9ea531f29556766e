import { ApiLogger, createApiLog } from './api-logger';

/** The JSON lines `work` writes through Nest's logger over the API's log at `level` (NODE_ENV=test: through process.stdout, as production's but synchronously). */
function linesAt(level: string, work: (logger: ApiLogger) => void): Record<string, unknown>[] {
  const written: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
  try {
    work(new ApiLogger(createApiLog(level, 'test')));
  } finally {
    out.mockRestore();
  }
  return written
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("Nest's logger over the API's pino log", () => {
  it('honours LOG_LEVEL: nothing below it, nothing at all when silent', () => {
    const all = (logger: ApiLogger) => {
      logger.debug('a detail', 'Jobs');
      logger.log('news', 'Jobs');
      logger.warn('a warning', 'Jobs');
      logger.error('a fault', 'Jobs');
    };
    expect(linesAt('warn', all).map((l) => l.msg)).toEqual(['a warning', 'a fault']);
    expect(linesAt('debug', all).map((l) => [l.level, l.msg])).toEqual([
      [20, 'a detail'],
      [30, 'news'],
      [40, 'a warning'],
      [50, 'a fault'],
    ]);
    expect(linesAt('silent', all)).toEqual([]);
  });

  it("puts Nest's line per module and per route at debug", () => {
    const boot = (logger: ApiLogger) => {
      logger.log('Mapped {/coes, GET} route', 'RouterExplorer');
      logger.log('CoeModule dependencies initialized', 'InstanceLoader');
    };
    expect(linesAt('info', boot)).toEqual([]);
    expect(linesAt('debug', boot).map((l) => [l.level, l.context])).toEqual([
      [20, 'RouterExplorer'],
      [20, 'InstanceLoader'],
    ]);
  });

  it('keeps the context, the fields of an object message, and an error with its stack', () => {
    const [fields, failure, stack] = linesAt('info', (logger) => {
      logger.log({ msg: 'store verified', ok: true, events: 12 }, 'StoreVerifier');
      logger.error(new Error('disk full'), 'Snapshots');
      logger.error('unhandled', 'Error: boom\n    at somewhere', 'ExceptionsHandler');
    });
    expect(fields).toMatchObject({ level: 30, context: 'StoreVerifier', msg: 'store verified', ok: true, events: 12 });
    expect(failure).toMatchObject({ level: 50, context: 'Snapshots', err: { message: 'disk full', stack: expect.stringContaining('Error: disk full') } });
    expect(stack).toMatchObject({ context: 'ExceptionsHandler', msg: 'unhandled', stack: 'Error: boom\n    at somewhere' });
  });
});
