/**
 * `npm run profile -- [section ...]`: runs bench sections once under `--cpu-prof` (every process
 * and worker thread they start, the API included) and turns each profile into an SVG flame graph
 * in docs/profiles/, with a page per section listing the functions with the most self time.
 * Sections are the bench's (tools/bench/main.ts); with none named, the hot paths of issue 9.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { callTree, flameGraphSvg, topSelf, topTotal, type CpuProfile } from './flamegraph';

const REPO = resolve(__dirname, '../..');
const OUT = join(REPO, 'docs', 'profiles');
const HOT_PATHS = ['commands', 'http', 'projections', 'audit'];

/** What a profile is of, from the scripts in it: the API, the bare route, a worker, the bench. */
function roleOf(profile: CpuProfile): string {
  const urls = new Set(profile.nodes.map((node) => node.callFrame.url));
  const has = (pattern: RegExp) => [...urls].some((url) => pattern.test(url));
  if (has(/dist\/apps\/api\/src\/main\.js$/)) return 'api';
  if (has(/bare-nest-server\.ts$/)) return 'bare-route';
  if (has(/bare-fastify-server\.ts$/)) return 'bare-fastify';
  if (has(/tools\/bench\/main\.ts$/)) return 'bench';
  const worker = [...urls].map((url) => /([\w-]*worker[\w-]*)\.[jt]s$/i.exec(url)?.[1]).find(Boolean);
  if (worker) return worker;
  return 'other';
}

function profileSection(section: string): string {
  const dir = mkdtempSync(join(tmpdir(), `profile-${section}-`));
  process.stdout.write(`${section}: running under --cpu-prof\n`);
  try {
    // Node refuses --cpu-prof in NODE_OPTIONS: the bench takes it on its command line (its worker
    // threads inherit it) and hands it to the servers it starts.
    const flags = ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=500'];
    execFileSync(process.execPath, [...flags, '-r', './tools/register.js', '--expose-gc', 'tools/bench/main.ts', section], {
      cwd: REPO,
      stdio: 'inherit',
      env: { ...process.env, BENCH_REPEATS: '1', BENCH_WRITE_DOCS: '0', BENCH_CHILD_NODE_FLAGS: flags.join(' ') },
    });
    const seen = new Map<string, number>();
    const lines = [
      `# Profile: ${section}`,
      '',
      `\`npm run profile -- ${section}\` on ${new Date().toISOString().slice(0, 10)}: one run of the bench section under \`--cpu-prof\` (500 µs sampling), every process and thread it started. ` +
        'Each graph is the whole process: the measured workload and its ceilings appear side by side under their own functions. Hover a box for its file and share.',
      '',
    ];
    for (const file of readdirSync(dir)
      .filter((name) => name.endsWith('.cpuprofile'))
      .sort()) {
      const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
      const tree = callTree(profile);
      if (tree.total < 200) continue; // short-lived helpers (npm's shell steps, the build)
      const role = roleOf(profile);
      const n = (seen.get(role) ?? 0) + 1;
      seen.set(role, n);
      const name = `${section}-${role}${n > 1 ? `-${n}` : ''}`;
      writeFileSync(join(OUT, `${name}.svg`), flameGraphSvg(tree, `${section}: ${role}${n > 1 ? ` ${n}` : ''}`));
      lines.push(
        `## ${role}${n > 1 ? ` ${n}` : ''}`,
        '',
        `![${name}](${name}.svg)`,
        '',
        `${tree.total} busy samples. Most self time:`,
        '',
        '| share | function | file |',
        '|---:|---|---|',
      );
      for (const entry of topSelf(tree, 12)) lines.push(`| ${(entry.share * 100).toFixed(1)} % | \`${entry.name}\` | ${entry.file || '–'} |`);
      lines.push('', "This repository's functions with the most total time (callees included):", '', '| share | function | file |', '|---:|---|---|');
      for (const entry of topTotal(tree, 12, (frame) => /^(apps|libs)\//.test(frame.file)))
        lines.push(`| ${(entry.share * 100).toFixed(1)} % | \`${entry.name}\` | ${entry.file} |`);
      lines.push('');
    }
    writeFileSync(join(OUT, `${section}.md`), `${lines.join('\n')}`);
    return section;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const main = () => {
  const asked = process.argv.slice(2); // the bench refuses a section it does not have
  mkdirSync(OUT, { recursive: true });
  for (const section of asked.length > 0 ? asked : HOT_PATHS) process.stdout.write(`wrote docs/profiles/${profileSection(section)}.md\n`);
};

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
