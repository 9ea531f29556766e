import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, jsonInputProblems, textProblem, ValidationError, type FieldError } from '@apo/engine';

/** The body is not JSON at all (or not an object): nothing of it can be named field by field. */
export class MalformedBody extends DomainError {
  readonly code = 'MALFORMED_JSON';
  constructor(detail: string) {
    super(detail);
  }
}

/**
 * The request body as JSON under the input policy (docs/input-policy.md), before anything
 * recurses into it: valid UTF-8 (Fastify's parser would turn a bad byte into U+FFFD silently),
 * JSON, then `jsonInputProblems` (depth, lengths, control characters, unpaired surrogates,
 * `__proto__`), each breach named by its field.
 */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) throw new MalformedBody('the body is empty; send a JSON object');
  if (!isUtf8(body)) throw new ValidationError([{ field: 'body', message: `must be valid UTF-8 (first bad byte at offset ${firstBadByte(body)})` }]);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new MalformedBody(`the body is not valid JSON: ${(error as Error).message}`);
  }
  const problems = jsonInputProblems(value);
  if (problems.length > 0) throw new ValidationError(problems);
  return value;
}

/** Where UTF-8 decoding first fails: the longest valid prefix, by halving. */
function firstBadByte(body: Buffer): number {
  let low = 0; // body[0, low) decodes
  let high = body.length; // body[0, high) does not
  while (high - low > 4) {
    const mid = (low + high) >> 1;
    // A cut inside a character is not an error of the input: back up to a character start.
    let cut = mid;
    while (cut > low && (body[cut] & 0xc0) === 0x80) cut--;
    if (cut > low && isUtf8(body.subarray(0, cut))) low = cut;
    else high = mid;
  }
  return low;
}

/**
 * Path parameters and query values under the policy: short text (no control character at all),
 * no unpaired surrogate, at most 2,000 characters, and, for the raw query string, percent-escapes
 * that decode to UTF-8 (fast-querystring keeps a bad escape such as `%FF` as literal text).
 */
export function requestInputProblems(request: Pick<FastifyRequest, 'params' | 'query' | 'url'>): FieldError[] {
  const problems: FieldError[] = [];
  const check = (field: string, value: unknown) => {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== 'string') continue;
      const problem = v.length > 2000 ? 'must be at most 2000 characters' : textProblem(v, 'short');
      if (problem) problems.push({ field, message: problem });
    }
  };
  for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) check(name, value);
  const query = request.url.indexOf('?');
  if (query >= 0) {
    for (const pair of request.url.slice(query + 1).split('&')) {
      const name = pair.split('=', 1)[0];
      try {
        decodeURIComponent(pair.replace(/\+/g, ' '));
      } catch {
        problems.push({ field: safeName(name), message: 'must be percent-encoded UTF-8' });
      }
    }
  }
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    const keyProblem = textProblem(name, 'short');
    if (keyProblem) problems.push({ field: JSON.stringify(name), message: `(a query parameter name) ${keyProblem}` });
    else check(name, value);
  }
  return problems;
}

/** A raw query parameter name fit for an error message (it is echoed to the client). */
const safeName = (raw: string): string => (/^[A-Za-z0-9_.-]{1,64}$/.test(raw) ? raw : 'query');

/** Applies the policy to every request: the JSON body parser, and a check of path and query before any handler. */
export function enforceInputPolicy(fastify: FastifyInstance): void {
  // Commands take JSON only: a text/plain body (Fastify's other built-in parser) is a 415 too.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('preValidation', (request, _reply, done) => {
    const problems = requestInputProblems(request);
    done(problems.length > 0 ? new ValidationError(problems) : undefined);
  });
}
