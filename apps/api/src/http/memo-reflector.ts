import { Reflector } from '@nestjs/core';

/**
 * Nest's Reflector, each (metadata key, class or handler) answered once: the guards ask for the
 * same route metadata (roles, public, throttler limits) on every request, while decorators set it
 * only as the classes are defined, before the first request.
 */
export class MemoReflector extends Reflector {
  private readonly answers = new WeakMap<object, Map<unknown, unknown>>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Reflector's own return type
  override get(metadataKeyOrDecorator: unknown, target: object): any {
    let byKey = this.answers.get(target);
    if (!byKey) this.answers.set(target, (byKey = new Map()));
    if (byKey.has(metadataKeyOrDecorator)) return byKey.get(metadataKeyOrDecorator);
    const answer: unknown = super.get(metadataKeyOrDecorator, target as never);
    byKey.set(metadataKeyOrDecorator, answer);
    return answer;
  }
}
