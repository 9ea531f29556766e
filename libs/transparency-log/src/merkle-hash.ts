import { createHash } from 'node:crypto';

/** Every hash in the tree is SHA-256: 32 bytes (RFC 9162 §2.1.1 with SHA-256). */
export const MERKLE_HASH_SIZE = 32;

/** The root of the empty tree, MTH({}) = SHA-256() (RFC 9162 §2.1.1): e3b0c442...b855. Shared: do not mutate. */
export const EMPTY_TREE_ROOT: Uint8Array = new Uint8Array(createHash('sha256').digest());

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** True when `value` is a byte array of exactly one SHA-256 hash. */
export function isMerkleHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === MERKLE_HASH_SIZE;
}

/** Throws a clear error unless `value` is a 32-byte hash; `what` names it in the message. */
export function assertMerkleHash(value: unknown, what: string): asserts value is Uint8Array {
  if (!isMerkleHash(value)) {
    const got = value instanceof Uint8Array ? `${value.length} bytes` : typeof value;
    throw new TypeError(`${what} must be a ${MERKLE_HASH_SIZE}-byte SHA-256 hash (got ${got})`);
  }
}

/**
 * The hash of a leaf, SHA-256(0x00 || leaf) (RFC 9162 §2.1.1). The 0x00 prefix keeps a leaf from
 * ever being mistaken for an interior node (second-preimage resistance).
 */
export function leafHash(leaf: Uint8Array): Uint8Array {
  if (!(leaf instanceof Uint8Array)) throw new TypeError('leaf must be a Uint8Array');
  return new Uint8Array(createHash('sha256').update(LEAF_PREFIX).update(leaf).digest());
}

/** The hash of an interior node, SHA-256(0x01 || left || right) (RFC 9162 §2.1.1). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertMerkleHash(left, 'left child hash');
  assertMerkleHash(right, 'right child hash');
  return new Uint8Array(createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest());
}

/** Byte equality of two hashes (false for anything that is not a 32-byte hash). */
export function sameMerkleHash(a: unknown, b: unknown): boolean {
  if (!isMerkleHash(a) || !isMerkleHash(b)) return false;
  for (let i = 0; i < MERKLE_HASH_SIZE; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lower-case hex of a hash, for serialised forms and messages. */
export function merkleHashToHex(hash: Uint8Array): string {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex');
}

/** Parses 64 hex characters into a hash; throws a clear error on anything else. */
export function merkleHashFromHex(hex: string, what = 'hash'): Uint8Array {
  if (typeof hex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hex)) throw new TypeError(`${what} must be 64 hex characters`);
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
