// The console (apps/console): a React single-page app built by Vite into static files the API
// serves under /console/ (and at /). `npm run build` and `npm start` call it after the API's build.
// Usage: node tools/build-console.js [outDir]   (default dist/console)
'use strict';
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { brotliCompressSync, gzipSync, constants } = require('node:zlib');

const ROOT = resolve(__dirname, '..');

/** Builds the console into `outDir`, with a .br and a .gz beside each script and style sheet (served pre-compressed). */
async function buildConsole(outDir = resolve(ROOT, 'dist', 'console')) {
  const { build } = await import('vite');
  // Always React's production build: Vite takes NODE_ENV from the environment, and under jest
  // (NODE_ENV=test) it built React's development runtime (jsxDEV, console.createTask per element),
  // several times slower to render 1,000 rows. Restored afterwards: tools/build.js calls this in-process.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: resolve(ROOT, 'apps', 'console'),
      base: '/console/',
      logLevel: 'warn',
      configFile: false,
      esbuild: { jsx: 'automatic' },
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        sourcemap: false,
        reportCompressedSize: false,
        rollupOptions: {
          // TanStack Query marks its modules "use client" (for React Server Components): meaningless in a browser bundle.
          onwarn(warning, warn) {
            if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
          },
        },
      },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const assets = join(outDir, 'assets');
  for (const name of readdirSync(assets).filter((file) => /\.(js|css)$/.test(file))) {
    const content = readFileSync(join(assets, name));
    writeFileSync(join(assets, `${name}.br`), brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(join(assets, `${name}.gz`), gzipSync(content, { level: 9 }));
  }
}

module.exports = { buildConsole };

if (require.main === module) {
  const started = Date.now();
  const outDir = resolve(ROOT, process.argv[2] || 'dist/console');
  buildConsole(outDir).then(
    () => process.stdout.write(`built the console into ${outDir} in ${Date.now() - started} ms\n`),
    (error) => {
      process.stderr.write(`console build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
