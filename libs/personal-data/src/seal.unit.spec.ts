import fc from 'fast-check';
import {
  generatePersonalKey,
  isErasedPersonal,
  isSealedPersonal,
  openPersonal,
  openSealed,
  PersonalDataError,
  sealPersonal,
  type JsonValue,
  type PersonalContext,
  type SealedPersonal,
} from './index';

const ctx: PersonalContext = { subject: 'person-1', streamId: 'bcn-roster-7', eventType: 'RosterSubmitted', path: 'participants[*].name' };
const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;
const errorCode = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof PersonalDataError ? e.code : `untyped: ${String(e)}`;
  }
  return undefined;
};

/** A base64 field with one byte of its decoded bytes changed (re-encoded canonically). */
const flipByte = (b64: string, at: number, xor: number): string => {
  const buf = Buffer.from(b64, 'base64');
  if (buf.length === 0) return 'AA==';
  buf[at % buf.length] ^= xor;
  return buf.toString('base64');
};

describe('sealPersonal / openPersonal', () => {
  const key = generatePersonalKey();

  it('round-trips any JSON value, JSON-safe, with a fresh 96-bit IV each time', () => {
    fc.assert(
      fc.property(json, (value) => {
        const sealed = sealPersonal(value, key, ctx);
        expect(isSealedPersonal(sealed)).toBe(true);
        expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
        expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
        const stored = JSON.parse(JSON.stringify(sealed)) as SealedPersonal;
        expect(openPersonal(stored, key, ctx)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    expect(sealPersonal('x', key, ctx).iv).not.toBe(sealPersonal('x', key, ctx).iv);
  });

  it('never holds the clear text', () => {
    const sealed = sealPersonal('Zebedee Quixotic-Marchbanks', key, ctx);
    expect(JSON.stringify(sealed)).not.toContain('Zebedee');
    expect(Object.keys(sealed).sort()).toEqual(['$personal', 'ct', 'iv', 'path', 'stream', 'subject', 'tag', 'type']);
  });

  it('answers an ERASED marker when the key is gone', () => {
    const opened = openPersonal(sealPersonal({ a: 1 }, key, ctx), undefined, ctx);
    expect(isErasedPersonal(opened)).toBe(true);
    expect(opened).toEqual({ $erased: 1, subject: 'person-1' });
  });

  it('any changed byte of iv, ct or tag is a typed TAMPERED error', () => {
    fc.assert(
      fc.property(json, fc.constantFrom('iv', 'ct', 'tag'), fc.nat(), fc.integer({ min: 1, max: 255 }), (value, field, at, xor) => {
        const sealed = sealPersonal(value, key, ctx);
        const changed = { ...sealed, [field]: flipByte(sealed[field as 'iv' | 'ct' | 'tag'], at, xor) };
        expect(errorCode(() => openPersonal(changed, key, ctx))).toBe('TAMPERED');
      }),
    );
  });

  it('any changed character of the stored text of iv, ct, tag or subject is a typed error', () => {
    fc.assert(
      fc.property(
        json,
        fc.constantFrom('iv', 'ct', 'tag', 'subject', 'stream', 'type', 'path'),
        fc.nat(),
        fc.integer({ min: 1, max: 127 }),
        (value, field, at, xor) => {
          const sealed = sealPersonal(value, key, ctx);
          const text = sealed[field as 'iv' | 'ct' | 'tag' | 'subject' | 'stream' | 'type' | 'path'];
          fc.pre(text.length > 0);
          const i = at % text.length;
          const changed = { ...sealed, [field]: text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ xor) + text.slice(i + 1) };
          expect(['TAMPERED', 'MALFORMED', 'MISBOUND']).toContain(errorCode(() => openPersonal(changed, key, ctx)));
        },
      ),
    );
  });

  it('a sealed value moved to another subject, stream, event type or field does not open', () => {
    fc.assert(
      fc.property(json, fc.constantFrom('subject', 'streamId', 'eventType', 'path'), fc.string({ minLength: 1 }), (value, part, other) => {
        const moved = { ...ctx, [part]: ctx[part as keyof PersonalContext] + other };
        const sealed = sealPersonal(value, key, ctx);
        if (part === 'subject') {
          // Relabelled for the other subject, and opened with the other subject's key or this one.
          expect(errorCode(() => openPersonal(sealed, key, moved))).toBe('MISBOUND');
          expect(errorCode(() => openPersonal({ ...sealed, subject: moved.subject }, key, moved))).toBe('TAMPERED');
          expect(errorCode(() => openPersonal({ ...sealed, subject: moved.subject }, generatePersonalKey(), moved))).toBe('TAMPERED');
        } else {
          // Where it stands differs from what it names; relabelled to match, it fails authentication.
          expect(errorCode(() => openPersonal(sealed, key, moved))).toBe('MISBOUND');
          const relabel = { streamId: 'stream', eventType: 'type', path: 'path' }[part as 'streamId' | 'eventType' | 'path'];
          const relabelled = { ...sealed, [relabel]: moved[part as keyof PersonalContext] };
          expect(errorCode(() => openPersonal(relabelled, key, moved))).toBe('TAMPERED');
          expect(errorCode(() => openSealed(relabelled, key))).toBe('TAMPERED');
        }
      }),
    );
  });

  it('refuses keys that are not 32 bytes and malformed sealed values', () => {
    expect(errorCode(() => sealPersonal('x', Buffer.alloc(16), ctx))).toBe('BAD_KEY');
    const sealed = sealPersonal('x', key, ctx);
    expect(errorCode(() => openPersonal({ ...sealed, iv: Buffer.alloc(16).toString('base64') }, key, ctx))).toBe('MALFORMED');
    expect(errorCode(() => openPersonal({ ...sealed, tag: 'not base64!' }, key, ctx))).toBe('MALFORMED');
    expect(errorCode(() => openPersonal({ ...sealed, $personal: 2 } as unknown as SealedPersonal, key, ctx))).toBe('MALFORMED');
    expect(isSealedPersonal({ $personal: 1, subject: 's', iv: '', ct: '' })).toBe(false);
    expect(isSealedPersonal([sealed])).toBe(false);
  });
});
