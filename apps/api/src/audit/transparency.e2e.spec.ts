import { coeLifeScriptV2 } from '@apo/coe/testing';
import { leafHash, merkleHashFromHex, merkleHashToHex, openCheckpoint, verifyConsistency, verifyInclusion } from '@apo/transparency-log';
import { ApiHarness } from '../testing/api-harness';

const problemType = 'application/problem+json';
const ORIGIN = 'audit.e2e.example/log';
const hashes = (list: unknown) => (list as string[]).map((hex) => merkleHashFromHex(hex));
const until = async (done: () => Promise<boolean>, ms = 15_000) => {
  for (const end = Date.now() + ms; !(await done()); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('transparency log API (real server, embedded store, projection worker)', () => {
  const h = new ApiHarness();
  const get = (path: string, headers: Record<string, string> = {}) => h.request('GET', path, { role: 'auditor', headers });
  let head: number;
  let events: { revision: number; metadata: { hash: string } }[];

  beforeAll(async () => {
    await h.start({ CHECKPOINT_EVERY_EVENTS: '3', CHECKPOINT_EVERY_SECONDS: '1', TRANSPARENCY_ORIGIN: ORIGIN });
    for (const step of coeLifeScriptV2.slice(0, 8)) {
      h.clock.set(`${step.on}T09:00:00Z`);
      expect([200, 201]).toContain((await h.command('tl-a', step.command.type, step.command.data, step.role)).status);
    }
    head = Number((await h.api.readModels.health()).headPosition);
    await until(async () => (await get('/audit/checkpoints')).body.treeSize === head);
    events = (await get('/coes/tl-a/history')).body.events as typeof events;
  }, 60_000);
  afterAll(() => h.stop());

  it('serves the latest checkpoint as JSON and as the signed note, which opens with the listed verifier key', async () => {
    const latest = await get('/audit/checkpoints');
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ treeSize: head, origin: ORIGIN, rootHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const keys = await get('/audit/keys');
    expect(keys.body.keys).toEqual([expect.objectContaining({ verifierKey: latest.body.verifierKey, keyName: ORIGIN, lastTreeSize: head })]);
    const opened = openCheckpoint(latest.body.note as string, [latest.body.verifierKey as string], ORIGIN).checkpoint;
    expect(opened.size).toBe(head);
    expect(merkleHashToHex(opened.rootHash)).toBe(latest.body.rootHash);
    const text = await get('/audit/checkpoints', { accept: 'text/plain' });
    expect(text.headers.get('content-type')).toContain('text/plain');
    expect(text.body.text).toBe(latest.body.note);
  });

  it('serves a checkpoint by size; 404 for a size never signed, 400 for one that is no size', async () => {
    const first = (await get('/audit/keys')).body.keys as { firstTreeSize: number }[];
    const bySize = await get(`/audit/checkpoints?size=${first[0].firstTreeSize}`);
    expect(bySize.body.treeSize).toBe(first[0].firstTreeSize);
    const missing = await get('/audit/checkpoints?size=999999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain(problemType);
    for (const bad of ['abc', '0', '-1', '1.5']) expect((await get(`/audit/checkpoints?size=${bad}`)).status).toBe(400);
  });

  it('proves every event of a COE in the latest checkpoint: the leaf is the envelope hash, the proof leads to the signed root', async () => {
    const latest = (await get('/audit/checkpoints')).body;
    const root = openCheckpoint(latest.note as string, [latest.verifierKey as string], ORIGIN).checkpoint.rootHash;
    for (const event of events) {
      const answer = await get(`/audit/proofs/inclusion?streamId=coe-tl-a&revision=${event.revision}`);
      expect(answer.status).toBe(200);
      const { leafIndex, treeSize, leafHash: leafHex, proof } = answer.body as { leafIndex: number; treeSize: number; leafHash: string; proof: string[] };
      expect(leafHex).toBe(merkleHashToHex(leafHash(merkleHashFromHex(event.metadata.hash))));
      expect(treeSize).toBe(head);
      expect(verifyInclusion(merkleHashFromHex(leafHex), leafIndex, treeSize, hashes(proof), root)).toBe(true);
    }
  });

  it('refuses an event after the asked checkpoint (409), an unknown event (404) and bad parameters (400)', async () => {
    const keys = (await get('/audit/keys')).body.keys as { firstTreeSize: number }[];
    const first = keys[0].firstTreeSize;
    const late = events[events.length - 1];
    const after = await get(`/audit/proofs/inclusion?streamId=coe-tl-a&revision=${late.revision}&treeSize=${first}`);
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ code: 'NOT_IN_CHECKPOINT', treeSize: first });
    expect((await get('/audit/proofs/inclusion?streamId=coe-nope&revision=0')).status).toBe(404);
    expect((await get('/audit/proofs/inclusion?streamId=coe-tl-a&revision=999')).status).toBe(404);
    expect((await get('/audit/proofs/inclusion?revision=0')).status).toBe(400);
    expect((await get('/audit/proofs/inclusion?streamId=coe-tl-a&revision=x')).status).toBe(400);
    expect((await get('/audit/proofs/inclusion?streamId=coe-tl-a&revision=0&treeSize=999999')).status).toBe(404);
  });

  it('proves the latest checkpoint extends the first; refuses sizes never signed and from > to', async () => {
    const first = ((await get('/audit/keys')).body.keys as { firstTreeSize: number }[])[0].firstTreeSize;
    const answer = await get(`/audit/proofs/consistency?from=${first}&to=${head}`);
    expect(answer.status).toBe(200);
    const { fromCheckpoint, toCheckpoint, proof } = answer.body as { fromCheckpoint: string; toCheckpoint: string; proof: string[] };
    const verifier = (await get('/audit/checkpoints')).body.verifierKey as string;
    const [older, newer] = [openCheckpoint(fromCheckpoint, [verifier], ORIGIN).checkpoint, openCheckpoint(toCheckpoint, [verifier], ORIGIN).checkpoint];
    expect(verifyConsistency(older.size, newer.size, older.rootHash, newer.rootHash, hashes(proof))).toBe(true);
    expect((await get(`/audit/proofs/consistency?from=${head}&to=${first}`)).status).toBe(head === first ? 200 : 400);
    expect((await get(`/audit/proofs/consistency?from=${first}&to=999999`)).status).toBe(404);
    expect((await get('/audit/proofs/consistency?from=1')).status).toBe(400);
  });

  it('403 for the assessor and reporter roles, 401 without a key', async () => {
    for (const role of ['assessor', 'reporter'] as const) {
      for (const path of ['/audit/checkpoints', '/audit/keys', '/audit/proofs/inclusion?streamId=coe-tl-a&revision=0', '/audit/proofs/consistency?from=1&to=1'])
        expect((await h.request('GET', path, { role })).status).toBe(403);
    }
    expect((await h.request('GET', '/audit/checkpoints')).status).toBe(401);
  });
});
