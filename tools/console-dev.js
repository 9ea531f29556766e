// `npm run console:dev`: the console reloading on every save (Vite's dev server on http://127.0.0.1:5173/console/),
// every other path proxied to the API (`npm run start:dev` beside it; API_URL, default http://127.0.0.1:3000).
'use strict';
const { resolve } = require('node:path');

async function main() {
  const { createServer } = await import('vite');
  const server = await createServer({
    root: resolve(__dirname, '..', 'apps', 'console'),
    base: '/console/',
    configFile: false,
    esbuild: { jsx: 'automatic' },
    server: {
      host: '127.0.0.1',
      port: Number(process.env.CONSOLE_PORT || 5173),
      proxy: { '^/(?!console(/|$))': { target: process.env.API_URL || 'http://127.0.0.1:3000' } },
    },
  });
  await server.listen();
  server.printUrls();
}

main().catch((error) => {
  process.stderr.write(`console:dev failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
