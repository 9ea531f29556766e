import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');

/** Probe files, each importing one package from one library; linted together in one ESLint run. */
const probes: { file: string; pkg: string; allowed: boolean }[] = [
  { file: 'libs/engine/src/lint-probe-1.ts', pkg: '@nestjs/common', allowed: false },
  { file: 'libs/engine/src/lint-probe-2.ts', pkg: 'better-sqlite3', allowed: false },
  { file: 'libs/coe/src/lint-probe-3.ts', pkg: 'class-validator', allowed: false },
  { file: 'libs/coe/src/lint-probe-4.ts', pkg: '@eventstore/db-client', allowed: false },
  { file: 'libs/reference/src/lint-probe-5.ts', pkg: 'pg', allowed: false },
  { file: 'libs/event-store/src/sqlite/lint-probe-6.ts', pkg: '@eventstore/db-client', allowed: false },
  { file: 'libs/event-store/src/sqlite/lint-probe-7.ts', pkg: 'better-sqlite3', allowed: true },
  { file: 'libs/coe/src/lint-probe-8.ts', pkg: '@apo/engine', allowed: true },
  // BCN is as pure as COE, and neither programme reaches into the other.
  { file: 'libs/bcn/src/lint-probe-9.ts', pkg: '@apo/coe', allowed: false },
  { file: 'libs/coe/src/lint-probe-10.ts', pkg: '@apo/bcn', allowed: false },
  { file: 'libs/bcn/src/lint-probe-11.ts', pkg: 'kysely', allowed: false },
  { file: 'libs/programmes/src/lint-probe-12.ts', pkg: '@nestjs/common', allowed: false },
  { file: 'libs/programmes/src/lint-probe-13.ts', pkg: '@apo/bcn', allowed: true },
  // The read side: each programme's read models stay apart, and the layers only look down (an import back up the
  // layers the other way is refused too, as a circular dependency, before the tag rule is even asked).
  { file: 'libs/coe-read-models/src/lint-probe-14.ts', pkg: '@apo/bcn-read-models', allowed: false },
  { file: 'libs/bcn-read-models/src/lint-probe-15.ts', pkg: '@apo/coe', allowed: false },
  { file: 'libs/coe-read-models/src/lint-probe-16.ts', pkg: '@apo/projections', allowed: false },
  { file: 'libs/shared-read-models/src/lint-probe-17.ts', pkg: '@apo/read-queries', allowed: false },
  { file: 'libs/read-store/src/lint-probe-18.ts', pkg: '@apo/stream-folding', allowed: false },
  { file: 'libs/read-queries/src/lint-probe-19.ts', pkg: '@apo/coe-read-models', allowed: false },
  { file: 'libs/coe-read-models/src/lint-probe-20.ts', pkg: '@apo/stream-folding', allowed: true },
  { file: 'libs/projections/src/lint-probe-21.ts', pkg: '@apo/bcn-read-models', allowed: true },
];

/** The lint rules that keep the domain pure actually fire (a config that checks nothing fails here). */
describe('module boundaries (ESLint)', () => {
  let messages: Map<string, string[]>;

  beforeAll(() => {
    try {
      for (const p of probes) writeFileSync(join(root, p.file), `import * as probe from '${p.pkg}';\nexport const used = probe;\n`);
      let output: string;
      try {
        output = execFileSync(join(root, 'node_modules/.bin/eslint'), ['--format', 'json', ...probes.map((p) => p.file)], { cwd: root, encoding: 'utf8' });
      } catch (error) {
        output = (error as { stdout: string }).stdout; // exit 1: lint errors found, as expected
      }
      const results = JSON.parse(output) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
      messages = new Map(results.map((r) => [relative(root, r.filePath), r.messages.map((m) => `${m.ruleId}: ${m.message}`)]));
    } finally {
      for (const p of probes) rmSync(join(root, p.file), { force: true });
    }
  }, 60_000);

  it.each(probes.filter((p) => !p.allowed))('$file may not import $pkg', ({ file, pkg }) => {
    const refusal = (m: string) =>
      m.includes(pkg) ||
      m.includes('Only the EventStoreDB adapter') ||
      m.startsWith('@nx/enforce-module-boundaries: Circular dependency') ||
      /tagged with "(scope|read):\w+" can not depend on libs tagged with "(scope|read):/.test(m);
    expect(messages.get(file)?.some(refusal)).toBe(true);
  });

  it.each(probes.filter((p) => p.allowed))('$file may import $pkg', ({ file }) => {
    expect(messages.get(file)).toEqual([]);
  });
});
