import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EMPTY_MERKLE_FRONTIER,
  appendLeafHash,
  arrayMerkleSource,
  consistencyProof,
  frontierRoot,
  inclusionProof,
  leafHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from './index';

// Vectors from repository rgdd/CCTV (branch merkle, commit 825c87df), path merkle/testdata/*.json:
// the RFC 6962 Merkle vectors proposed for C2SP CCTV (c2sp.org/CCTV/merkle); copied unchanged
// into ./testdata/cctv-merkle/ with their licence (see the README there).
const read = <T>(name: string): T => JSON.parse(readFileSync(join(__dirname, 'testdata', 'cctv-merkle', `${name}.json`), 'utf8')) as T;
const b64 = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'base64'));

interface TreeVector {
  leaf_data: string;
  leaf_hash: string;
  root_hash: string;
}
interface InclusionVector {
  leaf_hash: string;
  leaf_index: number;
  tree_size: number;
  root_hash: string;
  inclusion_path: string[];
  comment?: string;
}
interface ConsistencyVector {
  old_size: number;
  new_size: number;
  old_root: string;
  new_root: string;
  consistency_path: string[];
  comment?: string;
}

const tree = read<TreeVector[]>('merkle_tree');
const leafHashes = tree.map((v) => b64(v.leaf_hash));
const source = arrayMerkleSource(leafHashes);
const b64s = (hashes: readonly Uint8Array[]): string[] => hashes.map((h) => Buffer.from(h).toString('base64'));

describe('merkle known answers (C2SP CCTV merkle vectors, rgdd/CCTV merkle/testdata)', () => {
  it('merkle_tree.json: leaf hashes of "a".."p" and the root after each append', () => {
    let frontier = EMPTY_MERKLE_FRONTIER;
    tree.forEach((vector, i) => {
      expect(Buffer.from(leafHash(Buffer.from(vector.leaf_data, 'utf8'))).toString('base64')).toBe(vector.leaf_hash);
      frontier = appendLeafHash(frontier, b64(vector.leaf_hash));
      expect(Buffer.from(frontierRoot(frontier)).toString('base64')).toBe(vector.root_hash);
      expect(Buffer.from(rootOf(leafHashes.slice(0, i + 1))).toString('base64')).toBe(vector.root_hash);
    });
  });

  it.each(read<InclusionVector[]>('inclusion-valid'))('inclusion-valid.json: leaf $leaf_index of size $tree_size is built and verifies', (v) => {
    expect(b64s(inclusionProof(source, v.leaf_index, v.tree_size))).toEqual(v.inclusion_path);
    expect(verifyInclusion(b64(v.leaf_hash), v.leaf_index, v.tree_size, v.inclusion_path.map(b64), b64(v.root_hash))).toBe(true);
  });

  it.each(read<InclusionVector[]>('inclusion-invalid'))('inclusion-invalid.json: leaf $leaf_index of size $tree_size, $comment, fails', (v) => {
    expect(verifyInclusion(b64(v.leaf_hash), v.leaf_index, v.tree_size, v.inclusion_path.map(b64), b64(v.root_hash))).toBe(false);
  });

  it.each(read<ConsistencyVector[]>('consistency-valid'))('consistency-valid.json: $old_size to $new_size is built and verifies', (v) => {
    expect(b64s(consistencyProof(source, v.old_size, v.new_size))).toEqual(v.consistency_path);
    expect(verifyConsistency(v.old_size, v.new_size, b64(v.old_root), b64(v.new_root), v.consistency_path.map(b64))).toBe(true);
  });

  it.each(read<ConsistencyVector[]>('consistency-invalid'))('consistency-invalid.json: $old_size to $new_size, $comment, fails', (v) => {
    expect(verifyConsistency(v.old_size, v.new_size, b64(v.old_root), b64(v.new_root), v.consistency_path.map(b64))).toBe(false);
  });
});
