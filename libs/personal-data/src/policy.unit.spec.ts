import fc from 'fast-check';
import {
  generatePersonalKey,
  isSealedPersonal,
  openEventData,
  PersonalDataError,
  personalSubjects,
  sealEventData,
  validatePolicy,
  type JsonValue,
  type PersonalDataPolicy,
} from './index';

const policy: PersonalDataPolicy = {
  RosterSubmitted: { fields: ['participants[*].name', 'participants[*].position'], subject: 'participants[*].personId' },
  ContactNamed: { fields: ['contact.name', 'notes'], subject: 'contact.personId' },
};
const place = { streamId: 'bcn-roster-1', eventType: 'RosterSubmitted' };

const errorCode = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof PersonalDataError ? e.code : `untyped: ${String(e)}`;
  }
  return undefined;
};

const participant = fc.record(
  { personId: fc.uuid(), name: fc.jsonValue(), position: fc.jsonValue(), category: fc.string(), extra: fc.jsonValue() },
  { requiredKeys: ['personId', 'category'] },
);
const roster = fc.record(
  { bcnId: fc.string(), participants: fc.array(participant, { maxLength: 6 }), meta: fc.jsonValue() },
  { requiredKeys: ['participants'] },
) as fc.Arbitrary<JsonValue>;

type Roster = { participants: Array<Record<string, JsonValue>> } & Record<string, JsonValue>;

describe('sealEventData / openEventData', () => {
  const keys = new Map<string, Buffer>();
  const keyOf = (s: string) => {
    if (!keys.has(s)) keys.set(s, generatePersonalKey());
    return keys.get(s);
  };

  it('seals exactly the personal fields; every other field is unchanged; opening gives the data back', () => {
    fc.assert(
      fc.property(roster, (data) => {
        const before = JSON.stringify(data);
        const sealed = sealEventData(data, policy, keyOf, place) as Roster;
        expect(JSON.stringify(data)).toBe(before); // input untouched
        const original = data as Roster;
        for (const [k, v] of Object.entries(original)) if (k !== 'participants') expect(JSON.stringify(sealed[k])).toBe(JSON.stringify(v));
        expect(Object.keys(sealed)).toEqual(Object.keys(original));
        sealed.participants.forEach((p, i) => {
          const o = original.participants[i];
          expect(Object.keys(p)).toEqual(Object.keys(o));
          for (const [k, v] of Object.entries(o)) {
            if ((k === 'name' || k === 'position') && v !== undefined) {
              expect(isSealedPersonal(p[k])).toBe(true);
              expect((p[k] as { subject: string }).subject).toBe(o['personId']);
            } else expect(JSON.stringify(p[k])).toBe(JSON.stringify(v));
          }
        });
        const stored = JSON.parse(JSON.stringify(sealed)) as JsonValue;
        expect(JSON.stringify(openEventData(stored, policy, keyOf, place))).toBe(before);
      }),
    );
  });

  it('shows erased fields as erased and leaves the rest readable', () => {
    const data = {
      participants: [
        { personId: 'p1', name: 'Zebedee', category: 'A' },
        { personId: 'p2', name: 'Ottoline', category: 'B' },
      ],
    };
    const sealed = sealEventData(data, policy, keyOf, place);
    const opened = openEventData(sealed, policy, (s) => (s === 'p1' ? undefined : keyOf(s)), place) as Roster;
    expect(opened).toEqual({
      participants: [
        { personId: 'p1', name: { $erased: 1, subject: 'p1' }, category: 'A' },
        { personId: 'p2', name: 'Ottoline', category: 'B' },
      ],
    });
  });

  it('a sealed field moved to another participant, field, stream or event type does not open', () => {
    const data: JsonValue = {
      participants: [
        { personId: 'p1', name: 'Zebedee', position: 'Chair' },
        { personId: 'p2', name: 'Ottoline' },
      ],
    };
    const s = sealEventData(data, policy, keyOf, place) as Roster;
    const [a, b] = s.participants;
    expect(errorCode(() => openEventData({ participants: [a, { ...b, name: a['name'] }] }, policy, keyOf, place))).toBe('MISBOUND');
    expect(errorCode(() => openEventData({ participants: [{ ...a, name: a['position'] }, b] }, policy, keyOf, place))).toBe('MISBOUND');
    expect(errorCode(() => openEventData(s, policy, keyOf, { ...place, streamId: 'bcn-roster-2' }))).toBe('MISBOUND');
    const moved = { contact: { personId: 'p1', name: a['name'] } };
    expect(errorCode(() => openEventData(moved, policy, keyOf, { ...place, eventType: 'ContactNamed' }))).toBe('MISBOUND');
  });

  it('a top-level subject covers every field; events the policy does not name pass as the same reference', () => {
    const ev = { streamId: 's', eventType: 'ContactNamed' };
    const data = { contact: { personId: 'p9', name: 'Zebedee', phone: '1' }, notes: ['x', { y: 1 }] };
    const sealed = sealEventData(data, policy, keyOf, ev) as { contact: Record<string, JsonValue>; notes: JsonValue };
    expect(isSealedPersonal(sealed.contact['name'])).toBe(true);
    expect(isSealedPersonal(sealed.notes)).toBe(true);
    expect(openEventData(sealed, policy, keyOf, ev)).toEqual(data);
    expect(personalSubjects(data, policy, 'ContactNamed')).toEqual(['p9']);
    const other = { a: 1 };
    expect(sealEventData(other, policy, keyOf, { streamId: 's', eventType: 'Other' })).toBe(other);
  });

  it('lists the subjects whose keys an event needs, and refuses a missing key or subject id', () => {
    const data: JsonValue = { participants: [{ personId: 'p1', name: 'A' }, { personId: 'p2' }, { personId: 'p1', position: 'B' }] };
    expect(personalSubjects(data, policy, 'RosterSubmitted')).toEqual(['p1']);
    expect(errorCode(() => sealEventData(data, policy, () => undefined, place))).toBe('NO_KEY');
    expect(errorCode(() => sealEventData({ participants: [{ name: 'A' }] }, policy, keyOf, place))).toBe('NO_SUBJECT');
    expect(errorCode(() => sealEventData({ participants: { name: 'A' } }, policy, keyOf, place))).toBe('DATA_MISMATCH');
  });

  it('nested arrays: a[*][*].b with subject a[*][*].id', () => {
    const p: PersonalDataPolicy = { E: { fields: ['groups[*][*].name'], subject: 'groups[*][*].id' } };
    const data: JsonValue = { groups: [[{ id: 'x', name: 'X' }], [], [{ id: 'y', name: 'Y' }, { id: 'z' }]] };
    const s = sealEventData(data, p, keyOf, { streamId: 's', eventType: 'E' }) as { groups: Array<Array<Record<string, JsonValue>>> };
    expect(isSealedPersonal(s.groups[2][0]['name'])).toBe(true);
    expect((s.groups[2][0]['name'] as { subject: string }).subject).toBe('y');
    expect(openEventData(s, p, keyOf, { streamId: 's', eventType: 'E' })).toEqual(data);
  });
});

describe('validatePolicy', () => {
  const bad = (p: unknown) => errorCode(() => validatePolicy(p as PersonalDataPolicy));
  it('accepts the documented shapes', () => {
    expect(bad({ E: { fields: ['a[*].b', 'c.d'], subject: 'id' } })).toBeUndefined();
    expect(bad({ E: { fields: ['a[*].b.c'], subject: 'a[*].id' } })).toBeUndefined();
  });
  it.each([
    ['a[0].b', 'id'],
    ['a[].b', 'id'],
    ["a['x']", 'id'],
    ['a..b', 'id'],
    ['a.b ', 'id'],
    ['', 'id'],
    ['a.__proto__', 'id'],
    ['a', 'x[*]'],
    ['b[*].name', 'a[*].id'],
    ['name', 'a[*].id'],
    ['a.b', 'a'],
    ['id', 'id'],
  ])('refuses field %j with subject %j', (field, subject) => {
    expect(bad({ E: { fields: [field], subject } })).toBe('INVALID_POLICY');
  });
  it('refuses overlapping fields, empty field lists and non-string paths, naming the cause', () => {
    expect(bad({ E: { fields: ['a', 'a.b'], subject: 'id' } })).toBe('INVALID_POLICY');
    expect(bad({ E: { fields: [], subject: 'id' } })).toBe('INVALID_POLICY');
    expect(bad({ E: { fields: [3], subject: 'id' } })).toBe('INVALID_POLICY');
    expect(() => validatePolicy({ E: { fields: ['a[0]'], subject: 'id' } })).toThrow(/unknown path syntax "a\[0\]"/);
  });
});
