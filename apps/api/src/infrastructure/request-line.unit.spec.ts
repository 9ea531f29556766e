import fc from 'fast-check';
import { pino } from 'pino';
import { requestLineJson, requestLineReadable, type RequestLine } from './request-line';

const nullable = (text: fc.Arbitrary<string>) => fc.option(text, { nil: null });
/** Any text a field could hold, control characters, quotes, backslashes and lone surrogates included. */
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const lines: fc.Arbitrary<RequestLine> = fc.record({
  reqId: anyText,
  principal: nullable(anyText),
  method: anyText,
  route: nullable(anyText),
  command: nullable(anyText),
  status: fc.integer({ min: 100, max: 599 }),
  problem: nullable(anyText),
  durationMs: fc.double({ min: 0, max: 1e6, noNaN: true }).map((ms) => Math.round(ms * 10) / 10),
});

/** What pino writes for `log.info(line, 'request')` with the API's log options. */
function pinoLine(line: RequestLine): string {
  let written = '';
  pino({ level: 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, { write: (s: string) => (written += s) }).info(line, 'request');
  return written;
}

describe('the request line', () => {
  it('is one JSON line holding exactly the request fields, whatever they hold', () => {
    fc.assert(
      fc.property(lines, (line) => {
        const text = requestLineJson(line, new Date());
        expect(text.indexOf('\n')).toBe(text.length - 1);
        const { level, time, msg, ...fields } = JSON.parse(text) as Record<string, unknown>;
        expect(fields).toEqual(line);
        expect([level, msg, typeof time]).toEqual([30, 'request', 'string']);
      }),
    );
  });

  it('is the line pino writes for the same entry, field for field and in the same order', () => {
    fc.assert(
      fc.property(lines, (line) => {
        const ours = JSON.parse(requestLineJson(line, new Date())) as Record<string, unknown>;
        const theirs = JSON.parse(pinoLine(line)) as Record<string, unknown>;
        expect(Object.keys(ours)).toEqual(Object.keys(theirs));
        expect({ ...ours, time: undefined }).toEqual({ ...theirs, time: undefined });
      }),
    );
  });

  it('reads as one sentence on one line in development, with the time as pino-pretty prints it', () => {
    const line: RequestLine = {
      reqId: 'r1',
      principal: 'ops-alice',
      method: 'POST',
      route: '/coes/:id/application',
      command: 'submitApplication',
      status: 409,
      problem: 'CONFLICT',
      durationMs: 2.5,
    };
    const at = new Date(2026, 0, 2, 3, 4, 5, 6);
    expect(requestLineReadable(line, at, false)).toBe(
      '[03:04:05.006] INFO: POST /coes/:id/application 409 CONFLICT 2.5 ms (submitApplication, by ops-alice)\n',
    );
    expect(requestLineReadable({ ...line, principal: null, command: null, problem: null }, at, true)).toBe(
      '[03:04:05.006] \u001b[32mINFO\u001b[39m: \u001b[36mPOST /coes/:id/application 409 2.5 ms (-, by anonymous)\u001b[39m\n',
    );
    fc.assert(
      fc.property(lines, fc.boolean(), (generated, colour) => {
        const text = requestLineReadable(generated, new Date(), colour);
        expect(text.split(/[\n\r]/)).toHaveLength(2);
      }),
    );
  });
});
