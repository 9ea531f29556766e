/**
 * Pure building blocks of the transparency log (issue #21): the RFC 9162 Merkle tree over the
 * log (hashes, the incremental frontier, inclusion and consistency proofs and their verifiers),
 * and the C2SP signed notes, Ed25519 note keys and tlog checkpoints.
 */
export * from './merkle-hash';
export * from './merkle-size';
export * from './merkle-root';
export * from './merkle-frontier';
export * from './merkle-proofs';
export * from './merkle-verify';
export * from './note-text';
export * from './note-keys';
export * from './signed-note';
export * from './checkpoint';
export * from './merkle-subtrees';
export * from './event-leaf';
export * from './merkle-hex';
