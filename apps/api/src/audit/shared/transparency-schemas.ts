import { arrayOf, int, named, object, str } from '../../http/openapi-schema';

const hex64 = (description: string) => str({ pattern: '^[0-9a-f]{64}$', description });
const note = str({ description: 'The signed note (C2SP tlog-checkpoint): origin, tree size, base64 root hash, a blank line, the signature line' });

/** GET /audit/checkpoints (JSON). */
export const TRANSPARENCY_CHECKPOINT = named(
  'TransparencyCheckpoint',
  object({
    treeSize: int({ minimum: 0, description: 'Leaves (events of the log, in log order) the checkpoint covers' }),
    rootHash: hex64('RFC 9162 Merkle tree root of those leaves, hex'),
    note,
    origin: str({ description: "The log's origin line" }),
    verifierKey: str({ description: 'The C2SP verifier key (name+hash+base64) the note opens with' }),
    signedAt: str({ description: 'ISO instant' }),
  }),
);

/** GET /audit/keys. */
export const TRANSPARENCY_KEYS = named(
  'TransparencyKeys',
  object({
    keys: arrayOf(
      object({
        verifierKey: str(),
        keyName: str(),
        keyId: str({ pattern: '^[0-9a-f]{8}$' }),
        checkpoints: int({ minimum: 1 }),
        firstTreeSize: int(),
        lastTreeSize: int(),
        firstSignedAt: str(),
        lastSignedAt: str(),
      }),
      { description: 'Every key that ever signed a checkpoint, first signer first (a rotation adds one; old checkpoints stay verifiable with theirs)' },
    ),
  }),
);

/** GET /audit/proofs/inclusion. */
export const INCLUSION_PROOF = named(
  'InclusionProof',
  object({
    streamId: str(),
    revision: int(),
    eventId: str(),
    position: str({ description: 'Global log position (decimal string)' }),
    leafIndex: int({ minimum: 0 }),
    leafHash: hex64('SHA-256(0x00 || leaf data), leaf data = the 32 bytes of the event envelope hash'),
    treeSize: int({ minimum: 1 }),
    rootHash: hex64('The root the proof leads to: the checkpoint’s'),
    proof: arrayOf(hex64('A sibling hash'), { description: 'RFC 9162 inclusion proof, from the leaf’s sibling up' }),
    checkpoint: note,
    verifierKey: str(),
  }),
);

/** GET /audit/proofs/consistency. */
export const CONSISTENCY_PROOF = named(
  'ConsistencyProof',
  object({
    from: int({ minimum: 1 }),
    to: int({ minimum: 1 }),
    fromRootHash: hex64('Root of the older checkpoint'),
    toRootHash: hex64('Root of the newer checkpoint'),
    proof: arrayOf(hex64('A subtree hash'), { description: 'RFC 9162 consistency proof (empty when from = to)' }),
    fromCheckpoint: note,
    toCheckpoint: note,
  }),
);
