import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../auth/auth.guard';

/**
 * @nestjs/throttler's guard, counting per client across every route (the package counts per
 * route, so a client had the budget once per route: ~60 times the configured one). The client is
 * the authenticated principal (the AuthGuard runs first), or the address for public routes. Keys
 * are plain strings: the package hashes them with SHA-256 on every request, which only matters
 * for shared storages (Redis) with key-length limits; SlidingWindowThrottlerStorage keeps a Map.
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal, ip } = request as unknown as AuthenticatedRequest;
    return Promise.resolve(principal ? `principal:${principal.id}` : `ip:${ip}`);
  }

  protected override generateKey(_context: ExecutionContext, suffix: string, name: string): string {
    return `${name}-${suffix}`;
  }
}
