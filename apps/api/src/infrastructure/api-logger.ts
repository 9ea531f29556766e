import type { LoggerService } from '@nestjs/common';
import { isatty } from 'node:tty';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { LogOutput } from './log-output';
import { requestLineJson, requestLineReadable, type RequestLine } from './request-line';

/**
 * The API's one log: a pino logger that Fastify and Nest (through `ApiLogger`) both write to, and
 * the request lines (logRequests, through `requestLineWriter`). JSON lines, one per entry, except
 * in development, where they are printed readable (pino-pretty's formatting, in this thread, so
 * lines stay in order with the start-up banner, which `printToLog` writes through the same
 * output). `level` is LOG_LEVEL (`silent`: nothing). Written to `fd` in batches, off the request
 * thread (LogOutput); under NODE_ENV=test synchronously through `process.stdout`, where a test
 * reads it.
 */
export function createApiLog(level: string, nodeEnv: string, fd = 1): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  if (nodeEnv === 'test') return pino(options, process.stdout);
  const output = new LogOutput(fd, undefined, (lines) => log.warn({ context: 'Log', dropped: lines }, 'log lines dropped: the output did not keep up'));
  const readable = nodeEnv === 'development';
  const colour = readable && isatty(fd);
  const log = pino(options, readable ? readableOutput(output, colour) : output);
  outputs.set(log, { output, readable, colour });
  return log;
}

/** Text as it is (the start-up banner), after the lines logged so far. */
export function printToLog(log: Logger, text: string): void {
  (outputs.get(log)?.output ?? process.stdout).write(text);
}

/**
 * Writes request lines (logRequests) to the log's output, as the log would write them: a line of
 * a fixed shape, built directly, is a small part of what pino's serialising (and, in development,
 * pino-pretty's parsing it back) cost per request.
 */
export function requestLineWriter(log: Logger): (line: RequestLine) => void {
  const target = outputs.get(log);
  if (target?.readable) return (line) => target.output.write(requestLineReadable(line, new Date(), target.colour));
  const output = target?.output ?? process.stdout;
  return (line) => output.write(requestLineJson(line, new Date()));
}

const outputs = new WeakMap<Logger, { output: LogOutput; readable: boolean; colour: boolean }>();

function readableOutput(output: LogOutput, colorize: boolean): DestinationStream {
  const pretty = prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'context',
    messageFormat: (entry, messageKey) => `${entry.context ? `[${String(entry.context)}] ` : ''}${String(entry[messageKey])}`,
  });
  return { write: (line: string) => output.write(pretty(line)), flush: (done?: () => void) => output.flush(done) } as DestinationStream;
}

/**
 * Nest's start-up chatter (a line per module and per route: ~130 lines) that says nothing an
 * operator acts on; at `info` it goes to `debug`, so the start-up output is the lines that matter.
 */
const BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * Nest's logger over the API's pino log. Nest calls `method(message, ...params, context)`: the
 * context becomes a field, an object message its fields, an Error (or the stack Nest passes to
 * `error`) an `err`.
 */
export class ApiLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    this.write(typeof context === 'string' && BOOT_CONTEXTS.has(context) ? 'debug' : 'info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const last = params[params.length - 1];
    // A stack trace (Nest's `error(message, stack)`) has lines; a context is one word.
    const context = typeof last === 'string' && !last.includes('\n') ? last : undefined;
    const stack = params.find((p): p is string => typeof p === 'string' && p.includes('\n'));
    const fields: Record<string, unknown> = { ...(context === undefined ? {} : { context }), ...(stack === undefined ? {} : { stack }) };
    if (message instanceof Error) fields.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    if (typeof message === 'string') this.pino[level](fields, message);
    else this.pino[level](fields);
  }
}
