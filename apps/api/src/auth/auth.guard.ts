import { CanActivate, ExecutionContext, ForbiddenException, HttpException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiEnvironment } from '../config/api-config';
import { MemoReflector } from '../http/memo-reflector';
import { SlidingWindowThrottlerStorage } from '../http/sliding-window-throttler-storage';
import { ApiKeyRing, type Principal, type Role } from './api-keys';
import { METRICS_ROUTE, PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

const MINUTE = 60_000;
const FAILURES = 'auth-failures';

/** Too many failed authentications from one address: refused before any key is looked at. */
export class AuthRateLimited extends HttpException {
  constructor() {
    super('too many failed authentications from this address; retry in a minute', 429);
  }
}

/**
 * Bearer API key -> principal, then the route's roles. A route without roles is refused (fail
 * closed). Failed authentications are counted per address (AUTH_FAILURES_PER_MINUTE, apart from
 * the request rate limit): past the limit the address gets 429 until its failures age out, so
 * keys cannot be guessed at request speed. /metrics is public only with METRICS_PUBLIC=true.
 * A route's roles and public marks are read once per route (MemoReflector).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly failures = new SlidingWindowThrottlerStorage();
  private readonly reflector = new MemoReflector();

  constructor(
    private readonly keys: ApiKeyRing,
    private readonly env: ApiEnvironment,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (this.env.METRICS_PUBLIC && this.reflector.getAllAndOverride<boolean>(METRICS_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const address = request.ip;
    if (this.failures.estimate(address, MINUTE, FAILURES) >= this.env.AUTH_FAILURES_PER_MINUTE) throw new AuthRateLimited();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match ? this.keys.authenticate(match[1]) : undefined;
    if (!principal) {
      // A key that was sent and is unknown is a guess; no key at all is not.
      if (match) void this.failures.increment(address, MINUTE, Number.MAX_SAFE_INTEGER, 0, FAILURES); // counts synchronously
      throw new UnauthorizedException(match ? 'unknown API key' : 'missing bearer API key');
    }
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`role ${principal.role} may not call this route; allowed: ${roles.join(', ') || 'none'}`);
    }
    return true;
  }
}
