import type { StateValue } from 'xstate';

/**
 * A state value as one stable string: `active.delivery.year2`. Parallel regions (not used by
 * the programmes today) are joined with `,` in key order so the string stays canonical.
 */
export function stateToString(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.keys(value)
    .sort()
    .map((key) => {
      const child = value[key];
      return child === undefined || (typeof child === 'object' && Object.keys(child).length === 0) ? key : `${key}.${stateToString(child)}`;
    })
    .join(',');
}
