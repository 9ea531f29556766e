import { createHmac } from 'node:crypto';
import { signPayload, verifySignature } from './signature';

const SECRET = 'whsec-0123456789abcdef';
const body = '{"id":"e1","type":"CoeDesignated"}';
const now = new Date('2031-01-01T00:00:00.000Z');
const t = now.getTime() / 1000;

describe('webhook signatures', () => {
  it('signs t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>', () => {
    const expected = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
    expect(signPayload(SECRET, body, now)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies its own signature, within the tolerance only', () => {
    const header = signPayload(SECRET, body, now);
    expect(verifySignature(SECRET, header, body, now)).toBe(true);
    expect(verifySignature(SECRET, header, Buffer.from(body), new Date(now.getTime() + 299_000))).toBe(true);
    expect(verifySignature(SECRET, header, body, new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifySignature(SECRET, header, body, new Date(now.getTime() - 301_000))).toBe(false);
    expect(verifySignature(SECRET, header, body, new Date(now.getTime() + 3_600_000), 7_200)).toBe(true);
  });

  it('refuses another body, another secret, and malformed headers', () => {
    const header = signPayload(SECRET, body, now);
    expect(verifySignature(SECRET, header, `${body} `, now)).toBe(false);
    expect(verifySignature('another-secret-0123', header, body, now)).toBe(false);
    for (const bad of [undefined, null, '', 'v1=abc', `t=${t}`, `t=${t},v1=zz`, `t=x,${header.split(',')[1]}`])
      expect(verifySignature(SECRET, bad, body, now)).toBe(false);
  });

  it('accepts any of several v1 values (secret rotation)', () => {
    const old = signPayload('old-secret-0123456789', body, now).split(',')[1];
    expect(verifySignature(SECRET, `${signPayload(SECRET, body, now)},${old}`, body, now)).toBe(true);
    expect(verifySignature(SECRET, `t=${t},${old}`, body, now)).toBe(false);
  });
});
