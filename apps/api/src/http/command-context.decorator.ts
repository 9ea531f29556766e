import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ValidationError } from '@apo/engine';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { CommandContext } from './execute-workflow.command';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** Principal, If-Match (expected revision), Idempotency-Key and correlation id of a request. */
export const CommandCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const problems: { field: string; message: string }[] = [];
  const ifMatch = header('if-match');
  let expectedRevision: number | undefined;
  if (ifMatch !== undefined) {
    const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(ifMatch);
    if (m) expectedRevision = Number(m[1]);
    else problems.push({ field: 'If-Match', message: 'must be a revision number, e.g. "3"' });
  }
  const idempotencyKey = header('idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    problems.push({ field: 'Idempotency-Key', message: 'must be 1-200 letters, digits or . _ : -' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  if (!request.principal) throw new Error('CommandCtx used on a route without authentication');
  return { principal: request.principal, expectedRevision, idempotencyKey, correlationId: String(request.id) };
});
