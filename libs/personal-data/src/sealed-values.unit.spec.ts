import fc from 'fast-check';
import { assignSubjects, generatePersonalKey, openSealedValues, sealedSubjects, sealPersonal, withholdSealedValues, type JsonValue } from './index';

const key = generatePersonalKey();
const sealed = (value: JsonValue, subject = 's1') =>
  sealPersonal(value, key, { subject, streamId: 'bcn-1', eventType: 'ExchangeScheduled', path: 'participants[*].name' });

describe('sealed values inside any answer', () => {
  it('opens every sealed value wherever it sits, and leaves everything else the same references', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (other, name) => {
        const doc = { other, nested: [{ deep: { x: sealed(name) } }], __proto__x: 1 } as unknown as JsonValue;
        const opened = openSealedValues(doc, () => key) as { other: unknown; nested: { deep: { x: unknown } }[] };
        expect(opened.nested[0].deep.x).toEqual(name);
        expect(opened.other).toBe((doc as { other: unknown }).other);
        expect(openSealedValues(other, () => key)).toBe(other);
      }),
    );
  });

  it('answers ERASED without a key and WITHHELD for readers without the right, naming the subject only', () => {
    const doc = { a: [sealed('Zebedee', 'p1'), sealed('Ottoline', 'p2')] };
    expect(sealedSubjects(doc)).toEqual(['p1', 'p2']);
    expect(openSealedValues(doc, (s) => (s === 'p1' ? key : undefined))).toEqual({ a: ['Zebedee', { $erased: 1, subject: 'p2' }] });
    expect(withholdSealedValues(doc)).toEqual({
      a: [
        { $withheld: 1, subject: 'p1' },
        { $withheld: 1, subject: 'p2' },
      ],
    });
  });

  it('keeps a key named __proto__ a plain property', () => {
    const doc = JSON.parse(`{"__proto__": ${JSON.stringify(sealed('x'))}}`) as JsonValue;
    const out = openSealedValues(doc, () => key) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('x');
  });
});

describe('assignSubjects', () => {
  const policy = { ExchangeScheduled: { fields: ['participants[*].name'], subject: 'participants[*].personId' } };
  it('gives each participant without an id a new one and keeps the ids given', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.stringMatching(/^[a-z0-9]{1,8}$/), { nil: undefined }), { maxLength: 6 }), (ids) => {
        let n = 0;
        const data: JsonValue = { participants: ids.map((personId): JsonValue => (personId === undefined ? { name: 'n' } : { personId, name: 'n' })) };
        const out = assignSubjects(data, policy, 'ExchangeScheduled', () => `new-${n++}`) as { participants: { personId: string }[] };
        let fresh = 0;
        expect(out.participants.map((p) => p.personId)).toEqual(ids.map((id) => id ?? `new-${fresh++}`));
        expect(assignSubjects(data, policy, 'Other', () => 'x')).toBe(data);
      }),
    );
  });
});
