import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CommanderError } from 'commander';
import fc from 'fast-check';
import { CliError } from '../cli-context';
import { buildProgram } from '../main';

/** A data dir that holds no store: a command whose arguments parse stops there (exit 3), never earlier or with a crash. */
const NO_STORE = join(tmpdir(), 'coe-no-store-here');

/** What `coe` would exit with for these arguments (main.ts maps a CommanderError to 2), or the error that is no refusal at all. */
async function exitOf(args: readonly string[]): Promise<number | unknown> {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await buildProgram().parseAsync(['node', 'coe', '--data-dir', NO_STORE, ...args]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) return error.exitCode;
    return error;
  } finally {
    stderr.mockRestore();
    stdout.mockRestore();
  }
}

const WHOLE = /^\d{1,16}$/;
const isWhole = (value: string) => WHOLE.test(value) && Number.isSafeInteger(Number(value));
/** Strings that look like numbers half the time. */
const numberish = fc.oneof(
  fc.string(),
  fc.nat().map(String),
  fc.constantFrom('-1', '1e3', '0x10', '1.5', ' 1', '9007199254740992', '007', ''),
  fc.bigInt().map(String),
);

describe('coe audit prove|consistency|bundle|verify --checkpoint|keygen: argument parsing', () => {
  it('a revision or tree size is a whole number: anything else is bad usage (exit 2), a good one goes on to open the store (exit 3)', async () => {
    await fc.assert(
      fc.asyncProperty(numberish, numberish, async (a, b) => {
        // `--` keeps values that start with "-" arguments, as a shell user would have to.
        expect(await exitOf(['audit', 'prove', 'th-digital', '--', a])).toBe(isWhole(a) ? 3 : 2);
        expect(await exitOf(['audit', 'prove', 'th-digital', '0', `--tree-size=${a}`])).toBe(isWhole(a) ? 3 : 2);
        const ordered = isWhole(a) && isWhole(b) ? (Number(a) > Number(b) ? 2 : 3) : 2;
        expect(await exitOf(['audit', 'consistency', '--', a, b])).toBe(ordered);
        expect(await exitOf(['audit', 'bundle', 'th-digital', '--out', 'x.json', `--tree-size=${a}`])).toBe(isWhole(a) ? 3 : 2);
      }),
      { numRuns: 60 },
    );
  });

  it('any instance id, key name or file name is refused as bad usage or reaches the store, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (text) => {
        for (const args of [
          ['audit', 'prove', '--', text, '0'],
          ['audit', 'bundle', '--out', 'x.json', '--', text],
          ['audit', 'verify', '--checkpoint', join(NO_STORE, 'kept.checkpoint'), '--key', text],
          ['audit', 'verify', `--checkpoint=${text}`],
        ])
          expect([2, 3]).toContain(await exitOf(args));
        // Keygen on a name: either refused (exit 2) or it would write (not tried here: --out names a directory that does not exist).
        expect(await exitOf(['audit', 'keygen', '--out', join(NO_STORE, 'k', 'key'), '--', text])).toBe(2);
      }),
      { numRuns: 80 },
    );
  });
});
