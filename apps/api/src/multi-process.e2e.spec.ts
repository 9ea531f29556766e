import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { auditRegistry, verifyStore } from '@apo/audit';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import { openEsdbEventStore } from '@apo/event-store/esdb';
import { startEsdbWireServer, type EsdbWireServer } from '@apo/event-store/testing';
import { hashKey } from './auth/api-keys';
import { submitApplication } from '@apo/coe/testing';

const REPO = resolve(__dirname, '../../..');
const KEY = 'multi_process_admin_key_0123456789';
jest.setTimeout(60_000);

/** One API process as `npm start`'s entry runs it (from source), on the shared EventStoreDB and read store. */
interface ApiProcess {
  readonly url: string;
  readonly child: ChildProcess;
  output: string;
}

async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['-r', join(REPO, 'tools/register.js'), join(REPO, 'apps/api/src/main.ts')], {
    cwd: REPO,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SCHEDULER: 'off',
      RATE_LIMIT_PER_MINUTE: '100000000',
      API_KEYS: JSON.stringify([{ principal: 'client', role: 'admin', sha256: hashKey(KEY) }]),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const api: ApiProcess = { url: `http://127.0.0.1:${port}`, child, output: '' };
  child.stdout?.on('data', (chunk: Buffer) => (api.output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (api.output += chunk.toString()));
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${api.output}`);
    const up = await fetch(`${api.url}/health`).then(
      (r) => r.status > 0,
      () => false,
    );
    if (up) return api;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`API did not answer /health:\n${api.output}`);
}

const stop = (api: ApiProcess | undefined) =>
  new Promise<void>((done) => {
    if (!api || api.child.exitCode !== null) return done();
    api.child.once('exit', () => done());
    api.child.kill('SIGTERM');
  });

const headers = (idempotencyKey?: string) => ({
  authorization: `Bearer ${KEY}`,
  'content-type': 'application/json',
  ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
});

interface Answer {
  readonly status: number;
  readonly code?: string;
  readonly position?: string;
  readonly replayed: boolean;
}

async function post(url: string, path: string, body: unknown, idempotencyKey?: string): Promise<Answer> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: headers(idempotencyKey), body: JSON.stringify(body) });
  const json = (await response.json()) as { code?: string };
  return {
    status: response.status,
    code: json.code,
    position: response.headers.get('x-log-position') ?? undefined,
    replayed: response.headers.get('idempotent-replayed') === 'true',
  };
}

/**
 * A client as a real one behaves: a 409 conflict or a 503 (nothing stored) is tried again, through
 * the other process from the second try on; with an Idempotency-Key (the same on every try), so is
 * a dropped connection (the first try may have been stored).
 */
async function sendWithRetries(urls: readonly string[], first: number, path: string, body: unknown, key?: string): Promise<Answer & { tries: number }> {
  for (let tries = 1; ; tries++) {
    const url = urls[(first + tries - 1) % urls.length];
    const answer = await post(url, path, body, key).catch(() => undefined);
    const transient = answer === undefined ? key !== undefined : answer.status === 503 || answer.code === 'CONCURRENCY_CONFLICT';
    if (!transient || tries >= 20) return { ...(answer ?? { status: 0, replayed: false }), tries };
    await new Promise((r) => setTimeout(r, 5 * tries));
  }
}

const ok = (answer: Answer) => answer.status >= 200 && answer.status < 300;

const application = (i: number) => submitApplication({ name: `COE ${i}` }).data;

/**
 * A record a client posts to one COE. `race`: at the same time, the same key through the other
 * process with the same request (a client's retry racing its first try) or another request (a
 * key reused by mistake); `then`: the same, once the first answer is in.
 */
interface RecordCommand {
  readonly coe: number;
  readonly kind: 'activity' | 'publication';
  /** Posted through process 0 or 1 first. */
  readonly via: number;
  /** Sent with an Idempotency-Key (else a 409 conflict is still safe to send again: nothing was stored). */
  readonly keyed: boolean;
  /** A malformed date: refused (400) before the engine, nothing stored. */
  readonly refused: boolean;
  readonly race: 'none' | 'same' | 'other';
  readonly then: 'none' | 'same' | 'other';
}

const recordCommand = (coes: number) =>
  fc
    .record({
      coe: fc.nat(coes - 1),
      kind: fc.constantFrom<RecordCommand['kind']>('activity', 'publication'),
      via: fc.nat(1),
      keyed: fc.nat(4).map((n) => n > 0),
      refused: fc.nat(6).map((n) => n === 0),
      race: fc.constantFrom<RecordCommand['race']>('none', 'none', 'same', 'other'),
      then: fc.constantFrom<RecordCommand['then']>('none', 'same', 'other'),
    })
    .map((c): RecordCommand => (c.keyed ? c : { ...c, race: 'none', then: 'none' }));

const requestOf = (id: string, c: Pick<RecordCommand, 'kind' | 'refused'>) => {
  const date = c.refused ? 'not-a-date' : '2025-10-01';
  return c.kind === 'activity'
    ? { path: 'activities', id, body: { activityId: id, kind: 'training', title: 'Bootcamp', date, participants: [{ economy: 'TH', count: 10 }] } }
    : { path: 'publications', id, body: { publicationId: id, kind: 'caseStudy', title: 'Lean SMEs', date } };
};

describe('two API processes on one EventStoreDB (wire test server)', () => {
  let server: EsdbWireServer;
  let store: EventStore;
  const apis: ApiProcess[] = [];
  const dirs: string[] = [];
  const COES = 4;

  beforeAll(async () => {
    server = await startEsdbWireServer();
    store = await openEsdbEventStore(server.connectionString);
    const shared = mkdtempSync(join(tmpdir(), 'multi-read-'));
    dirs.push(shared);
    // Each its own DATA_DIR (the snapshot cache is per process); one read store, whose lease one of them holds.
    const started = await Promise.all(
      [0, 1].map(() => {
        const dataDir = mkdtempSync(join(tmpdir(), 'multi-api-'));
        dirs.push(dataDir);
        return startApiProcess({
          DATA_DIR: dataDir,
          EVENT_STORE: 'eventstoredb',
          EVENTSTORE_CONNECTION_STRING: server.connectionString,
          READ_DATABASE_URL: `sqlite:${join(shared, 'read.sqlite')}`,
          PROJECTOR: 'in-process',
        });
      }),
    );
    apis.push(...started);
    for (let i = 0; i < COES; i++) {
      const url = apis[i % 2].url;
      expect((await post(url, `/coes/multi-${i}/application`, application(i))).status).toBe(201);
      expect((await post(url, `/coes/multi-${i}/review`, { startedOn: '2025-02-01' })).status).toBe(200);
      const designation = { governingBody: { meeting: '65th GBM', decisionDate: '2025-04-15' }, launchDate: '2025-07-01' };
      expect((await post(url, `/coes/multi-${i}/designation`, designation)).status).toBe(200);
    }
  });

  afterAll(async () => {
    await Promise.all(apis.map(stop));
    await store?.close();
    await server?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('records every acknowledged command exactly once and no refused one, under concurrent writes to the same streams', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(recordCommand(COES), { minLength: 20, maxLength: 50 }), async (commands) => {
        run++;
        const urls = apis.map((a) => a.url);
        const outcomes = await Promise.all(
          commands.map(async (c, n) => {
            const id = `r${run}-${n}`;
            const key = c.keyed ? `k-${id}` : undefined;
            const send = (via: number, request: ReturnType<typeof requestOf>) =>
              sendWithRetries(urls, via, `/coes/multi-${c.coe}/${request.path}`, request.body, key);
            const first = requestOf(id, c);
            const rival = c.race === 'same' ? first : requestOf(`${id}-b`, { kind: c.kind, refused: false });
            const [answer, raced] = await Promise.all([send(c.via, first), c.race === 'none' ? undefined : send(1 - c.via, rival)]);
            const after = c.then === 'same' ? first : requestOf(`${id}-c`, { kind: c.kind, refused: false });
            const later = c.then === 'none' ? undefined : await send(1 - c.via, after);
            return { c, first, answer, raced: raced && { request: rival, answer: raced }, later: later && { request: after, answer: later } };
          }),
        );
        const logged = new Map<string, RecordedEvent[]>();
        for (let i = 0; i < COES; i++) {
          const events = await store.readStream(`coe-multi-${i}`);
          // Contiguous revisions from 0.
          expect(events.map((e) => e.revision)).toEqual(events.map((_, r) => r));
          for (const e of events) {
            const id = (e.data.activityId ?? e.data.publicationId) as string | undefined;
            if (id !== undefined) logged.set(id, [...(logged.get(id) ?? []), e]);
          }
        }
        const stored = (id: string) => logged.get(id) ?? [];
        for (const { c, first, answer, raced, later } of outcomes) {
          const sent = [{ request: first, answer }, ...(raced ? [raced] : []), ...(later ? [later] : [])];
          for (const { request, answer: a } of sent) {
            const seen = { id: request.id, command: c, answer: a, stored: stored(request.id).map((e) => String(e.position)) };
            // Never a 5xx; a 2xx names the position of the one stored event; anything else stored nothing.
            expect(seen.answer.status).toBeLessThan(500);
            expect(seen).toEqual({ ...seen, stored: ok(a) ? [a.position] : [] });
          }
          // Malformed: 400. Raced by another request under its key: one of the two stored, the other 422. Else stored.
          const statuses = [answer, ...(c.race === 'other' && raced ? [raced.answer] : [])].map((a) => (ok(a) ? 'ok' : (a.code ?? a.status)));
          if (c.refused) expect({ id: first.id, statuses: statuses.slice(0, 1) }).toEqual({ id: first.id, statuses: ['VALIDATION_FAILED'] });
          else
            expect({ id: first.id, statuses: statuses.sort() }).toEqual({
              id: first.id,
              statuses: statuses.length === 1 ? ['ok'] : ['IDEMPOTENCY_KEY_REUSED', 'ok'],
            });
          // The same request again under its key, through the other process: the first answer, replayed.
          if (c.then === 'same' && later && ok(answer))
            expect({ id: first.id, ...later.answer, tries: 1 }).toEqual({ id: first.id, ...answer, replayed: true, tries: 1 });
          // One key, one stored request: the others under it are refused (422) or answered as that one.
          const keyed = new Set(sent.filter((s) => stored(s.request.id).length > 0).map((s) => s.request.id));
          if (c.keyed) expect({ id: first.id, keyed: keyed.size <= 1 }).toEqual({ id: first.id, keyed: true });
          for (const { request, answer: a } of sent.slice(1)) {
            const malformed = c.refused && request === first;
            if (!malformed && !keyed.has(request.id) && keyed.size > 0)
              expect({ id: request.id, code: a.code }).toEqual({ id: request.id, code: 'IDEMPOTENCY_KEY_REUSED' });
          }
        }
        const verified = await verifyStore(store, { registry: auditRegistry(), workers: 0 });
        expect(verified).toMatchObject({ ok: true, divergenceCount: 0 });
      }),
      { numRuns: 3, endOnFailure: true },
    );
    // The processes did race: appends refused on the expected revision (each command appends one event).
    let events = 0;
    for (let i = 0; i < COES; i++) events += (await store.readStream(`coe-multi-${i}`)).length;
    expect(server.calls()['/event_store.client.streams.Streams/Append'] - events).toBeGreaterThan(0);
  });

  it('shows a command written through one process to a read through the other, with X-Min-Position', async () => {
    for (let i = 0; i < 4; i++) {
      const [writer, reader] = i % 2 === 0 ? apis : [...apis].reverse();
      const written = await post(writer.url, `/coes/ryw-${i}/application`, application(i));
      expect(written.status).toBe(201);
      const read = await fetch(`${reader.url}/coes?limit=100`, { headers: { ...headers(), 'x-min-position': written.position as string } });
      expect(read.status).toBe(200);
      expect(BigInt(read.headers.get('x-read-model-position') ?? '-1')).toBeGreaterThanOrEqual(BigInt(written.position as string));
      const page = (await read.json()) as { items: { id: string }[] };
      expect(page.items.map((item) => item.id)).toContain(`ryw-${i}`);
    }
  });
});
