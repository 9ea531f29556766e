import type { AllFilter, AllSubscription, RecordedEvent, SubscriptionMessage } from '../port';
import { ids, isIncreasing, newEvent, newEvents, uniquePrefix, within, type ConformanceContext } from './conformance-support';

/** Everything a subscription delivered, as the consumer saw it. */
interface Delivered {
  readonly messages: SubscriptionMessage[];
  /** Events of the test's own streams, in delivery order. */
  readonly own: RecordedEvent[];
}

/**
 * Consumes `subscription` in the background, keeping events whose stream starts with `prefix`;
 * `until` resolves once `done(delivered)` holds, `ended` once the iteration finished.
 */
const consume = (subscription: AllSubscription, prefix: string) => {
  const delivered: Delivered = { messages: [], own: [] };
  const waiters: { done: (d: Delivered) => boolean; resolve: () => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      if (waiter.done(delivered)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const ended = (async () => {
    for await (const message of subscription) {
      delivered.messages.push(message);
      if (message.kind === 'event' && message.event.streamId.startsWith(prefix)) delivered.own.push(message.event);
      check();
    }
  })();
  const until = (what: string, done: (d: Delivered) => boolean) =>
    within(
      15_000,
      what,
      new Promise<void>((resolve) => {
        waiters.push({ done, resolve });
        check();
      }),
    );
  return { delivered, until, ended };
};

/** Checkpoints never go back and never fall behind an event already delivered. */
const expectSaneCheckpoints = (messages: readonly SubscriptionMessage[]) => {
  let last = -1n;
  for (const message of messages) {
    const position = message.kind === 'event' ? message.event.position : message.kind === 'checkpoint' ? message.position : undefined;
    if (position === undefined) continue;
    if (message.kind === 'event') expect(position > last).toBe(true);
    else expect(position >= last).toBe(true);
    last = position;
  }
};

export const describeSubscriptionCases = (ctx: ConformanceContext): void => {
  describe('subscribeToAll', () => {
    it('delivers history, caughtUp once, then live events: no gap, no duplicate, while 3 writers append', async () => {
      const prefix = uniquePrefix('subscribe');
      const start = (await ctx.store.appendToStream(`${uniquePrefix('marker')}m`, [newEvent()], 'any')).position;
      const history = newEvents(10);
      await ctx.store.appendToStream(`${prefix}history`, history.slice(0, 6), 'no_stream');
      await ctx.store.appendToStream(`${prefix}other`, history.slice(6), 'no_stream');

      const filter: AllFilter = { streamPrefixes: [prefix] };
      const subscription = ctx.store.subscribeToAll({ after: start, filter });
      const { delivered, until, ended } = consume(subscription, prefix);
      // Writers start while the subscription is still catching up.
      const written: string[][] = [[], [], []];
      await Promise.all(
        written.map(async (mine, w) => {
          for (let revision = 0; revision < 20; revision++) {
            const event = newEvent('Live', { w, revision });
            await ctx.store.appendToStream(`${prefix}writer-${w}`, [event], revision === 0 ? 'no_stream' : revision - 1);
            mine.push(event.eventId);
          }
        }),
      );
      const expected = [...ids(history), ...written.flat()];
      await until('all 70 events', (d) => d.own.length >= expected.length);
      await until('caughtUp', (d) => d.messages.some((m) => m.kind === 'caughtUp'));

      // A live event after caughtUp still arrives.
      const late = newEvent('Late');
      await ctx.store.appendToStream(`${prefix}late`, [late], 'no_stream');
      await until('the live event', (d) => d.own.some((e) => e.eventId === late.eventId));
      await subscription.close();
      await within(5_000, 'the iteration to end after close()', ended);

      const got = ids(delivered.own);
      expect(new Set(got).size).toBe(got.length);
      expect([...got].sort()).toEqual([...expected, late.eventId].sort());
      expect(isIncreasing(delivered.own.map((e) => e.position))).toBe(true);
      expect(delivered.messages.filter((m) => m.kind === 'caughtUp')).toHaveLength(1);
      const caughtUpAt = delivered.messages.findIndex((m) => m.kind === 'caughtUp');
      const historyAt = delivered.messages.findIndex((m) => m.kind === 'event' && m.event.eventId === history[9].eventId);
      expect(historyAt).toBeLessThan(caughtUpAt);
      // Writers' events keep each writer's order.
      for (const mine of written) expect(got.filter((id) => mine.includes(id))).toEqual(mine);
      expectSaneCheckpoints(delivered.messages);
    }, 30_000);

    it('resumes after a checkpoint position without a filter, skipping what came before', async () => {
      const prefix = uniquePrefix('resume');
      const stream = `${prefix}s`;
      const events = newEvents(4);
      await ctx.store.appendToStream(stream, events, 'no_stream');
      const stored = await ctx.store.readStream(stream);

      const first = ctx.store.subscribeToAll({ after: stored[1].position });
      const one = consume(first, prefix);
      await one.until('events 2 and 3', (d) => d.own.length >= 2);
      await first.close();
      await within(5_000, 'the iteration to end', one.ended);
      expect(ids(one.delivered.own)).toEqual(ids(events.slice(2)));

      // Resume from the last delivered event: nothing again, then the next live event.
      const resumed = ctx.store.subscribeToAll({ after: one.delivered.own[1].position });
      const two = consume(resumed, prefix);
      await two.until('caughtUp', (d) => d.messages.some((m) => m.kind === 'caughtUp'));
      const next = newEvent('Next');
      await ctx.store.appendToStream(stream, [next], 3);
      await two.until('the next event', (d) => d.own.length >= 1);
      await resumed.close();
      await two.ended;
      expect(ids(two.delivered.own)).toEqual([next.eventId]);
    }, 30_000);

    it('with an event-type filter delivers only those types', async () => {
      const prefix = uniquePrefix('typed');
      const start = (await ctx.store.appendToStream(`${uniquePrefix('marker')}m`, [newEvent()], 'any')).position;
      const wanted = newEvent('Wanted');
      await ctx.store.appendToStream(`${prefix}s`, [newEvent('Unwanted'), wanted, newEvent('Unwanted')], 'no_stream');
      const subscription = ctx.store.subscribeToAll({ after: start, filter: { streamPrefixes: [prefix], eventTypes: ['Wanted'] } });
      const { delivered, until, ended } = consume(subscription, prefix);
      await until('caughtUp', (d) => d.messages.some((m) => m.kind === 'caughtUp'));
      await subscription.close();
      await ended;
      expect(ids(delivered.own)).toEqual([wanted.eventId]);
      expectSaneCheckpoints(delivered.messages);
    }, 30_000);
  });
};
