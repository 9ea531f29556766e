import type { EventStore } from '../port';
import { describeAppendCases } from './conformance-append';
import { describeHeadCases } from './conformance-head';
import { describePayloadCases } from './conformance-payload';
import { describeReadCases } from './conformance-read';
import { describeSubscriptionCases } from './conformance-subscribe';
import type { ConformanceContext, ConformanceHarness } from './conformance-support';

export type { ConformanceHarness } from './conformance-support';

/**
 * The promises of the `EventStore` port, as jest cases every adapter must pass. Call it from an
 * adapter's spec with a factory for a fresh harness; it is created once for the whole suite and
 * each test works in its own uniquely named streams (so a shared EventStoreDB server is fine).
 */
export const describeEventStoreConformance = (name: string, factory: () => Promise<ConformanceHarness>): void => {
  describe(`EventStore conformance: ${name}`, () => {
    let harness: ConformanceHarness | undefined;
    let current: EventStore | undefined;

    beforeAll(async () => {
      harness = await factory();
      current = harness.store;
    }, 60_000);

    afterAll(async () => {
      await harness?.dispose();
    }, 60_000);

    const ctx: ConformanceContext = {
      get store(): EventStore {
        if (current === undefined) throw new Error('the conformance harness failed to start');
        return current;
      },
      async reopen(): Promise<EventStore> {
        if (harness === undefined) throw new Error('the conformance harness failed to start');
        current = await harness.reopen();
        return current;
      },
    };

    describeAppendCases(ctx);
    describeReadCases(ctx);
    describeHeadCases(ctx);
    describeSubscriptionCases(ctx);
    describePayloadCases(ctx);
  });
};
