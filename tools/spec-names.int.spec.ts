import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** Every spec file under apps/, libs/ and tools/, relative to the repository. */
const specFiles = (): string[] =>
  ['apps', 'libs', 'tools'].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.spec.ts') && !file.split('/').includes('node_modules'))
      .map((file) => `${dir}/${file}`),
  );

/**
 * Test files are named by kind, so a run can pick them: `.unit.spec.ts` (pure, no I/O),
 * `.int.spec.ts` (a real store, database, file system or child process), `.e2e.spec.ts` (an HTTP
 * server). Property tests follow the same rule.
 */
describe('test file names', () => {
  it('name every spec file by its kind', () => {
    const files = specFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => !/\.(unit|int|e2e)\.spec\.ts$/.test(file))).toEqual([]);
  });
});
