import { fieldProblems, inputSchema, type FieldSchema } from './input-schema';
import type { InputReader } from './input';

const body = (r: InputReader) => ({ title: r.string('title', { max: 300 }), body: r.text('body', { optional: true }) });
const termination = (r: InputReader) => {
  const basis = r.oneOf('basis', ['assessment', 'governingBody'] as const);
  return {
    basis,
    on: r.businessDate('on'),
    ...(basis === 'governingBody'
      ? { governingBody: r.object('governingBody', (g) => ({ meeting: g.string('meeting', { max: 200 }), date: g.date('date') })) }
      : {}),
  };
};

describe('inputSchema: the fields a command reader reads, from the reader itself', () => {
  it('lists each field with its kind, whether it is required and its limits (the reader defaults included)', () => {
    expect(inputSchema(body)).toEqual([
      { name: 'title', kind: 'string', required: true, max: 300 },
      { name: 'body', kind: 'text', required: false, max: 2000 },
    ]);
  });

  it('finds a field read on one branch only (governingBody when basis is governingBody): not required, but required on that branch', () => {
    expect(inputSchema(termination)).toEqual([
      { name: 'basis', kind: 'oneOf', required: true, values: ['assessment', 'governingBody'] },
      { name: 'on', kind: 'businessDate', required: true },
      {
        name: 'governingBody',
        kind: 'object',
        required: false,
        fields: [
          { name: 'meeting', kind: 'string', required: true, max: 200 },
          { name: 'date', kind: 'date', required: true },
        ],
        requiredWhen: [{ basis: 'governingBody' }],
      },
    ]);
  });

  it('states where the reader refuses a field (InputReader.absent), with its reason', () => {
    const decision = (r: InputReader) => {
      const by = r.oneOf('by', ['secretariat', 'board'] as const);
      if (by === 'board') return { by, meeting: r.string('meeting') };
      if (by === 'secretariat') r.absent('meeting', 'is only for board decisions');
      return { by };
    };
    const [, meeting] = inputSchema(decision);
    expect(meeting).toEqual({
      name: 'meeting',
      kind: 'string',
      required: false,
      max: 2000,
      requiredWhen: [{ by: 'board' }],
      forbiddenWhen: [{ when: { by: 'secretariat' }, why: 'is only for board decisions' }],
    });
    expect(fieldProblems(meeting, undefined, { by: 'board' })).toEqual([{ field: 'meeting', message: 'is required' }]);
    expect(fieldProblems(meeting, 'the 65th', { by: 'secretariat' })).toEqual([{ field: 'meeting', message: 'is only for board decisions' }]);
    expect(fieldProblems(meeting, undefined, { by: 'secretariat' })).toEqual([]);
    expect(fieldProblems(meeting, undefined, {})).toEqual([]);
  });

  it('leaves "required unless" to the reader: a field required with no choice made is only optional', () => {
    const [, note] = inputSchema((r) => ({
      quick: r.boolean('quick', { optional: true }),
      ...(r.boolean('quick', { optional: true }) ? {} : { note: r.string('note') }),
    }));
    expect(note).toEqual({ name: 'note', kind: 'string', required: false, max: 2000 });
  });

  it('describes lists of objects, lists of strings, numbers and codes (of a reference list or of a shape)', () => {
    const schema = inputSchema((r) => ({
      people: r.list('people', (p) => ({ economy: p.code('economy', ['MY', 'TH'], 'a member'), count: p.integer('count', 1, 9) }), { min: 1, max: 21 }),
      outputs: r.strings('outputs', { optional: true }),
      overall: r.number('overall', 1, 5, { optional: true }),
      npo: r.code('npo', /^[A-Z]{2}$/, 'a code in capitals', { optional: true }),
    }));
    expect(schema).toEqual([
      {
        name: 'people',
        kind: 'list',
        required: true,
        min: 1,
        max: 21,
        fields: [
          { name: 'economy', kind: 'code', required: true, values: ['MY', 'TH'], what: 'a member' },
          { name: 'count', kind: 'integer', required: true, minimum: 1, maximum: 9 },
        ],
      },
      { name: 'outputs', kind: 'strings', required: false, max: 200, itemMax: 500 },
      { name: 'overall', kind: 'number', required: false, minimum: 1, maximum: 5 },
      { name: 'npo', kind: 'code', required: false, pattern: '^[A-Z]{2}$', what: 'a code in capitals' },
    ]);
    const [people, , , npo] = schema;
    expect(fieldProblems(people, [])).toEqual([{ field: 'people', message: 'must have at least 1 item' }]);
    expect(fieldProblems(people.fields?.[0] as FieldSchema, 'US')).toEqual([{ field: 'economy', message: 'must be a member (got "US")' }]);
    expect(fieldProblems(npo, 'th')).toEqual([{ field: 'npo', message: 'must be a code in capitals (got "th")' }]);
    expect(fieldProblems(npo, 'TH')).toEqual([]);
  });
});

describe("fieldProblems: the domain reader's own verdict on one field", () => {
  const [title, bodyText] = inputSchema(body);

  it('answers the messages the domain answers, and nothing for a good value', () => {
    expect(fieldProblems(title, 'A title')).toEqual([]);
    expect(fieldProblems(title, undefined)).toEqual([{ field: 'title', message: 'is required' }]);
    expect(fieldProblems(title, 'x'.repeat(301))).toEqual([{ field: 'title', message: 'must be at most 300 characters' }]);
    expect(fieldProblems(title, '   ')).toEqual([{ field: 'title', message: 'must be a non-empty string' }]);
    expect(fieldProblems(bodyText, null)).toEqual([]);
  });

  it("names a list of strings' bad item", () => {
    const [outputs] = inputSchema((r) => ({ outputs: r.strings('outputs', { itemMax: 3 }) }));
    expect(fieldProblems(outputs, ['ok', 'long'])).toEqual([{ field: 'outputs[1]', message: 'must be at most 3 characters' }]);
  });
});
