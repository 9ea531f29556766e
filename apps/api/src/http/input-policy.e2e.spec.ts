import { connect } from 'node:net';
import * as f from '@apo/coe/testing';
import { ApiHarness } from '../testing/api-harness';

const PROBLEM = 'application/problem+json';

/** Sends raw bytes on a fresh connection and resolves with the status line and body of the answer. */
function rawExchange(url: string, bytes: Buffer | string, { end = true } = {}): Promise<{ status: number; contentType: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => (end ? socket.end(bytes) : socket.write(bytes)));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        contentType: /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '',
        body: rest.join('\r\n\r\n'),
      });
    });
  });
}

describe('the input policy over HTTP (real server, real port)', () => {
  const h = new ApiHarness();
  beforeAll(() => h.start({ REQUEST_TIMEOUT_MS: '1000' }), 30_000);
  afterAll(() => h.stop());

  const application = (overrides: Record<string, unknown>) => ({ ...f.submitApplication().data, ...overrides });
  const notStored = async (id: string) => expect((await h.request('GET', `/coes/${id}`, { role: 'auditor' })).status).toBe(404);

  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['an ESC sequence', 'clear\u001b[2J', 'U+001B'],
    ['BEL', 'ding\u0007', 'U+0007'],
    ['a C1 control', 'x\u009bq', 'U+009B'],
    ['DEL', 'x\u007f', 'U+007F'],
    ['a newline in a name', 'two\nlines', 'U+000A'],
    ['a lone high surrogate', 'x\ud800y', 'U+D800'],
    ['a lone low surrogate', '\udc00', 'U+DC00'],
  ])('refuses %s in a free-text field with 400 naming the field, and stores nothing', async (_what, name, codePoint) => {
    const r = await h.command('ctl-1', 'SubmitApplication', application({ name }), 'assessor');
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain(PROBLEM);
    expect(r.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'name', message: expect.stringContaining(codePoint) }] });
    await notStored('ctl-1');
  });

  it('refuses control characters in nested fields and in list items, naming the path', async () => {
    const r = await h.command('ctl-2', 'SubmitApplication', application({ hostInstitution: { name: 'a\u0000', type: 'npo' } }), 'assessor');
    expect(r.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'hostInstitution.name' }] });
    await notStored('ctl-2');
  });

  it('keeps tab and newline in long free text (a reason), and refuses them in short text', async () => {
    expect((await h.command('txt-1', 'SubmitApplication', application({}), 'assessor')).status).toBe(201);
    const refused = await h.command('txt-1', 'WithdrawCoe', { reason: 'see\u0000below', withdrawnOn: '2025-02-01' }, 'admin');
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'reason' }] });
    const kept = await h.command('txt-1', 'WithdrawCoe', { reason: 'host withdrew:\n\t- budget\n\t- staff', withdrawnOn: '2025-02-01' }, 'admin');
    expect(kept.status).toBe(200);
    const history = await h.request('GET', '/coes/txt-1/history', { role: 'auditor' });
    expect(JSON.stringify(history.body)).toContain('host withdrew:\\n\\t- budget');
  });

  it('refuses a body that is not valid UTF-8 (it used to become U+FFFD silently), naming the offset', async () => {
    const good = Buffer.from(JSON.stringify(application({ name: 'ÉCOLE' })));
    const bad = Buffer.from(good);
    bad[good.indexOf('É')] = 0xff;
    const r = await fetch(`${h.api.url}/coes/utf-1/application`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.keys.assessor}`, 'content-type': 'application/json' },
      body: bad,
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain(PROBLEM);
    expect(await r.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'body', message: `must be valid UTF-8 (first bad byte at offset ${good.indexOf('É')})` }],
    });
    await notStored('utf-1');
  });

  it('refuses JSON nested ten thousand deep with 400 (it was a RangeError and a 500)', async () => {
    const raw = `{"name":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    for (const route of ['/coes/deep-1/application', '/coes/deep-1/activities', '/bcn-exchanges/deep-1/draft']) {
      const r = await h.request('POST', route, { role: 'admin', raw });
      expect(r).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', fields: [{ message: 'must not nest objects and arrays more than 16 deep' }] },
      });
    }
  });

  it('bounds every list item: a 200,000-character output of an activity is refused', async () => {
    for (const c of f.history.designation()) await h.command('items-1', c.type, c.data);
    const r = await h.command('items-1', 'RecordActivity', f.recordActivity('2025-08-01', { outputs: ['ok', 'x'.repeat(200_000)] }).data, 'assessor');
    expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', fields: [{ field: 'outputs[1]' }] } });
  });

  it('answers a body that is not JSON with 415 problem+json (text/plain reached the validation as a string)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await fetch(`${h.api.url}/coes/ct-1/application`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.keys.assessor}`, 'content-type': type },
        body: 'name=x',
      });
      expect([type, r.status, r.headers.get('content-type')]).toEqual([type, 415, expect.stringContaining(PROBLEM)]);
    }
    await notStored('ct-1');
  });

  it('refuses a field named __proto__', async () => {
    const r = await h.request('POST', '/coes/proto-1/application', { role: 'assessor', raw: '{"__proto__":{"admin":true}}' });
    expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  it.each(['1e20', '9223372036854775808', '-1', '1.5'])('bounds offset=%s with 400 on lists and reports (1e20 was a 500)', async (offset) => {
    for (const route of ['/coes', '/bcn-exchanges', '/reports/assessments', '/reports/coe-overview', '/notifications/dead-letters']) {
      const r = await h.request('GET', `${route}?offset=${offset}`, { role: 'admin' });
      expect({ route, status: r.status, code: r.body.code }).toEqual({ route, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('bounds log positions to 64 bits (sincePosition, X-Min-Position)', async () => {
    expect((await h.request('GET', '/reports/assessments?sincePosition=9999999999999999999', { role: 'reporter' })).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'sincePosition' }],
    });
    expect((await h.request('GET', '/coes', { role: 'admin', headers: { 'x-min-position': '9223372036854775808' } })).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'X-Min-Position' }],
    });
  });

  it('refuses control characters and bad percent-escapes in query values, naming the parameter', async () => {
    expect((await h.request('GET', '/coes?memberEconomy=%1B%5B2J', { role: 'admin' })).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'memberEconomy' }],
    });
    expect((await h.request('GET', '/coes?memberEconomy=%FF', { role: 'admin' })).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'memberEconomy', message: 'must be percent-encoded UTF-8' }],
    });
  });

  it('answers a bad percent-escape in a path id with problem+json (was application/json)', async () => {
    const r = await h.request('GET', '/coes/%ZZ', { role: 'admin' });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain(PROBLEM);
    expect(r.body.code).toBe('MALFORMED_URL');
  });

  it('answers headers that are too large with 431 problem+json (was application/json)', async () => {
    const r = await rawExchange(h.api.url, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(r.status).toBe(431);
    expect(r.contentType).toBe(PROBLEM);
    expect(JSON.parse(r.body)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
  });

  it('times out a request whose body never arrives with 408 problem+json (it was held for ever)', async () => {
    const head = `POST /coes/slow-1/application HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${h.keys.assessor}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"name":`;
    const r = await rawExchange(h.api.url, head, { end: false });
    expect(r.status).toBe(408);
    expect(r.contentType).toBe(PROBLEM);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'REQUEST_TIMEOUT' });
    await notStored('slow-1');
  }, 15_000);

  it('times out a body dribbled a byte at a time past the request timeout with 408', async () => {
    const { hostname, port } = new URL(h.api.url);
    const status = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(
          `POST /coes/slow-2/application HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${h.keys.assessor}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n`,
        );
        const drip = setInterval(() => socket.writable && socket.write(' '), 100);
        socket.on('close', () => clearInterval(drip));
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('error', reject);
      socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
    });
    expect(status).toBe(408);
    await notStored('slow-2');
  }, 15_000);
});
