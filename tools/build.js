// `npm run build`: compiles apps/ and libs/ (not tests) to plain CommonJS under dist/, mirroring the
// source tree, with the workspace path aliases rewritten to relative requires. `npm start` runs the
// compiled API, so the server carries no TypeScript compiler in memory (about 70 MB less RSS).
// Then the console (apps/console, a browser app) is built by Vite into dist/console (tools/build-console.js).
// Usage: node tools/build.js [outDir]
'use strict';
const { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const swc = require('@swc/core');
const { buildConsole } = require('./build-console');

const ROOT = resolve(__dirname, '..');
const OUT = resolve(ROOT, process.argv[2] || 'dist');
const SOURCE_ROOTS = ['apps', 'libs'];
/** Built by Vite for the browser, not by swc for Node. */
const CONSOLE_SOURCES = join(ROOT, 'apps', 'console');
const isSource = (name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !/\.(spec|test)\.ts$/.test(name);
/** JSON the code reads at run time (not a test's vectors under testdata/). */
const isData = (path) => path.endsWith('.json') && /[/\\]src[/\\]/.test(path) && !/[/\\]testdata[/\\]/.test(path);

function filesUnder(dir, keep) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || path === CONSOLE_SOURCES ? [] : filesUnder(path, keep);
    return keep(path) ? [path] : [];
  });
}

/** The aliases of tsconfig.base.json, longest first so `@apo/coe/testing` wins over `@apo/coe`. */
function aliases() {
  const { paths } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')).compilerOptions;
  return Object.entries(paths)
    .map(([alias, [target]]) => [alias, join(ROOT, target.replace(/\.ts$/, ''))])
    .sort(([a], [b]) => b.length - a.length);
}

/** `@apo/x` becomes a path relative to the file; everything else is left alone. */
function rewriteAliases(code, file, table) {
  return code.replace(/require\("(@apo\/[^"]+)"\)/g, (whole, specifier) => {
    const hit = table.find(([alias]) => alias === specifier);
    if (!hit) throw new Error(`${relative(ROOT, file)}: unknown workspace import ${specifier}`);
    let target = relative(dirname(file), hit[1]).split('\\').join('/');
    if (!target.startsWith('.')) target = `./${target}`;
    return `require(${JSON.stringify(target)})`;
  });
}

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

function build() {
  const started = Date.now();
  rmSync(OUT, { recursive: true, force: true });
  const table = aliases();
  const files = SOURCE_ROOTS.flatMap((root) => filesUnder(join(ROOT, root), (path) => isSource(path)));
  const data = SOURCE_ROOTS.flatMap((root) => filesUnder(join(ROOT, root), isData));
  for (const file of files) {
    const { code, map } = swc.transformFileSync(file, { ...options, filename: file });
    const out = join(OUT, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${rewriteAliases(code, file, table)}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
    if (map) writeFileSync(`${out}.map`, map);
  }
  for (const file of data) {
    const out = join(OUT, relative(ROOT, file));
    mkdirSync(dirname(out), { recursive: true });
    copyFileSync(file, out);
  }
  process.stdout.write(`built ${files.length} files into ${relative(ROOT, OUT) || '.'} in ${Date.now() - started} ms\n`);
}

async function buildAll() {
  build();
  const started = Date.now();
  await buildConsole(join(OUT, 'console'));
  process.stdout.write(`built the console into ${relative(ROOT, join(OUT, 'console'))} in ${Date.now() - started} ms\n`);
}

buildAll().catch((error) => {
  process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
