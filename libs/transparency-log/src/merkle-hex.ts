import { hash } from 'node:crypto';
import { MERKLE_HASH_SIZE } from './merkle-hash';
import { half, isOdd } from './merkle-size';

/**
 * The tree's hashes as lower-case hex, for a writer that stores hex anyway (the read store's
 * rows): the same RFC 9162 hashes as `leafHash` and `nodeHash`, computed with one-shot
 * `crypto.hash` over a reused buffer, about a fifth of the cost of a `createHash` per hash. The
 * writer of the transparency log appends every event through here.
 */

const HEX_HASH = /^[0-9a-f]{64}$/;
const leafInput = Buffer.alloc(1 + MERKLE_HASH_SIZE);
const nodeInput = Buffer.alloc(1 + 2 * MERKLE_HASH_SIZE);
nodeInput[0] = 0x01;

/** True for 64 lower-case hex characters: a hash in the hex form of this module. */
export const isHexMerkleHash = (value: unknown): value is string => typeof value === 'string' && HEX_HASH.test(value);

function requireHex(value: string, what: string): void {
  if (!isHexMerkleHash(value)) throw new TypeError(`${what} must be 64 lower-case hex characters`);
}

/** leafHash of 32 bytes of leaf data given as hex (64 lower-case hex characters), as hex. */
export function leafHashOfHex32(leafDataHex: string): string {
  requireHex(leafDataHex, 'leaf data');
  return uncheckedLeafHashOfHex32(leafDataHex);
}

/** leafHashOfHex32 for input already known to be 64 lower-case hex (internal: the package's writers). */
export function uncheckedLeafHashOfHex32(leafDataHex: string): string {
  leafInput.write(leafDataHex, 1, 'hex');
  return hash('sha256', leafInput, 'hex');
}

/** nodeHash of two hex hashes, as hex. */
export function nodeHashHex(leftHex: string, rightHex: string): string {
  requireHex(leftHex, 'left child hash');
  requireHex(rightHex, 'right child hash');
  return uncheckedNodeHashHex(leftHex, rightHex);
}

function uncheckedNodeHashHex(leftHex: string, rightHex: string): string {
  nodeInput.write(leftHex, 1, 'hex');
  nodeInput.write(rightHex, 1 + MERKLE_HASH_SIZE, 'hex');
  return hash('sha256', nodeInput, 'hex');
}

/** A frontier (see `MerkleFrontier`) with hex subtree roots. */
export interface HexMerkleFrontier {
  readonly size: number;
  readonly subtreeRoots: readonly string[];
}

/** A completed perfect subtree (level >= 1) and its hex root. */
export interface HexSubtree {
  readonly level: number;
  readonly index: number;
  readonly hash: string;
}

/**
 * `appendCompletingSubtrees` in hex: appends hex leaf hashes, returns the new frontier and every
 * subtree (level >= 1) the appends completed, in completion order. Amortised one node hash per leaf.
 */
export function appendCompletingSubtreesHex(
  frontier: HexMerkleFrontier,
  leafHashes: readonly string[],
): { frontier: HexMerkleFrontier; completed: HexSubtree[] } {
  frontier.subtreeRoots.forEach((root, i) => requireHex(root, `frontier subtree root ${i}`));
  const roots = frontier.subtreeRoots.slice();
  const completed: HexSubtree[] = [];
  let size = frontier.size;
  for (const leaf of leafHashes) {
    requireHex(leaf, `leaf hash ${size}`);
    let merged = leaf;
    let level = 0;
    for (let rest = size; isOdd(rest); rest = half(rest)) {
      merged = uncheckedNodeHashHex(roots.pop() as string, merged);
      level++;
      completed.push({ level, index: (size + 1) / 2 ** level - 1, hash: merged });
    }
    roots.push(merged);
    size++;
  }
  return { frontier: { size, subtreeRoots: roots }, completed };
}

/** The root of a hex frontier, as hex (the empty tree's root for size 0). */
export function hexFrontierRoot(frontier: HexMerkleFrontier): string {
  const roots = frontier.subtreeRoots;
  if (roots.length === 0) return hash('sha256', '', 'hex');
  let root = roots[roots.length - 1];
  for (let i = roots.length - 2; i >= 0; i--) root = nodeHashHex(roots[i], root);
  return root;
}
