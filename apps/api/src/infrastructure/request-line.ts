/** One answered request, as its log line says it (logRequests): the shape is fixed. */
export interface RequestLine {
  reqId: string;
  principal: string | null;
  method: string;
  route: string | null;
  command: string | null;
  status: number;
  problem: string | null;
  durationMs: number;
}

/**
 * The line as pino would write it (`log.info(line, 'request')` with the API's options: level,
 * ISO time, the fields in order, msg last), built directly: JSON.stringify escapes every string,
 * so a line is one line whatever a field holds.
 */
export function requestLineJson(line: RequestLine, now: Date): string {
  return (
    `{"level":30,"time":"${now.toISOString()}","reqId":${JSON.stringify(line.reqId)},"principal":${text(line.principal)},` +
    `"method":${JSON.stringify(line.method)},"route":${text(line.route)},"command":${text(line.command)},"status":${number(line.status)},` +
    `"problem":${text(line.problem)},"durationMs":${number(line.durationMs)},"msg":"request"}\n`
  );
}

/**
 * The line as pino-pretty prints the API's development log (`[HH:MM:ss.l] INFO: message`, local
 * time, coloured on a terminal), with the request's fields in one sentence; control characters in
 * a field are escaped, so a line is one line.
 */
export function requestLineReadable(line: RequestLine, now: Date, colour: boolean): string {
  const message =
    `${printable(line.method)} ${printable(line.route)} ${line.status}${line.problem ? ` ${printable(line.problem)}` : ''} ${line.durationMs} ms ` +
    `(${printable(line.command ?? '-')}, by ${printable(line.principal ?? 'anonymous')})`;
  const time = `${pad(now.getHours(), 2)}:${pad(now.getMinutes(), 2)}:${pad(now.getSeconds(), 2)}.${pad(now.getMilliseconds(), 3)}`;
  return colour ? `[${time}] \u001b[32mINFO\u001b[39m: \u001b[36m${message}\u001b[39m\n` : `[${time}] INFO: ${message}\n`;
}

const text = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));
const number = (value: number): string => (Number.isFinite(value) ? String(value) : 'null');
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/;
const printable = (value: string | null): string => {
  const s = String(value);
  return CONTROL.test(s) ? JSON.stringify(s).slice(1, -1) : s;
};
