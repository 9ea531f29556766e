import type { EventToAppend, RecordedEvent } from '../port';
import { asRecorded, collect, ids, newEvent, newEvents, readOwn, uniquePrefix, type ConformanceContext } from './conformance-support';

export const describeReadCases = (ctx: ConformanceContext): void => {
  describe('readStream', () => {
    let stream: string;
    let events: EventToAppend[];
    beforeAll(async () => {
      stream = `${uniquePrefix('read-stream')}s`;
      events = newEvents(5);
      await ctx.store.appendToStream(stream, events, 'no_stream');
    });

    it('reads forwards with every field as written', async () => {
      const stored = await ctx.store.readStream(stream);
      expect(stored).toEqual(asRecorded(stream, 0, events));
      for (const event of stored) {
        expect(typeof event.position).toBe('bigint');
        expect(Number.isNaN(Date.parse(event.createdAt))).toBe(false);
      }
    });

    it('reads backwards', async () => {
      expect(ids(await ctx.store.readStream(stream, { direction: 'backwards' }))).toEqual(ids(events).reverse());
    });

    it('starts at fromRevision (inclusive) in either direction', async () => {
      expect((await ctx.store.readStream(stream, { fromRevision: 3 })).map((e) => e.revision)).toEqual([3, 4]);
      expect((await ctx.store.readStream(stream, { fromRevision: 2, direction: 'backwards' })).map((e) => e.revision)).toEqual([2, 1, 0]);
      expect(await ctx.store.readStream(stream, { fromRevision: 5 })).toEqual([]);
    });

    it('stops after maxCount in either direction', async () => {
      expect((await ctx.store.readStream(stream, { maxCount: 2 })).map((e) => e.revision)).toEqual([0, 1]);
      expect((await ctx.store.readStream(stream, { maxCount: 2, direction: 'backwards' })).map((e) => e.revision)).toEqual([4, 3]);
      expect((await ctx.store.readStream(stream, { fromRevision: 1, maxCount: 1 })).map((e) => e.revision)).toEqual([1]);
    });

    it('reads an unknown stream as an empty list', async () => {
      const unknown = `${uniquePrefix('unknown')}nothing-here`;
      expect(await ctx.store.readStream(unknown)).toEqual([]);
      expect(await ctx.store.readStream(unknown, { direction: 'backwards' })).toEqual([]);
    });
  });

  describe('readAll', () => {
    let prefix: string;
    /** This suite's events in append order: a1 b1(Other) a2 c1 b2(Other) a3. */
    let written: RecordedEvent[];
    /** Position of an event written just before them, in a stream outside the prefix. */
    let marker: bigint;
    beforeAll(async () => {
      prefix = uniquePrefix('read-all');
      marker = (await ctx.store.appendToStream(`${uniquePrefix('marker')}m`, [newEvent()], 'any')).position;
      const plan: [string, string][] = [
        ['a', 'Tested'],
        ['b', 'Other'],
        ['a', 'Tested'],
        ['c', 'Tested'],
        ['b', 'Other'],
        ['a', 'Tested'],
      ];
      for (const [name, type] of plan) await ctx.store.appendToStream(prefix + name, [newEvent(type)], 'any');
      written = await readOwn(ctx.store, prefix);
    });

    it('reads forwards in global order, filtered to stream prefixes', async () => {
      expect(written.map((e) => e.streamId.slice(prefix.length))).toEqual(['a', 'b', 'a', 'c', 'b', 'a']);
      expect(written.every((e, i) => i === 0 || e.position > written[i - 1].position)).toBe(true);
      const two = await collect(ctx.store.readAll({ filter: { streamPrefixes: [`${prefix}a`, `${prefix}c`] } }));
      expect(two.map((e) => e.streamId.slice(prefix.length))).toEqual(['a', 'a', 'c', 'a']);
    });

    it('reads backwards', async () => {
      expect(ids(await readOwn(ctx.store, prefix, { direction: 'backwards' }))).toEqual(ids(written).reverse());
    });

    it('treats position as exclusive in both directions', async () => {
      const after = await readOwn(ctx.store, prefix, { position: written[1].position });
      expect(ids(after)).toEqual(ids(written.slice(2)));
      const before = await readOwn(ctx.store, prefix, { position: written[3].position, direction: 'backwards' });
      expect(ids(before)).toEqual(ids(written.slice(0, 3)).reverse());
    });

    it('stops after maxCount', async () => {
      expect(ids(await readOwn(ctx.store, prefix, { maxCount: 2 }))).toEqual(ids(written.slice(0, 2)));
      expect(ids(await readOwn(ctx.store, prefix, { maxCount: 2, direction: 'backwards' }))).toEqual(ids(written.slice(4)).reverse());
    });

    it('filters by event type', async () => {
      const others = await readOwn(ctx.store, prefix, {}, ['Other']);
      expect(ids(others)).toEqual(ids(written.filter((e) => e.type === 'Other')));
    });

    it('reads unfiltered, and stopping early is fine', async () => {
      const latest = await collect(ctx.store.readAll({ direction: 'backwards', maxCount: 1 }));
      expect(latest).toHaveLength(1);
      expect(latest[0].position >= written[written.length - 1].position).toBe(true);
      // Other writers may interleave on a shared store: keep ours, stop once all were seen.
      const seen: string[] = [];
      for await (const event of ctx.store.readAll({ position: marker })) {
        if (event.streamId.startsWith(prefix)) seen.push(event.eventId);
        if (seen.length === written.length) break;
      }
      expect(seen).toEqual(ids(written));
    });
  });
};
