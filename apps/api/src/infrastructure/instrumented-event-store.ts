import type { EventStore } from '@apo/event-store';
import type { ApiMetrics } from './metrics';

/** Times appends for `/metrics`; everything else passes straight through, the store's capabilities (`copyForReading`) included. */
export function instrument(store: EventStore, metrics: ApiMetrics): EventStore {
  return {
    appendToStream: async (streamId, events, expected) => {
      const end = metrics.appendSeconds.startTimer();
      try {
        return await store.appendToStream(streamId, events, expected);
      } finally {
        end();
      }
    },
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    ...(store.copyForReading ? { copyForReading: store.copyForReading.bind(store) } : {}),
    close: () => store.close(),
  };
}
