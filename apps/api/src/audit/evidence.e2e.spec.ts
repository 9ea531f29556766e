import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeCheckpoint, runVerifier } from '@apo/audit/testing';
import { bcnLifeScript, BCN_LIFE_SCRIPT_ID } from '@apo/bcn/testing';
import { coeLifeScriptV2 } from '@apo/coe/testing';
import type { ReadStore } from '@apo/read-store';
import { TransparencyLogReader } from '@apo/shared-read-models';
import { generateNoteKeys } from '@apo/transparency-log';
import { READ_STORE } from '../infrastructure/tokens';
import { ApiHarness, type HttpAnswer } from '../testing/api-harness';

const ORIGIN = 'apo.example.org/log';
const SIGNER = { ...generateNoteKeys(ORIGIN), origin: ORIGIN };
const problemType = 'application/problem+json';

describe('GET /coes/:id/evidence and /bcn-exchanges/:id/evidence (real server, embedded store, the tree kept by the projection)', () => {
  const h = new ApiHarness();
  const dir = mkdtempSync(join(tmpdir(), 'evidence-e2e-'));
  let reader: TransparencyLogReader;
  let readStore: ReadStore;
  let logSize = 0;
  const get = (path: string, role: 'auditor' | 'admin' | 'reporter' = 'auditor') => h.request('GET', path, { role });

  /** Waits until the projection has made a leaf of every event written so far. */
  const treeCaughtUp = async () => {
    for (const until = Date.now() + 20_000; (await reader.treeSize()) < logSize && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    expect(await reader.treeSize()).toBe(logSize);
  };

  beforeAll(async () => {
    await h.start();
    readStore = h.api.app.get<ReadStore>(READ_STORE);
    reader = new TransparencyLogReader(readStore.db);
    const steps = [...coeLifeScriptV2.map((s) => ({ ...s, bcn: false })), ...bcnLifeScript.map((s) => ({ ...s, bcn: true }))].sort((a, b) =>
      a.on < b.on ? -1 : a.on > b.on ? 1 : 0,
    );
    for (const step of steps) {
      h.clock.set(`${step.on}T09:00:00Z`);
      const answer: HttpAnswer = step.bcn
        ? await h.bcnCommand(BCN_LIFE_SCRIPT_ID, step.command.type, step.command.data, step.role)
        : await h.command('th-digital', step.command.type, step.command.data, step.role);
      expect([step.command.type, answer.status < 300]).toEqual([step.command.type, true]);
    }
    logSize = steps.length;
    h.clock.set('2031-01-01T00:00:00Z');
  }, 90_000);
  afterAll(async () => {
    await h.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('before any signed checkpoint: 409 NOT_CHECKPOINTED, problem+json, saying why', async () => {
    const r = await get('/coes/th-digital/evidence');
    expect(r.status).toBe(409);
    expect(r.headers.get('content-type')).toContain(problemType);
    expect(r.body).toMatchObject({ code: 'NOT_CHECKPOINTED', detail: 'no signed checkpoint yet: the log has not been checkpointed' });
  });

  it('after a checkpoint: the bundle as an attachment, which the offline verifier script verifies (COE and BCN exchange)', async () => {
    await treeCaughtUp();
    await storeCheckpoint(readStore, SIGNER, logSize, await reader.rootAt(logSize));
    for (const [path, streamId, events] of [
      ['/coes/th-digital/evidence', 'coe-th-digital', coeLifeScriptV2.length],
      [`/bcn-exchanges/${BCN_LIFE_SCRIPT_ID}/evidence`, `bcn-${BCN_LIFE_SCRIPT_ID}`, bcnLifeScript.length],
    ] as const) {
      const response = await fetch(`${h.api.url}${path}`, { headers: { authorization: `Bearer ${h.keys.auditor}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${streamId}.evidence.json"`);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ format: 'apo-evidence-bundle/1', origin: ORIGIN, verifierKey: SIGNER.verifierKey, instance: { streamId } });
      expect((JSON.parse(text) as { events: unknown[] }).events).toHaveLength(events);
      const file = join(dir, `${streamId}.json`);
      writeFileSync(file, text);
      const verified = await runVerifier(file, ['--key', SIGNER.verifierKey]);
      expect({ path, code: verified.code, stderr: verified.stderr }).toEqual({ path, code: 0, stderr: '' });
      expect(verified.stdout).toContain('VERIFIED');
    }
    expect((await get('/coes/th-digital/evidence', 'admin')).status).toBe(200);
    expect((await get(`/coes/th-digital/evidence?treeSize=${logSize}`)).status).toBe(200);
  }, 60_000);

  it('an instance with an event after the latest checkpoint: 409 NOT_CHECKPOINTED naming the event; the older instance still answers', async () => {
    h.clock.set(`${coeLifeScriptV2[0].on}T09:00:00Z`);
    expect((await h.command('th-late', coeLifeScriptV2[0].command.type, coeLifeScriptV2[0].command.data, coeLifeScriptV2[0].role)).status).toBe(201);
    logSize += 1;
    await treeCaughtUp();
    const late = await get('/coes/th-late/evidence');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'NOT_CHECKPOINTED', detail: expect.stringContaining('coe-th-late@0 is not in a signed checkpoint yet') });
    expect((await get('/coes/th-digital/evidence')).status).toBe(200);
  });

  it('bad input: unknown id 404, a size without a checkpoint 409 NO_CHECKPOINT, a bad size 400, other roles 403, no key 401', async () => {
    expect((await get('/coes/th-nowhere/evidence')).body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect((await get('/coes/th-digital/evidence?treeSize=5')).body).toMatchObject({
      status: 409,
      code: 'NO_CHECKPOINT',
      detail: 'no signed checkpoint of tree size 5',
    });
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999999999999']) expect((await get(`/coes/th-digital/evidence?treeSize=${bad}`)).status).toBe(400);
    expect((await get('/coes/th-digital/evidence', 'reporter')).status).toBe(403);
    expect((await h.request('GET', '/coes/th-digital/evidence')).status).toBe(401);
    expect((await get('/bcn-exchanges/BAD%20ID/evidence')).status).toBe(400);
  });
});
