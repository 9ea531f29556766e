import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug'];

/**
 * Nest's start-up chatter (a line per module and per route: ~130 lines) that says nothing an
 * operator acts on; at `info` it goes to `debug`, so the start-up output is the lines that matter.
 */
const BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** The API's JSON logger at `LOG_LEVEL` (`info` is Nest's `log`; `silent`: nothing). */
export class ApiLogger extends ConsoleLogger {
  constructor(level: string) {
    super({ json: true, logLevels: level === 'silent' ? [] : LEVELS.slice(0, LEVELS.indexOf(level === 'info' ? 'log' : (level as LogLevel)) + 1) });
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && BOOT_CONTEXTS.has(context)) super.debug(message, ...rest);
    else super.log(message, ...rest);
  }
}
