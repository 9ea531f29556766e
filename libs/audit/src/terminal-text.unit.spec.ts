import { terminalSafe } from './terminal-text';

describe('terminalSafe: stored text as a terminal may show it', () => {
  it('writes C0 and C1 controls, DEL and lone surrogates as escapes, and nothing else', () => {
    expect(terminalSafe('a\u001b[2J\u0007\u0000\rb\u007f\u009b\ud800c\udc00d')).toBe('a\\u001b[2J\\u0007\\u0000\\u000db\\u007f\\u009b\\ud800c\\udc00d');
    expect(terminalSafe('line\nnext\ttab')).toBe('line\\u000anext\\u0009tab');
    const plain = 'Café 漢字 😀 👩‍👩‍👧 שלום "quoted" \\u001b';
    expect(terminalSafe(plain)).toBe(plain);
  });

  it('keeps tab, newline and CR LF of a multi-line text, not a CR alone', () => {
    expect(terminalSafe('a\tb\nc\r\nd\re', true)).toBe('a\tb\nc\r\nd\\u000de');
  });

  it('leaves JSON valid and of the same value (JSON.stringify leaves DEL and C1 raw)', () => {
    const value = { note: 'x\u009b31my\u007f\u001b', lone: '\ud800' };
    const printed = terminalSafe(JSON.stringify(value, null, 2), true);
    expect(printed).not.toMatch(/[\u007f-\u009f]/);
    expect(JSON.parse(printed)).toEqual(value);
  });
});
