import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeStrictBase64, keyNameProblem } from './note-text';

/**
 * Ed25519 note keys in the string forms of golang.org/x/mod/sumdb/note and C2SP signed-note:
 * verifier key `name+hash+base64(0x01 || public key)`, signer key
 * `PRIVATE+KEY+name+hash+base64(0x01 || seed)`, where hash is the 8 lower-case hex digits of the
 * key ID, the first 4 bytes of SHA-256(name || "\n" || 0x01 || public key).
 */

/** Signature type byte of Ed25519 in signed notes (signed-note.md, "Signature types"). */
export const ED25519_SIGNATURE_TYPE = 0x01;
const SIGNER_PREFIX = 'PRIVATE+KEY+';
const KEY_ID_HEX = /^[0-9a-f]{8}$/;
// DER headers that wrap a raw 32-byte Ed25519 key (RFC 8410) so node:crypto can import it.
const PKCS8_ED25519_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_HEADER = Buffer.from('302a300506032b6570032100', 'hex');

/** Thrown by the key parsers for a malformed key string. */
export class MalformedKeyError extends Error {
  constructor(message: string) {
    super(`malformed note key: ${message}`);
    this.name = 'MalformedKeyError';
  }
}

/** A parsed verifier key: enough to check a note signature. */
export interface NoteVerifierKey {
  readonly name: string;
  /** The 32-bit key ID, as carried in the first 4 bytes of each signature. */
  readonly keyId: number;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  readonly keyObject: KeyObject;
}

/** A parsed signer key: the verifier half plus the private key. */
export interface NoteSignerKey extends NoteVerifierKey {
  /** Raw 32-byte Ed25519 seed (the private key). */
  readonly seed: Uint8Array;
  readonly privateKeyObject: KeyObject;
}

/** Key ID = big-endian uint32 of SHA-256(name || 0x0A || 0x01 || publicKey)[:4]. */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519_SIGNATURE_TYPE]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

const hex8 = (keyId: number) => keyId.toString(16).padStart(8, '0');

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_HEADER, publicKey]), format: 'der', type: 'spki' });
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_HEADER, seed]), format: 'der', type: 'pkcs8' });
}

function rawPublicKey(key: KeyObject): Buffer {
  const x = key.export({ format: 'jwk' }).x;
  if (typeof x !== 'string') throw new Error('node:crypto gave no raw Ed25519 public key');
  return Buffer.from(x, 'base64url');
}

function requireName(name: string): void {
  const problem = keyNameProblem(name);
  if (problem !== undefined) throw new MalformedKeyError(problem);
}

/** Splits `name+hash+base64`, checks name, hex and the 0x01 || 32-byte payload. */
function splitKey(text: string, what: string): { name: string; keyId: number; raw: Buffer } {
  const parts = text.split('+');
  // base64 may itself contain '+': the payload is everything after the second '+'.
  if (parts.length < 3) throw new MalformedKeyError(`a ${what} key is name+hash+base64`);
  const [name, hash] = parts;
  requireName(name);
  if (!KEY_ID_HEX.test(hash)) throw new MalformedKeyError(`the key hash ${JSON.stringify(hash)} is not 8 lower-case hex digits`);
  const payload = decodeStrictBase64(parts.slice(2).join('+'));
  if (payload === undefined) throw new MalformedKeyError('the key is not canonical padded base64');
  if (payload.length !== 33) throw new MalformedKeyError(`the key is ${payload.length} bytes, want 33 (type byte and 32-byte Ed25519 key)`);
  if (payload[0] !== ED25519_SIGNATURE_TYPE)
    throw new MalformedKeyError(`unknown signature type 0x${payload[0].toString(16).padStart(2, '0')}, only Ed25519 (0x01) is supported`);
  return { name, keyId: parseInt(hash, 16), raw: payload.subarray(1) };
}

/** Parses `name+hash+base64(0x01 || pub)`; throws MalformedKeyError (bad name, hash, length, type, or a hash that does not match). */
export function parseVerifierKey(text: string): NoteVerifierKey {
  const { name, keyId, raw } = splitKey(text, 'verifier');
  if (noteKeyId(name, raw) !== keyId) throw new MalformedKeyError(`the key hash ${hex8(keyId)} does not match name and public key`);
  let keyObject: KeyObject;
  try {
    keyObject = publicKeyObject(raw);
  } catch (error) {
    throw new MalformedKeyError(`not an Ed25519 public key (${(error as Error).message})`);
  }
  return { name, keyId, publicKey: Uint8Array.from(raw), keyObject };
}

/** Parses `PRIVATE+KEY+name+hash+base64(0x01 || seed)`; the hash must match the public key derived from the seed. */
export function parseSignerKey(text: string): NoteSignerKey {
  if (!text.startsWith(SIGNER_PREFIX)) throw new MalformedKeyError(`a signer key starts with ${SIGNER_PREFIX}`);
  const { name, keyId, raw } = splitKey(text.slice(SIGNER_PREFIX.length), 'signer');
  let privateKey: KeyObject;
  try {
    privateKey = privateKeyObject(raw);
  } catch (error) {
    throw new MalformedKeyError(`not an Ed25519 seed (${(error as Error).message})`);
  }
  const keyObject = createPublicKey(privateKey);
  const publicKey = rawPublicKey(keyObject);
  if (noteKeyId(name, publicKey) !== keyId) throw new MalformedKeyError(`the key hash ${hex8(keyId)} does not match name and key`);
  return { name, keyId, publicKey: Uint8Array.from(publicKey), keyObject, seed: Uint8Array.from(raw), privateKeyObject: privateKey };
}

/** Formats `name+hash+base64(0x01 || pub)` from a name and a raw 32-byte Ed25519 public key. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  requireName(name);
  if (publicKey.length !== 32) throw new MalformedKeyError(`an Ed25519 public key is 32 bytes, got ${publicKey.length}`);
  const payload = Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), publicKey]).toString('base64');
  return `${name}+${hex8(noteKeyId(name, publicKey))}+${payload}`;
}

/** Formats `PRIVATE+KEY+name+hash+base64(0x01 || seed)` from a name and a raw 32-byte Ed25519 seed. */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  requireName(name);
  if (seed.length !== 32) throw new MalformedKeyError(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
  const publicKey = rawPublicKey(createPublicKey(privateKeyObject(seed)));
  const payload = Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), seed]).toString('base64');
  return `${SIGNER_PREFIX}${name}+${hex8(noteKeyId(name, publicKey))}+${payload}`;
}

/** Generates a fresh Ed25519 key pair for `name`, as both key strings. */
export function generateNoteKeys(name: string): { signerKey: string; verifierKey: string } {
  requireName(name);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const d = privateKey.export({ format: 'jwk' }).d;
  if (typeof d !== 'string') throw new Error('node:crypto gave no raw Ed25519 seed');
  return { signerKey: formatSignerKey(name, Buffer.from(d, 'base64url')), verifierKey: formatVerifierKey(name, rawPublicKey(publicKey)) };
}
