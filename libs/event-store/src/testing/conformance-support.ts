import { randomBytes, randomUUID } from 'node:crypto';
import { ConcurrencyError } from '@apo/engine';
import type { EventStore, EventToAppend, JsonObject, ReadAllOptions, RecordedEvent } from '../port';

/**
 * What the conformance suite needs from an adapter under test. It is created once per suite;
 * every test writes to its own, uniquely named streams, so a shared server with other data works.
 */
export interface ConformanceHarness {
  /** The store under test. */
  readonly store: EventStore;
  /**
   * Closes the current store and opens the same underlying storage again (a restart); the
   * returned store replaces `store` for the rest of the suite.
   */
  readonly reopen: () => Promise<EventStore>;
  /** Closes whichever store is current (including one returned by `reopen`) and cleans up. */
  readonly dispose: () => Promise<void>;
}

/** The suite's view of the harness: `store` follows reopens. */
export interface ConformanceContext {
  readonly store: EventStore;
  reopen(): Promise<EventStore>;
}

/** Random per run, so reruns against a persistent server never collide. */
const RUN = randomBytes(4).toString('hex');
let counter = 0;

/** A prefix no other test (or run) uses; streams of a test are `${prefix}name`. */
export const uniquePrefix = (label: string): string => `conf-${RUN}-${++counter}-${label}-`;

export const newEvent = (type = 'Tested', data: JsonObject = {}, metadata: JsonObject = {}): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});

export const newEvents = (count: number, type = 'Tested'): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => newEvent(type, { i }, { source: 'conformance' }));

/** Resolves to the error a promise rejected with; fails the test if it resolved. */
export const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
};

export const expectConflict = async (promise: Promise<unknown>, expected: string, actual: string): Promise<void> => {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ConcurrencyError);
  expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', expected, actual });
};

export const collect = async (events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
};

/** readAll restricted to one test's streams: the only readAll assertion safe on a shared store. */
export const readOwn = (store: EventStore, prefix: string, options: Omit<ReadAllOptions, 'filter'> = {}, eventTypes?: string[]) =>
  collect(store.readAll({ ...options, filter: { streamPrefixes: [prefix], ...(eventTypes ? { eventTypes } : {}) } }));

/** What an appended event must read back as. */
export const asRecorded = (streamId: string, firstRevision: number, events: readonly EventToAppend[]) =>
  events.map((e, i) =>
    expect.objectContaining({ streamId, revision: firstRevision + i, eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata }),
  );

export const ids = (events: readonly { eventId: string }[]): string[] => events.map((e) => e.eventId);

export const isIncreasing = (values: readonly bigint[]): boolean => values.every((v, i) => i === 0 || v > values[i - 1]);

/** Rejects after `ms` so a missing event fails the test with a message instead of hanging. */
export const within = <T>(ms: number, what: string, promise: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};
