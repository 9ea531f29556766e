import { toCsv } from './csv';

describe('toCsv (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, and leaves nulls empty', () => {
    const csv = toCsv([
      { id: 'a', title: 'Lean, green', note: 'said "hi"', empty: null },
      { id: 'b', title: 'two\nlines', note: 'plain', empty: undefined },
    ]);
    expect(csv).toBe('id,title,note,empty\r\na,"Lean, green","said ""hi""",\r\nb,"two\nlines",plain,\r\n');
  });

  it('uses the given columns, in their order', () => {
    expect(toCsv([{ a: 1, b: true }], ['b', 'a'])).toBe('b,a\r\ntrue,1\r\n');
    expect(toCsv([], ['a'])).toBe('a\r\n');
    expect(toCsv([])).toBe('');
  });
});
