// The one import of XState's and: allOf wraps it.
// eslint-disable-next-line no-restricted-imports
import { and } from 'xstate';

/** A guard as a transition names it: a guard's name, with its params when it is `{ type, params }`. */
export interface NamedGuard {
  readonly name: string;
  readonly params?: unknown;
}

const parts = new WeakMap<object, readonly unknown[]>();

/**
 * XState's `and([...])`, remembering the guards it combines: a refusal names the one that failed
 * (its rule), and the diagram labels the edge. Machines combine guards with this, not `and`.
 */
export const allOf = ((guards: readonly unknown[]) => {
  const combined = and(guards as Parameters<typeof and>[0]);
  parts.set(combined, guards);
  return combined;
}) as typeof and;

/** The named guards a transition's guard is made of: a name, `{ type, params }`, or `allOf([...])`. */
export function namedGuards(guard: unknown): NamedGuard[] {
  if (typeof guard === 'string') return [{ name: guard }];
  if (typeof guard === 'object' && guard !== null && typeof (guard as { type?: unknown }).type === 'string') {
    const { type, params } = guard as { type: string; params?: unknown };
    return [{ name: type, params }];
  }
  const combined = typeof guard === 'function' ? parts.get(guard) : undefined;
  return combined ? combined.flatMap(namedGuards) : [];
}

/** How a diagram labels a transition's guard: its names, joined with `and`. */
export function guardLabel(guard: unknown): string {
  const names = namedGuards(guard).map((g) => g.name);
  return names.length > 0 ? names.join(' and ') : 'guarded';
}
