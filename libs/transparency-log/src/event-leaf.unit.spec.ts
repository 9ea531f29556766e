import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { hashEvent } from '@apo/engine';
import { transparencyLeafData, type LeafEvent } from './event-leaf';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const json = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<unknown>;
const objectArb = fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 4 });

const eventArb = (metadataHash: fc.Arbitrary<unknown>): fc.Arbitrary<LeafEvent> =>
  fc.record({
    streamId: fc.string({ minLength: 1, maxLength: 20 }),
    revision: fc.nat({ max: 10_000 }),
    eventId: fc.uuid(),
    type: fc.string({ minLength: 1, maxLength: 20 }),
    data: objectArb,
    metadata: fc.tuple(objectArb, metadataHash).map(([rest, hash]) => (hash === undefined ? rest : { ...rest, hash })),
  });

const wellFormedHash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('hex'));
/** Anything in `metadata.hash` that is not 64 lower-case hex characters. */
const malformedHash = fc.oneof(
  fc.constant(undefined),
  fc.constant(''),
  wellFormedHash.map((h) => h.toUpperCase()).filter((h) => /[A-F]/.test(h)),
  wellFormedHash.map((h) => h.slice(1)),
  wellFormedHash.map((h) => `${h}0`),
  wellFormedHash.map((h) => `${h.slice(0, 63)}g`),
  fc.integer(),
  fc.constant(null),
  fc.constant({ hash: 'nested' }),
);

describe('transparencyLeafData', () => {
  it('is the 32 bytes of the stored metadata.hash when that is 64 lower-case hex characters', () => {
    fc.assert(
      fc.property(eventArb(wellFormedHash), (event) => {
        const leaf = transparencyLeafData(event);
        expect(leaf).toHaveLength(32);
        expect(hex(leaf)).toBe((event.metadata as { hash: string }).hash);
      }),
    );
  });

  it('is hashEvent recomputed when the stored hash is missing or malformed', () => {
    fc.assert(
      fc.property(eventArb(malformedHash), (event) => {
        const expected = hashEvent({ ...event, metadata: event.metadata as object });
        expect(hex(transparencyLeafData(event))).toBe(expected);
      }),
    );
  });

  it('recomputed, it commits to the content: another data gives another leaf', () => {
    const event = { streamId: 'coe-a', revision: 0, eventId: 'e-1', type: 'Applied', data: { n: 1 }, metadata: { from: 'a', to: 'b' } };
    expect(hex(transparencyLeafData(event))).not.toBe(hex(transparencyLeafData({ ...event, data: { n: 2 } })));
  });

  it('a stored hash the engine sealed is the leaf as is (the envelope hash of the event)', () => {
    const metadata = { from: 'a', to: 'b', prevHash: '0'.repeat(64) };
    const event = { streamId: 'coe-a', revision: 0, eventId: 'e-1', type: 'Applied', data: { n: 1 }, metadata };
    const hash = hashEvent(event);
    expect(hex(transparencyLeafData({ ...event, metadata: { ...metadata, hash } }))).toBe(hash);
    // The same event without its stored hash recomputes to the same bytes.
    expect(hex(transparencyLeafData(event))).toBe(hash);
  });

  it('an event whose metadata is not an object still gets a leaf (over empty metadata)', () => {
    const event = { streamId: 's', revision: 3, eventId: 'e', type: 't', data: {}, metadata: null };
    expect(hex(transparencyLeafData(event))).toBe(hashEvent({ ...event, metadata: {} }));
    expect(transparencyLeafData({ ...event, metadata: 'text' })).toHaveLength(32);
  });

  it('returns a fresh array each call', () => {
    const event = { streamId: 's', revision: 0, eventId: 'e', type: 't', data: {}, metadata: { hash: createHash('sha256').digest('hex') } };
    const a = transparencyLeafData(event);
    a[0] ^= 1;
    expect(transparencyLeafData(event)[0]).not.toBe(a[0]);
  });
});
