// `npm run start:dev`: the API from its TypeScript sources, restarted when a file under apps/ or libs/ changes
// (node --watch), and the console from Vite's dev server, reloaded on every save, on http://127.0.0.1:5173/console/
// with every other path proxied to the API. Ctrl-C stops both. (`npm start` serves a built console on the API's own port.)
'use strict';
const { spawn } = require('node:child_process');
const { resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const port = process.env.PORT || '3000';

const api = spawn(process.execPath, ['--watch-path=apps/api/src', '--watch-path=libs', '-r', './tools/register.js', 'apps/api/src/main.ts'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, PORT: port },
});
const consoleDev = spawn(process.execPath, [resolve(__dirname, 'console-dev.js')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { API_URL: `http://127.0.0.1:${port}`, ...process.env },
});

const children = [api, consoleDev];
let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
};
for (const child of children) child.on('exit', (code) => stop(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));
