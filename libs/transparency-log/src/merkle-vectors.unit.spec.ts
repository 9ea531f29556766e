import {
  EMPTY_MERKLE_FRONTIER,
  EMPTY_TREE_ROOT,
  appendLeafHashes,
  arrayMerkleSource,
  consistencyProof,
  frontierRoot,
  inclusionProof,
  leafHash,
  merkleHashToHex,
  nodeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from './index';

const hex = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'hex'));
const hexes = (hashes: readonly Uint8Array[]): string[] => hashes.map(merkleHashToHex);

// Known answers from transparency-dev/merkle (the RFC 6962 reference data, the same as in
// google/certificate-transparency): repository transparency-dev/merkle, paths
// testonly/constants.go (LeafInputs, NodeHashes, RootHashes, EmptyRootHash) and
// proof/verify_test.go (inclusionProofs, consistencyProofs; its leaf numbers are 1-based).
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);

// testonly/constants.go NodeHashes(): [level][index] of every perfect subtree of the 8 leaves.
const NODE_HASHES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];

// testonly/constants.go RootHashes(): the root of the first n leaves, n = 0..8.
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

// proof/verify_test.go inclusionProofs, with the 1-based leaf turned into a 0-based index.
const INCLUSION_PROOFS: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

// proof/verify_test.go consistencyProofs.
const CONSISTENCY_PROOFS: { oldSize: number; newSize: number; proof: string[] }[] = [
  { oldSize: 1, newSize: 1, proof: [] },
  {
    oldSize: 1,
    newSize: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    oldSize: 6,
    newSize: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    oldSize: 2,
    newSize: 5,
    proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
  {
    oldSize: 6,
    newSize: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const LEAF_HASHES = LEAF_INPUTS.map(leafHash);
const source = arrayMerkleSource(LEAF_HASHES);

describe('merkle known answers (transparency-dev/merkle RFC 6962 reference data)', () => {
  it('hashes leaves as SHA-256(0x00 || leaf) and nodes as SHA-256(0x01 || left || right)', () => {
    expect(hexes(LEAF_HASHES)).toEqual(NODE_HASHES[0]);
    for (let level = 1; level < NODE_HASHES.length; level++) {
      NODE_HASHES[level].forEach((expected, i) => {
        expect(merkleHashToHex(nodeHash(hex(NODE_HASHES[level - 1][2 * i]), hex(NODE_HASHES[level - 1][2 * i + 1])))).toBe(expected);
      });
    }
  });

  it('has the empty tree root e3b0c442...b855 = SHA-256()', () => {
    expect(merkleHashToHex(EMPTY_TREE_ROOT)).toBe(ROOTS[0]);
    expect(merkleHashToHex(rootOf([]))).toBe(ROOTS[0]);
    expect(merkleHashToHex(frontierRoot(EMPTY_MERKLE_FRONTIER))).toBe(ROOTS[0]);
  });

  it('computes the roots of sizes 0..8, by MTH and incrementally', () => {
    ROOTS.forEach((expected, size) => {
      expect(merkleHashToHex(rootOf(LEAF_HASHES.slice(0, size)))).toBe(expected);
      expect(merkleHashToHex(frontierRoot(appendLeafHashes(EMPTY_MERKLE_FRONTIER, LEAF_HASHES.slice(0, size))))).toBe(expected);
    });
  });

  it('keeps the right-edge subtree roots of testonly/constants.go CompactTrees()', () => {
    const node = (level: number, index: number): string => NODE_HASHES[level][index];
    const expected = [[], [node(0, 0)], [node(1, 0)], [node(1, 0), node(0, 2)], [node(2, 0)], [node(2, 0), node(0, 4)], [node(2, 0), node(1, 2)]];
    expected.push([node(2, 0), node(1, 2), node(0, 6)], [node(3, 0)]);
    expected.forEach((roots, size) => expect(hexes(appendLeafHashes(EMPTY_MERKLE_FRONTIER, LEAF_HASHES.slice(0, size)).subtreeRoots)).toEqual(roots));
  });

  it.each(INCLUSION_PROOFS)('builds and verifies the inclusion proof of leaf $index in size $size', ({ index, size, proof }) => {
    expect(hexes(inclusionProof(source, index, size))).toEqual(proof);
    expect(verifyInclusion(LEAF_HASHES[index], index, size, proof.map(hex), hex(ROOTS[size]))).toBe(true);
    expect(verifyInclusion(LEAF_HASHES[index], index, size, proof.map(hex), hex(ROOTS[size === 8 ? 7 : size + 1]))).toBe(false);
  });

  it.each(CONSISTENCY_PROOFS)('builds and verifies the consistency proof from $oldSize to $newSize', ({ oldSize, newSize, proof }) => {
    expect(hexes(consistencyProof(source, oldSize, newSize))).toEqual(proof);
    expect(verifyConsistency(oldSize, newSize, hex(ROOTS[oldSize]), hex(ROOTS[newSize]), proof.map(hex))).toBe(true);
    if (oldSize !== newSize) expect(verifyConsistency(oldSize, newSize, hex(ROOTS[newSize]), hex(ROOTS[oldSize]), proof.map(hex))).toBe(false);
  });

  // proof/verify_test.go TestVerifyInclusion / TestVerifyConsistency edge cases.
  const someHash = hex('abacaba000000000000000000000000000000000000000000060061e00123456');
  it('refuses the edge cases of verify_test.go', () => {
    for (const [index, size] of [
      [0, 0],
      [1, 0],
      [2, 1],
    ]) {
      expect(verifyInclusion(someHash, index, size, [], EMPTY_TREE_ROOT)).toBe(false);
    }
    expect(verifyInclusion(someHash, 0, 1, [], new Uint8Array(0))).toBe(false);
    expect(verifyInclusion(new Uint8Array(0), 0, 1, [], EMPTY_TREE_ROOT)).toBe(false);
    expect(verifyConsistency(0, 0, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, [])).toBe(true);
    expect(verifyConsistency(0, 1, EMPTY_TREE_ROOT, hex(ROOTS[1]), [])).toBe(true);
    expect(verifyConsistency(1, 1, someHash, someHash, [])).toBe(true);
    expect(verifyConsistency(1, 1, EMPTY_TREE_ROOT, someHash, [])).toBe(false);
    expect(verifyConsistency(1, 0, someHash, someHash, [])).toBe(false);
    expect(verifyConsistency(2, 1, someHash, someHash, [])).toBe(false);
    expect(verifyConsistency(1, 2, hex(ROOTS[1]), hex(ROOTS[2]), [])).toBe(false);
    for (const [oldSize, newSize] of [
      [0, 0],
      [0, 1],
      [1, 1],
    ]) {
      expect(verifyConsistency(oldSize, newSize, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, [EMPTY_TREE_ROOT])).toBe(false);
    }
  });
});
