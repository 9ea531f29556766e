import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { submitApplication } from '@apo/coe/testing';

const REPO = resolve(__dirname, '../../../..');
const KEY = 'projection-worker-kill-key';
jest.setTimeout(120_000);

const application = (i: number) => submitApplication({ name: `COE ${i}`, memberEconomy: 'VN' }).data;

/** The API in its own process (PROJECTOR=worker, the default), killed with SIGKILL under load, then started again. */
describe('SIGKILL of the API while its projection worker keeps up with a load of commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'worker-kill-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const url = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
  let child: ChildProcess | undefined;

  const startApi = async () => {
    const apiKeys = JSON.stringify([{ principal: 'ops', role: 'admin', sha256: createHash('sha256').update(KEY).digest('hex') }]);
    const started = spawn(process.execPath, ['-r', join(REPO, 'tools/register.js'), join(REPO, 'apps/api/src/main.ts')], {
      cwd: REPO,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', API_KEYS: apiKeys },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child = started;
    for (let i = 0; i < 600; i++) {
      if (started.exitCode !== null) throw new Error(`the API exited with ${started.exitCode}`);
      const health = await fetch(`${url}/health`).catch(() => undefined);
      if (health?.status === 200 && ((await health.json()) as { readModels: { runner?: string } }).readModels.runner === 'running') return started;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the API did not start');
  };

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child?.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('after a restart the read models reach the head with every acknowledged command', async () => {
    const first = await startApi();
    const acknowledged = new Map<string, bigint>();
    let killed = false;
    const exited = new Promise((done) => first.once('exit', done));
    // Eight clients in flight; the API is killed after 150 acknowledgements, with requests still open.
    const client = async (c: number) => {
      for (let i = 0; !killed; i++) {
        const id = `kill-${c}-${i}`;
        const answer = await fetch(`${url}/coes/${id}/application`, { method: 'POST', headers, body: JSON.stringify(application(i)) }).catch(() => undefined);
        if (answer?.status === 201) acknowledged.set(id, BigInt(answer.headers.get('x-log-position') as string));
        if (acknowledged.size >= 150 && !killed) {
          killed = true;
          first.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, c) => client(c)));
    await exited;

    await startApi();
    const last = [...acknowledged.values()].reduce((a, b) => (a > b ? a : b));
    const list = await fetch(`${url}/coes?memberEconomy=VN&limit=1000`, { headers: { ...headers, 'x-min-position': String(last) } });
    expect(list.status).toBe(200);
    const listed = new Set(((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id));
    expect([...acknowledged.keys()].filter((id) => !listed.has(id))).toEqual([]);
    const health = (await (await fetch(`${url}/health`)).json()) as {
      readModels: { status: string; lagEvents: number; position: string; headPosition: string };
    };
    expect(health.readModels).toMatchObject({ status: 'up', lagEvents: 0 });
    expect(BigInt(health.readModels.position)).toBeGreaterThanOrEqual(last);
  });
});
