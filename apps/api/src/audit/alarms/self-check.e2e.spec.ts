import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tamper } from '@apo/audit/testing';
import * as f from '@apo/coe/testing';
import { openReadStore, type ReadStore } from '@apo/read-store';
import { TransparencyLogReader } from '@apo/shared-read-models';
import { generateNoteKeys, signNote } from '@apo/transparency-log';
import { ApiHarness } from '../../testing/api-harness';

const defined = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error('expected a checkpoint');
  return value;
};

const until = async (done: () => Promise<boolean> | boolean, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * The server defends its log (issue #21) end to end: the API signs checkpoints and hands them to a
 * witness directory; the store file is tampered with while the API is down; at the next start the
 * self-check names what happened, every write is refused with 503 AUDIT_ALARM while reads stay
 * open, and an admin's acknowledgement (who, why) lets writes through again without the same
 * finding being raised twice.
 */
describe('the self-check at start against the signed checkpoints and a witness', () => {
  const settings = { CHECKPOINT_EVERY_EVENTS: '2', CHECKPOINT_EVERY_SECONDS: '1', AUDIT_SELF_CHECK_SECONDS: '1', PROJECTOR: 'in-process' };
  let witnessDir: string;
  let h: ApiHarness;

  beforeEach(() => {
    witnessDir = mkdtempSync(join(tmpdir(), 'witness-'));
    h = new ApiHarness();
  });
  afterEach(async () => {
    await h.stop();
    rmSync(witnessDir, { recursive: true, force: true });
  });

  /** Six COEs applied for, every event in a signed checkpoint the witness holds; the API halted. */
  async function signedLogThenHalt(): Promise<{ dir: string; size: number }> {
    await h.start({ ...settings, WITNESS_DIRS: witnessDir });
    for (let i = 0; i < 6; i++) expect((await h.command(`sc-${i}`, 'SubmitApplication', f.submitApplication().data, 'assessor')).status).toBe(201);
    let size = 0;
    await until(async () => {
      const answer = await h.request('GET', '/audit/alarms', { role: 'auditor' });
      expect(answer.body).toEqual({ open: 0, alarms: [] });
      const files = readdirSync(witnessDir).filter((name) => /^\d+\.checkpoint$/.test(name));
      size = Math.max(0, ...files.map((name) => Number.parseInt(name, 10)));
      return size === 6;
    });
    return { dir: await h.halt(), size };
  }

  it('a truncated tail: named at the next start, writes refused until an admin acknowledges it, then accepted', async () => {
    const { dir } = await signedLogThenHalt();
    const tamper = new Tamper(dir);
    const gone = tamper.all().slice(-2);
    for (const row of gone) tamper.delete(row.stream_id, row.revision);
    tamper.close();

    await h.start({ ...settings, WITNESS_DIRS: witnessDir }, dir);
    await until(async () => (await h.request('GET', '/audit/alarms', { role: 'auditor' })).body.open === 1);
    const { alarms } = (await h.request('GET', '/audit/alarms', { role: 'auditor' })).body as { alarms: { id: number; kind: string; summary: string }[] };
    expect(alarms).toHaveLength(1);
    expect(alarms[0].kind).toBe('truncated');
    expect(alarms[0].summary).toContain(`${gone[0].stream_id}@${gone[0].revision}`);

    const refused = await h.command('sc-new', 'SubmitApplication', f.submitApplication().data, 'assessor');
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'AUDIT_ALARM', alarm: { id: alarms[0].id, kind: 'truncated' } });
    expect((await h.request('GET', '/coes/sc-0', { role: 'auditor' })).status).toBe(200);
    expect((await h.request('GET', '/health')).body).toMatchObject({ status: 'degraded', audit: { openAlarms: 1 } });

    // Only an admin acknowledges, and only with a reason.
    expect((await h.request('POST', '/audit/alarms/acknowledge', { role: 'auditor', body: { reason: 'x' } })).status).toBe(403);
    expect((await h.request('POST', '/audit/alarms/acknowledge', { role: 'admin', body: {} })).status).toBe(400);
    const ack = await h.request('POST', '/audit/alarms/acknowledge', { role: 'admin', body: { reason: 'restored from the 02:00 backup; ticket 4711' } });
    expect(ack.body).toEqual({ acknowledged: [alarms[0].id] });

    await until(async () => (await h.command('sc-new', 'SubmitApplication', f.submitApplication().data, 'assessor')).status === 201);
    const after = (await h.request('GET', '/audit/alarms', { role: 'auditor' })).body as { open: number; alarms: Record<string, unknown>[] };
    expect(after.open).toBe(0);
    expect(after.alarms).toEqual([
      expect.objectContaining({ id: alarms[0].id, acknowledgedBy: 'test-admin', ackReason: 'restored from the 02:00 backup; ticket 4711' }),
    ]);
  }, 120_000);

  it('a stream deleted whole and a tail rewritten and re-chained are each named, without any seal', async () => {
    const { dir } = await signedLogThenHalt();
    const tamper = new Tamper(dir);
    tamper.deleteStream('coe-sc-1');
    tamper.edit('coe-sc-4', 0, 'data', '$.name', 'Forged name');
    tamper.rechain('coe-sc-4', 0);
    tamper.close();

    await h.start({ ...settings, WITNESS_DIRS: witnessDir }, dir);
    await until(async () => (await h.request('GET', '/audit/alarms', { role: 'auditor' })).body.open === 2);
    const { alarms } = (await h.request('GET', '/audit/alarms', { role: 'auditor' })).body as { alarms: { kind: string; summary: string }[] };
    const byKind = Object.fromEntries(alarms.map((a) => [a.kind, a.summary]));
    expect(byKind['deleted-stream']).toContain('coe-sc-1');
    expect(byKind['rewritten']).toContain('coe-sc-4@0');
    // The per-stream chain verifies: only the transparency log saw it.
    const readStore = await openReadStore({ url: join(dir, 'read.sqlite') });
    try {
      expect((await new TransparencyLogReader(readStore.db).openAlarms()).length).toBe(2);
    } finally {
      await readStore.close();
    }
    expect((await h.request('GET', '/coes/sc-4/verify', { role: 'auditor' })).body).toMatchObject({ ok: true });
  }, 120_000);

  /** Restarts on the halted data directory after `change` edited its read store, without the witness; answers the alarms raised. */
  async function restartAfter(dir: string, change: (reader: TransparencyLogReader, db: ReadStore['db']) => Promise<void>) {
    const readStore = await openReadStore({ url: join(dir, 'read.sqlite') });
    try {
      await change(new TransparencyLogReader(readStore.db), readStore.db);
    } finally {
      await readStore.close();
    }
    rmSync(witnessDir, { recursive: true, force: true });
    await h.start(settings, dir);
    await until(async () => (await h.request('GET', '/audit/alarms', { role: 'auditor' })).body.open === 1);
    expect((await h.command('sc-new', 'SubmitApplication', f.submitApplication().data, 'assessor')).status).toBe(503);
    return ((await h.request('GET', '/audit/alarms', { role: 'auditor' })).body as { alarms: { kind: string; summary: string }[] }).alarms;
  }

  it("the latest checkpoint re-signed behind the server's back by another key of the same name: unknown-key, naming it", async () => {
    const { dir } = await signedLogThenHalt();
    const other = generateNoteKeys('apo.transparency-log');
    const alarms = await restartAfter(dir, async (reader, db) => {
      const latest = defined(await reader.latestCheckpoint());
      const text = latest.note.slice(0, latest.note.indexOf('\n\n') + 1);
      // The row names the new key as its verifier too: the server trusts only its key file's.
      await db
        .updateTable('transparency_checkpoints')
        .set({ note: signNote(text, [other.signerKey]), verifier_key: other.verifierKey })
        .where('tree_size', '=', String(latest.treeSize))
        .execute();
    });
    expect(alarms.map((a) => a.kind)).toEqual(['unknown-key']);
    expect(alarms[0].summary).toContain(other.verifierKey.split('+')[1]);
  }, 120_000);

  it("a checkpoint's text altered under its real signature: forged-checkpoint", async () => {
    const { dir } = await signedLogThenHalt();
    const alarms = await restartAfter(dir, async (reader, db) => {
      const older = defined(await reader.checkpointAt(4));
      await db
        .insertInto('transparency_checkpoints')
        .values({
          tree_size: '7',
          root_hash: older.rootHash,
          note: older.note.replace(/\n4\n/, '\n7\n'),
          origin: older.origin,
          key_name: older.keyName,
          key_id: older.keyId,
          verifier_key: older.verifierKey,
          signed_at: older.signedAt,
          epoch: 0,
        })
        .execute();
    });
    expect(alarms.map((a) => a.kind)).toEqual(['forged-checkpoint']);
    expect(alarms[0].summary).toContain('checkpoint 7');
  }, 120_000);
});
