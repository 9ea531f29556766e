/**
 * `npm run bench`: runs every section, prints progress, writes bench-results/latest.json and
 * docs/benchmarks.md. Add a section by writing `<name>-bench.ts` that returns a `Section` and
 * listing it below.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machine, mergeIntoPage, toMarkdown, type BenchReport, type Section } from './report';
import { auditSection } from './audit-bench';
import { bundleSection } from './bundle-bench';
import { coldLoadSection } from './cold-load-bench';
import { commandsSection } from './commands-bench';
import { consoleSection } from './console-bench';
import { httpSection } from './http-bench';
import { multiProcessSection } from './multi-process-bench';
import { personalDataSection } from './personal-data-bench';
import { projectionsSection } from './projections-bench';
import { storeSection } from './store-bench';
import { transparencySection } from './transparency-bench';

const REPO = resolve(__dirname, '../..');
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

/** `optIn`: run only when named (`npm run bench -- multi`). */
const sections: { name: string; run: (repeats: number, log: (line: string) => void) => Promise<Section>; optIn?: boolean }[] = [
  { name: 'store', run: storeSection },
  { name: 'commands', run: commandsSection },
  { name: 'cold-load', run: coldLoadSection },
  { name: 'http', run: httpSection },
  { name: 'projections', run: projectionsSection },
  { name: 'audit', run: auditSection },
  { name: 'transparency', run: transparencySection },
  { name: 'personal', run: personalDataSection },
  { name: 'bundle', run: bundleSection },
  { name: 'console', run: consoleSection },
  { name: 'multi', run: multiProcessSection, optIn: true },
];

const main = async () => {
  const only = process.argv.slice(2);
  const unknown = only.filter((name) => !sections.some((section) => section.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench section(s): ${unknown.join(', ')}; the sections are ${sections.map((s) => s.name).join(', ')}\n`);
    process.exit(2);
  }
  const log = (line: string) => process.stdout.write(`  ${line}\n`);
  const results: Section[] = [];
  for (const section of sections) {
    if (only.length > 0 ? !only.includes(section.name) : section.optIn) continue;
    process.stdout.write(`${section.name}\n`);
    results.push(await section.run(REPEATS, log));
  }
  const report: BenchReport = { date: new Date().toISOString(), machine: machine(), repeats: REPEATS, sections: results };
  mkdirSync(join(REPO, 'bench-results'), { recursive: true });
  writeFileSync(join(REPO, 'bench-results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  // `npm run profile` runs sections under the profiler: those figures are not the bench's.
  // Some sections only: they replace theirs on the page, the others stay.
  const page = join(REPO, 'docs', 'benchmarks.md');
  const text = only.length > 0 && existsSync(page) ? mergeIntoPage(readFileSync(page, 'utf8'), report) : toMarkdown(report);
  if (process.env.BENCH_WRITE_DOCS !== '0') writeFileSync(page, text);
  process.stdout.write(`\n${toMarkdown(report)}`);
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
