import fc from 'fast-check';
import { INPUT_LIMITS, jsonInputProblems, readInput, textProblem, ValidationError } from './index';

const CONTROLS = [...Array.from({ length: 0x20 }, (_, i) => i), 0x7f, ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i)].map((c) => String.fromCharCode(c));
const isControl = (c: string) => CONTROLS.includes(c);
/** `{ a: [{ a: [... 'leaf'] }] }`, `depth` objects deep (built in a loop: no recursion). */
const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: [value] };
  return value;
};
const depthOf = (value: unknown): number => (typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value as object).map(depthOf)) : 0);

describe('the input policy (textProblem)', () => {
  it('accepts any well-formed text without control characters, in every script', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const clean = [...text].filter((c) => !isControl(c)).join('');
        expect(textProblem(clean, 'short')).toBeUndefined();
      }),
    );
  });

  it('names the first control character and where it is; tab and newline only in long text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), fc.constantFrom(...CONTROLS), fc.nat(), (text, control, at) => {
        const clean = [...text].filter((c) => !isControl(c)).join('');
        const i = at % (clean.length + 1);
        const dirty = clean.slice(0, i) + control + clean.slice(i);
        const code = `U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
        expect(textProblem(dirty, 'short')).toContain(`${code} (at ${i})`);
        if (control === '\t' || control === '\n') expect(textProblem(dirty, 'long')).toBeUndefined();
        else expect(textProblem(dirty, 'long')).toContain(code);
      }),
    );
  });

  it('refuses exactly the strings that are not well-formed UTF-16 (an unpaired surrogate)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.oneof(fc.constantFrom('\ud83d', '\ude00', '\ud800', '\udfff'), fc.string({ unit: 'grapheme', maxLength: 1 })) }),
        (text) => {
          const withoutControls = [...text].filter((c) => !isControl(c)).join('');
          expect(textProblem(withoutControls) === undefined).toBe((withoutControls as string & { isWellFormed(): boolean }).isWellFormed());
        },
      ),
    );
  });
});

describe('the input policy over a parsed JSON body (jsonInputProblems)', () => {
  it('never throws on any JSON value and refuses it exactly when it nests deeper than the limit', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 20 }), (value) => {
        const problems = jsonInputProblems(value);
        const tooDeep = problems.some((p) => p.message.includes('deep'));
        expect(tooDeep).toBe(depthOf(value) > INPUT_LIMITS.depth);
      }),
    );
  });

  it('refuses ten thousand levels of nesting without recursing', () => {
    expect(jsonInputProblems({ name: nested(10_000) })).toEqual([
      { field: `name${'.a[0]'.repeat(7)}.a`, message: `must not nest objects and arrays more than ${INPUT_LIMITS.depth} deep` },
    ]);
    expect(jsonInputProblems(nested(INPUT_LIMITS.depth / 2 - 1))).toEqual([]);
  });

  it('names the path of a bad string, a bad key, an overlong string and an overlong array', () => {
    expect(jsonInputProblems({ a: { b: ['ok', 'x\u0000'] } })).toEqual([{ field: 'a.b[1]', message: expect.stringContaining('U+0000') }]);
    expect(jsonInputProblems({ 'k\u001b': 1 })[0]).toMatchObject({ field: '"k\\u001b"', message: expect.stringContaining('a field name') });
    expect(jsonInputProblems({ s: 'x'.repeat(INPUT_LIMITS.stringChars + 1) })).toEqual([
      { field: 's', message: `must be at most ${INPUT_LIMITS.stringChars} characters` },
    ]);
    expect(jsonInputProblems({ l: new Array(INPUT_LIMITS.arrayItems + 1).fill(0) })).toEqual([
      { field: 'l', message: `must have at most ${INPUT_LIMITS.arrayItems} items` },
    ]);
    expect(jsonInputProblems(JSON.parse('{"__proto__":{}}'))[0].message).toContain('not an allowed field name');
  });
});

describe('the input policy in command data (InputReader)', () => {
  const read = (data: Record<string, unknown>) => () =>
    readInput(data as never, (r) => ({
      name: r.string('name', { optional: true }),
      reason: r.text('reason', { optional: true }),
      outputs: r.strings('outputs', { optional: true }),
    }));
  const fields = (run: () => unknown) => {
    try {
      run();
      return [];
    } catch (error) {
      return (error as ValidationError).fields.map((f) => f.field);
    }
  };

  it('holds short text, long text and list items to the policy, field by field', () => {
    expect(fields(read({ name: 'a\tb', reason: 'a\tb\nc', outputs: ['ok'] }))).toEqual(['name']);
    expect(fields(read({ reason: 'a\u0000' }))).toEqual(['reason']);
    expect(fields(read({ outputs: ['ok', 'bad\u001b[2J', 'x'.repeat(INPUT_LIMITS.listItemChars + 1)] }))).toEqual(['outputs[1]', 'outputs[2]']);
    expect(read({ name: 'Centre d’Excellence — 生産性', reason: 'line 1\nline 2', outputs: ['kit'] })()).toEqual({
      name: 'Centre d’Excellence — 生産性',
      reason: 'line 1\nline 2',
      outputs: ['kit'],
    });
  });
});
