import fc from 'fast-check';
import { SIGNATURE_HEADER, verifySignature } from '@apo/notifications';
import { checkpointSigner, WitnessReceiver } from '../../testing/witness-fixtures';
import {
  CHECKPOINT_ORIGIN_HEADER,
  CHECKPOINT_SIZE_HEADER,
  WebhookWitness,
  type FailedAttempt,
  type WebhookDelivery,
  type WebhookWitnessOptions,
} from './webhook-witness';

const SECRET = 'witness-secret-0123456789';
const log = checkpointSigner();
const meta = (treeSize: number) => ({ treeSize, origin: log.origin });

describe('WebhookWitness', () => {
  const receiver = new WitnessReceiver();
  let witness: WebhookWitness;
  let failures: FailedAttempt[];
  const make = (options: WebhookWitnessOptions = {}) => {
    failures = [];
    witness = new WebhookWitness(
      { name: 'auditor-a', url: receiver.url, secret: SECRET },
      { timeoutMs: 1_000, maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, onFailedAttempt: (f) => failures.push(f), ...options },
    );
    return witness;
  };

  beforeAll(() => receiver.start());
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.answer = () => ({ status: 200 });
  });
  afterEach(() => witness?.stop());

  it('POSTs the note as text/plain, signed so that the notifications verifier accepts it, naming size and origin', async () => {
    const note = log.note(42);
    await expect(make().publish(note, meta(42))).resolves.toEqual({ status: 'delivered', treeSize: 42, attempts: 1 });

    expect(receiver.requests).toHaveLength(1);
    const [{ headers, rawBody }] = receiver.requests;
    expect(rawBody).toBe(note);
    expect(headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(headers[CHECKPOINT_SIZE_HEADER.toLowerCase()]).toBe('42');
    expect(headers[CHECKPOINT_ORIGIN_HEADER.toLowerCase()]).toBe(log.origin);
    const signature = headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(verifySignature(SECRET, signature, rawBody, new Date())).toBe(true);
    expect(verifySignature('another-secret-0123456789', signature, rawBody, new Date())).toBe(false);
    expect(verifySignature(SECRET, signature, log.note(43), new Date())).toBe(false);
    expect(witness.status()).toMatchObject({ witness: 'auditor-a', kind: 'webhook', lastDeliveredSize: 42, failures: 0, dropped: 0, pendingSize: null });
  });

  it('percent-encodes an origin outside printable ASCII in its header (the note carries it as written)', async () => {
    const journal = checkpointSigner('apo.test/journal-été%');
    await make().publish(journal.note(1), { treeSize: 1, origin: journal.origin });
    expect(receiver.requests[0].headers[CHECKPOINT_ORIGIN_HEADER.toLowerCase()]).toBe('apo.test/journal-%C3%A9t%C3%A9%25');
    expect(decodeURIComponent(receiver.requests[0].headers[CHECKPOINT_ORIGIN_HEADER.toLowerCase()] as string)).toBe(journal.origin);
    expect(receiver.requests[0].rawBody.startsWith(`${journal.origin}\n1\n`)).toBe(true);
  });

  it('keeps the cosigned note a witness answers with, as given', async () => {
    const cosigned = `${log.note(9)}\u2014 auditor-a.example/witness AAAAAWNvc2lnbmF0dXJl\n`;
    receiver.answer = () => ({ status: 200, body: cosigned });
    await expect(make().publish(log.note(9), meta(9))).resolves.toEqual({ status: 'delivered', treeSize: 9, attempts: 1, cosigned });
    expect(witness.cosigned()).toEqual({ treeSize: 9, note: cosigned });
  });

  it('retries after a 500 with backoff, then delivers', async () => {
    receiver.answer = (_request, index) => (index < 2 ? { status: 500, body: 'witness busy' } : { status: 204 });
    await expect(make().publish(log.note(5), meta(5))).resolves.toEqual({ status: 'delivered', treeSize: 5, attempts: 3 });
    expect(receiver.requests.map((r) => r.rawBody)).toEqual([log.note(5), log.note(5), log.note(5)]);
    expect(failures).toEqual([
      { witness: 'auditor-a', treeSize: 5, attempt: 1, error: 'HTTP 500: witness busy', next: 'retry', retryInMs: 20 },
      { witness: 'auditor-a', treeSize: 5, attempt: 2, error: 'HTTP 500: witness busy', next: 'retry', retryInMs: 40 },
    ]);
    // Each attempt is signed afresh over the same body.
    for (const r of receiver.requests) expect(verifySignature(SECRET, r.headers[SIGNATURE_HEADER.toLowerCase()] as string, r.rawBody, new Date())).toBe(true);
    expect(witness.status()).toMatchObject({ lastDeliveredSize: 5, failures: 2, lastError: null });
  });

  it('gives a checkpoint up after maxAttempts, keeping the error, and delivers the next one', async () => {
    receiver.answer = () => ({ status: 503 });
    await expect(make().publish(log.note(5), meta(5))).resolves.toEqual({ status: 'failed', treeSize: 5, attempts: 3, error: 'HTTP 503' });
    expect(failures.map((f) => f.next)).toEqual(['retry', 'retry', 'given up']);
    expect(witness.status()).toMatchObject({ lastDeliveredSize: null, failures: 3, lastError: 'HTTP 503', pendingSize: null });

    receiver.answer = () => ({ status: 200 });
    await expect(witness.publish(log.note(6), meta(6))).resolves.toMatchObject({ status: 'delivered', treeSize: 6 });
    expect(witness.status()).toMatchObject({ lastDeliveredSize: 6, failures: 3, lastError: null });
  });

  it('times out a witness that does not answer, and retries', async () => {
    receiver.answer = (_request, index) => (index === 0 ? { status: 200, delayMs: 2_000 } : { status: 200 });
    const started = Date.now();
    await expect(make({ timeoutMs: 150 }).publish(log.note(3), meta(3))).resolves.toEqual({ status: 'delivered', treeSize: 3, attempts: 2 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(failures).toEqual([expect.objectContaining({ attempt: 1, error: 'timeout after 150 ms', next: 'retry' })]);
  });

  it('reports a witness that is down as a network error', async () => {
    const down = new WitnessReceiver();
    await down.start();
    const url = down.url;
    await down.close();
    witness = new WebhookWitness({ name: 'gone', url, secret: SECRET }, { maxAttempts: 1 });
    await expect(witness.publish(log.note(1), meta(1))).resolves.toMatchObject({ status: 'failed', error: expect.stringMatching(/^network error: /) });
  });

  it('never holds the caller up: publish answers at once, and only the newest queued checkpoint is sent', async () => {
    receiver.answer = (_request, index) => ({ status: 200, delayMs: index === 0 ? 300 : 0 });
    make();
    const first = witness.publish(log.note(10), meta(10));
    await new Promise((resolve) => setTimeout(resolve, 50)); // 10 is in flight
    const outcomes = [11, 12, 13, 8].map((size) => witness.publish(log.note(size), meta(size)));
    expect(witness.status()).toMatchObject({ pendingSize: 13 });
    await expect(Promise.all([first, ...outcomes])).resolves.toEqual([
      { status: 'delivered', treeSize: 10, attempts: 1 },
      { status: 'superseded', treeSize: 11, by: 12 },
      { status: 'superseded', treeSize: 12, by: 13 },
      { status: 'delivered', treeSize: 13, attempts: 1 },
      { status: 'superseded', treeSize: 8, by: 13 }, // an older checkpoint never displaces a newer one
    ]);
    expect(receiver.requests.map((r) => r.headers[CHECKPOINT_SIZE_HEADER.toLowerCase()])).toEqual(['10', '13']);
    expect(witness.status()).toMatchObject({ lastDeliveredSize: 13, dropped: 3, pendingSize: null });
  });

  it('drops a failing checkpoint for a newer one queued meanwhile', async () => {
    receiver.answer = (request) => (request.headers[CHECKPOINT_SIZE_HEADER.toLowerCase()] === '20' ? { status: 500, delayMs: 100 } : { status: 200 });
    make();
    const older = witness.publish(log.note(20), meta(20));
    const newer = witness.publish(log.note(21), meta(21)); // queued behind 20 (20 is being sent: not dropped yet)
    await expect(older).resolves.toEqual({ status: 'superseded', treeSize: 20, by: 21 });
    await expect(newer).resolves.toMatchObject({ status: 'delivered', treeSize: 21 });
    expect(failures).toEqual([expect.objectContaining({ treeSize: 20, next: 'superseded' })]);
    expect(witness.status()).toMatchObject({ dropped: 1, lastDeliveredSize: 21 });
  });

  it('refuses a note that does not state its size or origin, without sending it', async () => {
    await expect(make().publish(log.note(7), meta(8))).resolves.toMatchObject({
      status: 'failed',
      attempts: 0,
      error: expect.stringContaining('states tree size 7, not 8'),
    });
    expect(receiver.requests).toHaveLength(0);
  });

  it('stop ends a retrying delivery at once, as failed', async () => {
    receiver.answer = () => ({ status: 500 });
    make({ baseDelayMs: 60_000, maxDelayMs: 60_000 });
    const delivery = witness.publish(log.note(2), meta(2));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await witness.stop();
    await expect(delivery).resolves.toEqual({ status: 'failed', treeSize: 2, attempts: 1, error: 'witness stopped' });
    await expect(witness.publish(log.note(3), meta(3))).resolves.toMatchObject({ status: 'failed', error: 'witness stopped' });
  });
});

describe('WebhookWitness queue (generated sequences)', () => {
  const SIZES = [1, 2, 3, 5, 8, 13, 21];
  const notes = new Map(SIZES.map((size) => [size, log.note(size)]));

  it('settles every publish once, never sends an older checkpoint after a newer one, and always ends on the newest', async () => {
    const step = fc.record({ size: fc.constantFrom(...SIZES), answer: fc.constantFrom(200, 500, 0), waitMs: fc.constantFrom(0, 0, 1, 3) });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const answers = steps.map((s) => s.answer);
        const posted: number[] = [];
        const fakeFetch = (async (_url: string, init: RequestInit) => {
          const size = Number((init.headers as Record<string, string>)[CHECKPOINT_SIZE_HEADER]);
          expect(init.body).toBe(notes.get(size));
          posted.push(size);
          await new Promise((resolve) => setTimeout(resolve, 1));
          const answer = answers[posted.length % answers.length];
          if (answer === 0) throw new TypeError('fetch failed');
          return new Response(answer === 200 ? '' : 'no', { status: answer });
        }) as unknown as typeof fetch;
        const w = new WebhookWitness(
          { name: 'w', url: 'http://127.0.0.1:9/', secret: SECRET },
          { fetch: fakeFetch, maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
        );
        const outcomes: Promise<WebhookDelivery>[] = [];
        for (const s of steps) {
          outcomes.push(w.publish(notes.get(s.size) as string, meta(s.size)));
          if (s.waitMs) await new Promise((resolve) => setTimeout(resolve, s.waitMs));
        }
        const settled = await Promise.all(outcomes);
        await w.idle();

        const newest = Math.max(...steps.map((s) => s.size));
        const last = settled[steps.findLastIndex((s) => s.size === newest)];
        expect(['delivered', 'failed']).toContain(last.status);
        expect(posted).toEqual([...posted].sort((a, b) => a - b));
        expect(w.status().dropped).toBe(settled.filter((o) => o.status === 'superseded').length);
        for (const o of settled) if (o.status === 'delivered') expect(posted).toContain(o.treeSize);
        expect(w.status().pendingSize).toBeNull();
      }),
      { numRuns: 60 },
    );
  });
});
