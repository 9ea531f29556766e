import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { formatSignerKey, formatVerifierKey, generateNoteKeys, MalformedKeyError, noteKeyId, parseSignerKey, parseVerifierKey } from './index';

/** Drops ASCII control characters (below U+0020), which notes forbid except as line ends. */
const withoutControls = (s: string) => [...s].filter((c) => c.charCodeAt(0) >= 0x20).join('');

// Known-answer keys from golang/mod, sumdb/note/note_test.go (TestNewVerifier, TestNewSigner, TestVerifierList).
const PETER_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VERIFIER = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';

/** Every proper substring and every one-character increment, as golang/mod's tests mangle keys. */
function manglings(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= key.length; i++) for (let j = i + 1; j <= key.length; j++) if (i !== 0 || j !== key.length) out.push(key.slice(i, j));
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1));
  return out;
}

describe('note keys', () => {
  it('parses the published PeterNeumann verifier and signer keys, and their key IDs agree', () => {
    const verifier = parseVerifierKey(PETER_VERIFIER);
    const signer = parseSignerKey(PETER_SIGNER);
    expect(verifier).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3 });
    expect(signer).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3 });
    expect(Buffer.from(signer.publicKey)).toEqual(Buffer.from(verifier.publicKey));
    expect(parseVerifierKey(ENOCH_VERIFIER)).toMatchObject({ name: 'EnochRoot', keyId: 0xaf0cfe78 });
  });

  it('computes the key ID as SHA-256(name || "\\n" || 0x01 || pub)[:4] (C2SP signed-note.md)', () => {
    const { publicKey } = parseVerifierKey(PETER_VERIFIER);
    const digest = createHash('sha256')
      .update(Buffer.concat([Buffer.from('PeterNeumann\n'), Buffer.from([1]), publicKey]))
      .digest();
    expect(noteKeyId('PeterNeumann', publicKey)).toBe(digest.readUInt32BE(0));
    expect(noteKeyId('PeterNeumann', publicKey)).toBe(0xc74f20a3);
  });

  it('formats the published keys back byte for byte', () => {
    const signer = parseSignerKey(PETER_SIGNER);
    expect(formatVerifierKey('PeterNeumann', signer.publicKey)).toBe(PETER_VERIFIER);
    expect(formatSignerKey('PeterNeumann', signer.seed)).toBe(PETER_SIGNER);
  });

  it('rejects every substring and every one-character change of the published keys (as golang/mod does)', () => {
    for (const bad of manglings(PETER_VERIFIER)) expect(() => parseVerifierKey(bad)).toThrow(MalformedKeyError);
    for (const bad of manglings(PETER_SIGNER)) expect(() => parseSignerKey(bad)).toThrow(MalformedKeyError);
  });

  it('rejects a wrong-length key and an unknown algorithm, even with an adjusted key hash (golang/mod TestNewVerifier)', () => {
    expect(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toThrow(/bytes, want 33|base64/);
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(/unknown signature type/);
  });

  it('rejects bad names and bad raw key lengths with clear errors', () => {
    const { publicKey, seed } = parseSignerKey(PETER_SIGNER);
    for (const name of ['', 'a+b', 'a b', 'a\tb', 'a\u00a0b', 'a\u2003b', 'a\u0001b', '\ud800'])
      expect(() => formatVerifierKey(name, publicKey)).toThrow(/key name/);
    expect(() => formatVerifierKey('x', publicKey.subarray(1))).toThrow(/32 bytes/);
    expect(() => formatSignerKey('x', new Uint8Array(33))).toThrow(/32 bytes/);
    expect(() => formatSignerKey('x', seed)).not.toThrow();
    expect(() => parseVerifierKey('PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(/hex/);
  });

  it('generates key pairs whose strings parse back to the same key, for any valid name', () => {
    const name = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => withoutControls(s) === s && !/[\s+\u0085]/u.test(s));
    fc.assert(
      fc.property(name, (keyName) => {
        const { signerKey, verifierKey } = generateNoteKeys(keyName);
        const signer = parseSignerKey(signerKey);
        const verifier = parseVerifierKey(verifierKey);
        expect(signer.name).toBe(keyName);
        expect(signer.keyId).toBe(verifier.keyId);
        expect(Buffer.from(signer.publicKey)).toEqual(Buffer.from(verifier.publicKey));
        expect(formatSignerKey(keyName, signer.seed)).toBe(signerKey);
      }),
      { numRuns: 50 },
    );
  });
});
