import { Injectable, type ExecutionContext } from '@nestjs/common';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { MemoReflector } from './memo-reflector';

/**
 * @nestjs/throttler's guard, counting per client across every route (the package counts per
 * route, so a client had the budget once per route: ~60 times the configured one). The client is
 * the authenticated principal (the AuthGuard runs first), or the address for public routes. Keys
 * are plain strings: the package hashes them with SHA-256 on every request, which only matters
 * for shared storages (Redis) with key-length limits; SlidingWindowThrottlerStorage keeps a Map.
 * The route's throttler metadata (skip, limit, ttl…: five lookups per request) is read once per
 * route (MemoReflector).
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  constructor(@InjectThrottlerOptions() options: ThrottlerModuleOptions, @InjectThrottlerStorage() storage: ThrottlerStorage) {
    super(options, storage, new MemoReflector());
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal, ip } = request as unknown as AuthenticatedRequest;
    return Promise.resolve(principal ? `principal:${principal.id}` : `ip:${ip}`);
  }

  protected override generateKey(_context: ExecutionContext, suffix: string, name: string): string {
    return `${name}-${suffix}`;
  }
}
