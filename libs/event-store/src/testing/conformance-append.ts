import { ConcurrencyError } from '@apo/engine';
import type { ExpectedRevision } from '../port';
import {
  asRecorded,
  expectConflict,
  ids,
  isIncreasing,
  newEvent,
  newEvents,
  readOwn,
  rejection,
  uniquePrefix,
  type ConformanceContext,
} from './conformance-support';

export const describeAppendCases = (ctx: ConformanceContext): void => {
  describe('appendToStream: expected revision', () => {
    /** A stream holding `count` events (revisions 0..count-1). */
    const streamWith = async (count: number): Promise<string> => {
      const stream = `${uniquePrefix('append')}s`;
      if (count > 0) await ctx.store.appendToStream(stream, newEvents(count), 'no_stream');
      return stream;
    };

    it('no_stream creates a new stream at revision 0', async () => {
      const stream = await streamWith(0);
      const result = await ctx.store.appendToStream(stream, [newEvent()], 'no_stream');
      expect(result.nextExpectedRevision).toBe(0);
      expect(typeof result.position).toBe('bigint');
    });

    it('no_stream on an existing stream is a conflict and writes nothing', async () => {
      const stream = await streamWith(1);
      await expectConflict(ctx.store.appendToStream(stream, [newEvent()], 'no_stream'), 'no_stream', '0');
      expect(await ctx.store.readStream(stream)).toHaveLength(1);
    });

    it('stream_exists on a new stream is a conflict and creates nothing', async () => {
      const stream = await streamWith(0);
      await expectConflict(ctx.store.appendToStream(stream, [newEvent()], 'stream_exists'), 'stream_exists', 'no_stream');
      expect(await ctx.store.readStream(stream)).toEqual([]);
    });

    it('stream_exists on an existing stream appends', async () => {
      const stream = await streamWith(2);
      expect((await ctx.store.appendToStream(stream, [newEvent()], 'stream_exists')).nextExpectedRevision).toBe(2);
    });

    it('any appends to a new and to an existing stream', async () => {
      const stream = await streamWith(0);
      expect((await ctx.store.appendToStream(stream, [newEvent()], 'any')).nextExpectedRevision).toBe(0);
      expect((await ctx.store.appendToStream(stream, newEvents(2), 'any')).nextExpectedRevision).toBe(2);
    });

    it('the right exact revision appends; the result names the last event written', async () => {
      const stream = await streamWith(3);
      const events = newEvents(2);
      const result = await ctx.store.appendToStream(stream, events, 2);
      expect(result.nextExpectedRevision).toBe(4);
      const stored = await ctx.store.readStream(stream);
      expect(stored.slice(3)).toEqual(asRecorded(stream, 3, events));
      expect(stored[4].position).toBe(result.position);
    });

    it.each([
      ['behind', 1, '3'],
      ['ahead', 7, '3'],
    ])('a wrong exact revision (%s) is a conflict naming both revisions', async (_, expected, actual) => {
      const stream = await streamWith(4);
      await expectConflict(ctx.store.appendToStream(stream, [newEvent()], expected), String(expected), actual);
      expect(await ctx.store.readStream(stream)).toHaveLength(4);
    });

    it('an exact revision on a stream that does not exist is a conflict', async () => {
      const stream = await streamWith(0);
      await expectConflict(ctx.store.appendToStream(stream, [newEvent()], 0), '0', 'no_stream');
    });

    it('of appenders racing with the same expected revision exactly one wins', async () => {
      const stream = await streamWith(1);
      const contenders = Array.from({ length: 5 }, () => newEvents(2));
      const outcomes = await Promise.allSettled(contenders.map((events) => ctx.store.appendToStream(stream, events, 0)));
      const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConcurrencyError);
      }
      const stored = await ctx.store.readStream(stream);
      expect(stored.slice(1)).toEqual(asRecorded(stream, 1, contenders[winners[0]]));
    });

    it('a multi-event append is all or nothing', async () => {
      const stream = await streamWith(1);
      const events = [newEvent(), newEvent(), { ...newEvent(), eventId: 'not-a-uuid' }];
      await rejection(ctx.store.appendToStream(stream, events, 0));
      expect(await ctx.store.readStream(stream)).toHaveLength(1);
    });
  });

  describe('appendToStream: global order and idempotency', () => {
    it('positions increase strictly in append order across streams', async () => {
      const prefix = uniquePrefix('order');
      const plan = ['a', 'b', 'c', 'a', 'c', 'b', 'a'];
      const revisions = new Map<string, ExpectedRevision>();
      const positions: bigint[] = [];
      const appended: string[] = [];
      for (const name of plan) {
        const event = newEvent();
        const result = await ctx.store.appendToStream(prefix + name, [event], revisions.get(name) ?? 'no_stream');
        revisions.set(name, result.nextExpectedRevision);
        positions.push(result.position);
        appended.push(event.eventId);
      }
      expect(isIncreasing(positions)).toBe(true);
      const all = await readOwn(ctx.store, prefix);
      expect(ids(all)).toEqual(appended);
      expect(all.map((e) => e.position)).toEqual(positions);
    });

    it('a retried append (same event ids) returns the original result and writes nothing', async () => {
      const stream = `${uniquePrefix('retry')}s`;
      const events = newEvents(2);
      const original = await ctx.store.appendToStream(stream, events, 'no_stream');
      expect(await ctx.store.appendToStream(stream, events, 'no_stream')).toEqual(original);
      expect(await ctx.store.appendToStream(stream, events, 'any')).toEqual(original);
      // Still a retry after someone else appended: the ids are where that append put them.
      await ctx.store.appendToStream(stream, [newEvent()], 1);
      expect(await ctx.store.appendToStream(stream, events, 'no_stream')).toEqual(original);
      expect(ids(await ctx.store.readStream(stream)).slice(0, 2)).toEqual(ids(events));
      expect(await ctx.store.readStream(stream)).toHaveLength(3);
    });

    it.each([
      ['an empty stream id', '', [newEvent()]],
      ['a non-UUID event id', 'valid', [{ ...newEvent(), eventId: '42' }]],
      ['an empty event type', 'valid', [newEvent('')]],
      ['non-object data', 'valid', [{ ...newEvent(), data: [1, 2] as never }]],
      ['no events', 'valid', []],
    ])('refuses %s with VALIDATION_FAILED and writes nothing', async (_, name, events) => {
      const prefix = uniquePrefix('invalid');
      const stream = name === '' ? '' : prefix + name;
      const error = await rejection(ctx.store.appendToStream(stream, events, 'any'));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await readOwn(ctx.store, prefix)).toEqual([]);
    });
  });
};
