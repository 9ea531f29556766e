import { pino } from 'pino';
import { Tamper } from '@apo/audit/testing';
import * as f from '@apo/coe/testing';
import { ApiHarness } from './testing/api-harness';

const problemType = 'application/problem+json';

/** The JSON log lines the server writes (the API's pino log, JSON outside development) while `work` runs. */
async function logLines(work: () => Promise<void>): Promise<{ level: string; context: string; message: string }[]> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => (written.push(String(chunk)), true);
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await work();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return written
    .flatMap((text) => text.split('\n'))
    .flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as { level?: number; context?: string; msg?: string };
        return parsed.context === 'StreamIntegrity'
          ? [{ level: pino.levels.labels[parsed.level ?? 0], context: parsed.context, message: String(parsed.msg) }]
          : [];
      } catch {
        return [];
      }
    });
}

describe('the server checks the hash chain it builds on (real server, embedded store, tampered file)', () => {
  const h = new ApiHarness();
  const events = async (id: string) => ((await h.request('GET', `/coes/${id}/history`, { role: 'auditor' })).body.events as unknown[]).length;

  /** Two COEs in designation (4 events each: the designation of a past launch launches them), then the server stopped and `tamper` applied to its file. */
  const tampered = async (tamper: (t: Tamper) => void): Promise<string> => {
    await h.start();
    for (const id of ['c1', 'c2']) for (const c of f.history.designation()) expect([200, 201]).toContain((await h.command(id, c.type, c.data)).status);
    const dir = await h.halt();
    const t = new Tamper(dir);
    try {
      tamper(t);
    } finally {
      t.close();
    }
    return dir;
  };

  afterEach(() => h.stop());

  it('an edited event: the start-up check logs it, the stream answers 409 STREAM_INTEGRITY and takes nothing, the others work, /metrics and /health count it', async () => {
    const dir = await tampered((t) => t.edit('coe-c1', 1, 'data', '$.startedOn', '2025-01-02'));
    const lines = await logLines(async () => {
      await h.start({ LOG_LEVEL: 'error' }, dir);
      expect(await h.api.integrity.settled()).toEqual({ state: 'broken', events: 8, streams: 2 });
    });
    expect(lines).toContainEqual({
      level: 'error',
      context: 'StreamIntegrity',
      message: expect.stringMatching(
        /^checked the hash chain of all 8 events of the log \(2 streams\) in \d+ ms: 1 stream broken: coe-c1 at revision 1 \(hash-mismatch\); commands on it answer 409 STREAM_INTEGRITY$/,
      ),
    });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: expect.stringMatching(/^stream coe-c1 is broken at revision 1: hash mismatch/) }),
    );

    const refused = await h.command('c1', 'RecordActivity', f.recordActivity('2025-10-01').data);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain(problemType);
    expect(refused.body).toMatchObject({ status: 409, code: 'STREAM_INTEGRITY', streamId: 'coe-c1', revision: 1, reason: 'hash-mismatch' });
    expect(await events('c1')).toBe(4);
    expect((await h.request('GET', '/coes/c1', { role: 'assessor' })).body).toMatchObject({ status: 409, code: 'STREAM_INTEGRITY', revision: 1 });
    // The auditor still sees the stream, and the damage.
    const verify = await h.request('GET', '/coes/c1/verify', { role: 'auditor' });
    expect(verify.body).toMatchObject({ ok: false, divergences: [expect.objectContaining({ revision: 1, kind: 'hash' })] });

    expect((await h.command('c2', 'RecordActivity', f.recordActivity('2025-10-01').data)).body).toMatchObject({ revision: 4 });
    const metrics = (await h.request('GET', '/metrics', { role: 'metrics' })).body.text as string;
    expect(metrics).toMatch(/^apo_stream_integrity_failures_total\{definition="coe-lifecycle"\} 1$/m);
    expect(metrics).toMatch(/^workflow_commands_total\{type="RecordActivity",outcome="STREAM_INTEGRITY"\} 1$/m);
    const health = await h.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', integrity: { brokenStreams: 1, startupCheck: { state: 'broken', events: 8, streams: 2 } } });
  }, 60_000);

  it('a deleted middle event with the start-up check off: the own load of the command finds the gap', async () => {
    const dir = await tampered((t) => t.delete('coe-c1', 1));
    await h.start({ INTEGRITY_CHECK_EVENTS: '0' }, dir);
    expect((await h.request('GET', '/health')).body).toMatchObject({ status: 'ok', integrity: { brokenStreams: 0, startupCheck: { state: 'off' } } });
    const refused = await h.command('c1', 'RecordActivity', f.recordActivity('2025-10-01').data);
    expect(refused.body).toMatchObject({ status: 409, code: 'STREAM_INTEGRITY', revision: 1, reason: 'revision-gap' });
    expect(await events('c1')).toBe(3);
    expect((await h.request('GET', '/health')).body).toMatchObject({ status: 'degraded', integrity: { brokenStreams: 1 } });
  }, 60_000);

  it('an intact log says so at start; a store repaired while stopped is trusted again after a restart', async () => {
    let original = '';
    const dir = await tampered((t) => {
      original = t.row('coe-c1', 2).data;
      t.edit('coe-c1', 2, 'data', '$.plannedLaunchDate', '2020-01-01');
    });
    await h.start({}, dir);
    expect(await h.api.integrity.settled()).toMatchObject({ state: 'broken' });
    expect((await h.command('c1', 'RecordActivity', f.recordActivity('2025-10-01').data)).status).toBe(409);
    await h.halt();
    const t = new Tamper(dir);
    t.edit('coe-c1', 2, 'data', '$', JSON.parse(original));
    t.close();
    const lines = await logLines(async () => {
      await h.start({ LOG_LEVEL: 'info' }, dir);
      expect(await h.api.integrity.settled()).toEqual({ state: 'intact', events: 8, streams: 2 });
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: expect.stringMatching(/^checked the hash chain of all 8 events of the log \(2 streams\) in \d+ ms: intact$/),
      }),
    );
    await h.halt(); // and on again without the request log
    await h.start({}, dir);
    expect((await h.command('c1', 'RecordActivity', f.recordActivity('2025-10-01').data)).body).toMatchObject({ revision: 4 });
  }, 60_000);
});
