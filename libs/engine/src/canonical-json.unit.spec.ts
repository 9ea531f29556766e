import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson, canonicalJsonWithout } from './canonical-json';
import { hashEvent } from './envelope';

/** hashEvent as it was first written: the whole body through the canonicalize package. */
function referenceHash(event: Parameters<typeof hashEvent>[0]): string {
  const { hash: _ignored, ...metadata } = event.metadata as { hash?: unknown };
  const body = canonicalize({ streamId: event.streamId, revision: event.revision, eventId: event.eventId, type: event.type, data: event.data, metadata });
  return createHash('sha256')
    .update(body as string)
    .digest('hex');
}

const throwsOrText = (f: () => unknown): unknown => {
  try {
    return f();
  } catch (error) {
    return `threw ${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
};

describe('canonical JSON written directly is the canonicalize package, byte for byte', () => {
  it('for any JSON value (unicode keys and strings, numbers of every magnitude)', () => {
    const json = fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' });
    fc.assert(
      fc.property(json, (value) => expect(canonicalJson(value)).toBe(canonicalize(value))),
      { numRuns: 2_000 },
    );
  });

  it('for values JSON parsing never yields (holes, undefined, functions, symbols, toJSON, classes)', () => {
    class Box {
      constructor(readonly v: number) {}
    }
    const odd: unknown[] = [
      [1, , 3], // eslint-disable-line no-sparse-arrays
      [, 2], // eslint-disable-line no-sparse-arrays
      [undefined, Symbol('s'), () => 1],
      { a: undefined, b: Symbol('s'), c: () => 1, d: 1 },
      { toJSON: () => ({ z: 1, a: 2 }) },
      { toJSON: 5, a: 1 },
      new Date(0),
      new Box(1),
      Object.assign(Object.create(null), { b: 1, a: 2 }),
      { n: -0, big: 1e21, small: 1e-7, x: 0.1 + 0.2 },
      { nan: Number.NaN },
      { inf: Number.POSITIVE_INFINITY },
      { big: BigInt(1) },
      undefined,
      () => 1,
    ];
    const packaged = (value: unknown) => {
      const text = canonicalize(value);
      if (text === undefined) throw new TypeError('value has no JSON representation');
      return text;
    };
    for (const value of odd) expect(throwsOrText(() => canonicalJson(value))).toEqual(throwsOrText(() => packaged(value)));
    expect(canonicalJsonWithout({ hash: 'h', b: [1, { d: 2, c: 3 }], a: 'x' }, 'hash')).toBe('{"a":"x","b":[1,{"c":3,"d":2}]}');
  });

  it('hashEvent gives the hash the package gives, for any event', () => {
    const event = fc.record({
      streamId: fc.string({ unit: 'binary' }),
      revision: fc.nat(),
      eventId: fc.uuid(),
      type: fc.string(),
      data: fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ maxDepth: 3 })),
      metadata: fc.tuple(fc.string(), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }))).map(([hash, rest]) => ({ ...rest, hash })),
    });
    fc.assert(
      fc.property(event, (e) => expect(hashEvent(e)).toBe(referenceHash(e))),
      { numRuns: 1_000 },
    );
  });

  it('hashEvent gives the package hash for stored envelopes too: exact, edited, extended or foreign ones', () => {
    // The envelope's keys (as a store returns them, hash last), each value a string (or the
    // version a number) or, now and then, something an edit left there; some keys dropped, some added.
    const value = fc.oneof({ weight: 30, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });
    const often = <T>(usual: T, other: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: other });
    const keys = ['definition', 'from', 'to', 'commandId', 'correlationId', 'causationId', 'recordedAt', 'effectiveDate', 'prevHash', 'hash', 'requestHash'];
    const metadata = fc
      .record({
        strings: fc.tuple(...keys.map(() => value)),
        version: fc.oneof({ weight: 4, arbitrary: fc.integer() }, fc.double({ noNaN: true, noDefaultInfinity: true }), value),
        actor: fc.oneof(
          { weight: 4, arbitrary: fc.record({ id: value, role: value }) },
          fc.dictionary(fc.string({ maxLength: 3 }), value, { maxKeys: 3 }),
          fc.constant(null),
        ),
        drop: fc.oneof(fc.constant([]), fc.constant(['requestHash']), fc.subarray([...keys, 'version', 'actor'], { minLength: 1, maxLength: 2 })),
        extra: often<Record<string, unknown>>({}, fc.dictionary(fc.string({ maxLength: 12 }), value, { minKeys: 1, maxKeys: 2 })),
      })
      .map(({ strings, version, actor, drop, extra }) => {
        const m: Record<string, unknown> = {
          definition: strings[0],
          version,
          actor,
          ...Object.fromEntries(keys.slice(1).map((k, i) => [k, strings[i + 1]])),
          ...extra,
        };
        for (const key of drop) delete m[key];
        return m;
      });
    const event = fc.record({
      streamId: fc.constant('coe-1'),
      revision: fc.nat(),
      eventId: fc.uuid(),
      type: fc.constant('T'),
      data: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })),
      metadata,
    });
    fc.assert(
      fc.property(event, (e) => expect(hashEvent(e)).toBe(referenceHash(e))),
      { numRuns: 2_000 },
    );
  });
});
