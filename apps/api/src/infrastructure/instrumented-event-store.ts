import type { EventStore } from '@apo/event-store';
import type { ApiMetrics } from './metrics';

/**
 * Times appends for `/metrics`. Everything else is the store itself, through a proxy: every
 * capability the adapter has (`headPosition`, `copyForReading`, `admit`…) passes through as it is,
 * and one it lacks stays absent, so a method added to the port later needs no forwarding here.
 */
export function instrument(store: EventStore, metrics: ApiMetrics): EventStore {
  const appendToStream: EventStore['appendToStream'] = async (streamId, events, expected) => {
    const end = metrics.appendSeconds.startTimer();
    try {
      return await store.appendToStream(streamId, events, expected);
    } finally {
      end();
    }
  };
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, key) {
      if (key === 'appendToStream') return appendToStream;
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (!bound.has(key)) bound.set(key, value.bind(target));
      return bound.get(key);
    },
  });
}
