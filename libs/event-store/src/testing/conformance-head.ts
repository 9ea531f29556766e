import { newEvent, newEvents, uniquePrefix, type ConformanceContext } from './conformance-support';

export const describeHeadCases = (ctx: ConformanceContext): void => {
  describe('headPosition', () => {
    const lastOfLog = async (): Promise<bigint | undefined> => {
      for await (const event of ctx.store.readAll({ direction: 'backwards', maxCount: 1 })) return event.position;
      return undefined;
    };

    it('is the position of the last event appended, where readAll backwards starts', async () => {
      const first = await ctx.store.appendToStream(`${uniquePrefix('head')}a`, newEvents(3), 'no_stream');
      expect(await ctx.store.headPosition()).toBe(first.position);
      expect(await lastOfLog()).toBe(first.position);
      const second = await ctx.store.appendToStream(`${uniquePrefix('head')}b`, [newEvent()], 'no_stream');
      expect(second.position).toBeGreaterThan(first.position);
      expect(await ctx.store.headPosition()).toBe(second.position);
    });

    it('is the same after a restart', async () => {
      const { position } = await ctx.store.appendToStream(`${uniquePrefix('head')}r`, [newEvent()], 'no_stream');
      const store = await ctx.reopen();
      expect(await store.headPosition()).toBe(position);
    });
  });
};
