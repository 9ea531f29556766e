import { buildProgram } from './main';

describe('coe: the input policy on arguments', () => {
  it.each([
    [['audit', 'history', 'th-1\u001b[2J'], 'argument 1 must not contain the control character U+001B (at 4)'],
    [['--data-dir', 'data\u0000x', 'audit', 'history', 'th-1'], '--dataDir must not contain the control character U+0000 (at 4)'],
    [['audit', 'history', 'x\ud800'], 'argument 1 must not contain an unpaired surrogate U+D800 (at 1)'],
  ])('refuses %j with exit code 2, naming the argument without echoing it', async (args, message) => {
    const failure = await buildProgram()
      .parseAsync(['node', 'coe', ...args])
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toMatchObject({ exitCode: 2, message });
  });
});
