import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * @nestjs/throttler's guard with a plain storage key: the package hashes
 * `class-handler-throttler-tracker` with SHA-256 on every request, which only matters for shared
 * storages (Redis) with key-length limits; SlidingWindowThrottlerStorage keeps keys in a Map.
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    return `${context.getClass().name}-${context.getHandler().name}-${name}-${suffix}`;
  }
}
