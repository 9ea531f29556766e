import { hashEvent } from '@apo/engine';
import type { EventStore, RecordedEvent } from '@apo/event-store';
import {
  leafHash,
  merkleHashToHex,
  openCheckpoint,
  parseCheckpoint,
  parseNote,
  transparencyLeafData,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
} from '@apo/transparency-log';
import { readInstance } from '../history';

/** A signed checkpoint as the read store keeps it (a `StoredCheckpoint` of @apo/shared-read-models fits). */
export interface CheckpointRow {
  readonly treeSize: number;
  readonly note: string;
  readonly verifierKey: string;
}

/** The parts of the transparency log reader the proofs need (`TransparencyLogReader` fits). */
export interface ProofLogReader {
  /** The leaf of a stored event (found by its log position). */
  leafOf(event: {
    readonly streamId: string;
    readonly revision: number;
    readonly position: bigint;
  }): Promise<{ readonly leafIndex: number; readonly leafHash: string } | undefined>;
  inclusionProof(index: number, size: number): Promise<Uint8Array[]>;
  consistencyProof(oldSize: number, newSize: number): Promise<Uint8Array[]>;
  latestCheckpoint(): Promise<CheckpointRow | undefined>;
  checkpointAt(size: number): Promise<CheckpointRow | undefined>;
}

/** Why a proof cannot be given (yet): no signed checkpoint holds the event, no checkpoint of that size, an event the log lacks. Exit 1 / 409 / 404, never a crash. */
export class ProofUnavailable extends Error {
  constructor(
    message: string,
    /** `not-checkpointed`: wait for the next checkpoint; `no-checkpoint`: no checkpoint of that size; `no-event`: the stream has no such revision. */
    readonly reason: 'not-checkpointed' | 'no-checkpoint' | 'no-event',
  ) {
    super(message);
    this.name = 'ProofUnavailable';
  }
}

/** A proof that does not verify against the signed root, or a stored checkpoint its own key does not open: the store is inconsistent (an audit finding). */
export class ProofMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofMismatch';
  }
}

/** A stored checkpoint, opened with its row's verifier key. */
export interface OpenedCheckpoint {
  readonly row: CheckpointRow;
  readonly checkpoint: Checkpoint;
}

/** Opens a stored checkpoint with the key its row names; a note that key does not open is a ProofMismatch. */
export function openStoredCheckpoint(row: CheckpointRow): OpenedCheckpoint {
  try {
    const origin = parseCheckpoint(parseNote(row.note).text).origin;
    const { checkpoint } = openCheckpoint(row.note, [row.verifierKey], origin);
    if (checkpoint.size !== row.treeSize) throw new Error(`the note says size ${checkpoint.size}, the row ${row.treeSize}`);
    return { row, checkpoint };
  } catch (error) {
    throw new ProofMismatch(
      `the stored checkpoint of size ${row.treeSize} does not open with its verifier key ${row.verifierKey}: ${(error as Error).message}`,
    );
  }
}

/** The checkpoint of `treeSize` leaves, or the latest one; ProofUnavailable when there is none. */
export async function signedCheckpoint(reader: ProofLogReader, treeSize?: number): Promise<OpenedCheckpoint> {
  const row = treeSize === undefined ? await reader.latestCheckpoint() : await reader.checkpointAt(treeSize);
  if (!row)
    throw new ProofUnavailable(
      treeSize === undefined ? 'no signed checkpoint yet: the log has not been checkpointed' : `no signed checkpoint of tree size ${treeSize}`,
      treeSize === undefined ? 'not-checkpointed' : 'no-checkpoint',
    );
  return openStoredCheckpoint(row);
}

/** The leaf index and inclusion proof of one event in a checkpoint, verified; ProofUnavailable when the event is not in that checkpoint (yet). */
export async function checkedInclusion(
  reader: ProofLogReader,
  opened: OpenedCheckpoint,
  event: Pick<RecordedEvent, 'streamId' | 'revision' | 'position' | 'eventId' | 'type' | 'data' | 'metadata'>,
): Promise<{ leafIndex: number; leafHash: string; proof: Uint8Array[] }> {
  const where = `${event.streamId}@${event.revision}`;
  const size = opened.checkpoint.size;
  const leaf = await reader.leafOf(event);
  if (!leaf || leaf.leafIndex >= size)
    throw new ProofUnavailable(
      `${where} is not in a signed checkpoint yet (${leaf ? `leaf ${leaf.leafIndex}` : 'no leaf yet'}, checkpoint of ${size} leaves); wait for the next checkpoint (CHECKPOINT_EVERY_SECONDS)`,
      'not-checkpointed',
    );
  const hash = leafHash(transparencyLeafData(event));
  if (merkleHashToHex(hash) !== leaf.leafHash)
    throw new ProofMismatch(`${where}: the event's leaf hash ${merkleHashToHex(hash)} differs from the stored leaf ${leaf.leafIndex} (${leaf.leafHash})`);
  const proof = await reader.inclusionProof(leaf.leafIndex, size);
  if (!verifyInclusion(hash, leaf.leafIndex, size, proof, opened.checkpoint.rootHash))
    throw new ProofMismatch(`${where}: the inclusion proof of leaf ${leaf.leafIndex} does not verify against the signed root of checkpoint ${size}`);
  return { leafIndex: leaf.leafIndex, leafHash: leaf.leafHash, proof };
}

/** An event's inclusion in a signed checkpoint, verified before it is given. */
export interface InclusionEvidence {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly leafIndex: number;
  readonly treeSize: number;
  /** 64 hex: the leaf hash, SHA-256(0x00 || leaf data). */
  readonly leafHash: string;
  /** 64-hex hashes, from the leaf's sibling up. */
  readonly proof: string[];
  /** 64 hex: the checkpoint's root. */
  readonly rootHash: string;
  /** The checkpoint's signed note. */
  readonly checkpoint: string;
  readonly verifierKey: string;
}

/**
 * The inclusion proof of event `revision` of `streamId` in the latest (or the `treeSize`) signed
 * checkpoint, from the stored tree and the event as the store holds it, verified against the
 * signed root before it is returned; an event whose content no longer hashes to its stored hash
 * (the leaf's data) is a ProofMismatch too.
 */
export async function proveEvent(
  store: EventStore,
  reader: ProofLogReader,
  streamId: string,
  revision: number,
  options: { treeSize?: number; what?: string } = {},
): Promise<InclusionEvidence> {
  const events = await readInstance(store, streamId, options.what);
  const event = events[revision];
  if (!event) throw new ProofUnavailable(`${streamId} has revisions 0..${events.length - 1}, not ${revision}`, 'no-event');
  const opened = await signedCheckpoint(reader, options.treeSize);
  const { leafIndex, leafHash: hash, proof } = await checkedInclusion(reader, opened, event);
  // The leaf commits to the stored hash: an event edited under it would still "prove".
  if (hashEvent(event) !== event.metadata.hash)
    throw new ProofMismatch(
      `${streamId}@${revision}: its leaf ${leafIndex} is in checkpoint ${opened.checkpoint.size}, but the event as stored no longer hashes to its metadata.hash (changed after it was written; \`coe audit verify\` names it): the proof vouches for the original, not this content`,
    );
  return {
    streamId,
    revision,
    eventId: event.eventId,
    leafIndex,
    treeSize: opened.checkpoint.size,
    leafHash: hash,
    proof: proof.map(merkleHashToHex),
    rootHash: merkleHashToHex(opened.checkpoint.rootHash),
    checkpoint: opened.row.note,
    verifierKey: opened.row.verifierKey,
  };
}

/** A consistency proof between two stored signed checkpoints, verified. */
export interface ConsistencyEvidence {
  readonly oldSize: number;
  readonly newSize: number;
  readonly oldRoot: string;
  readonly newRoot: string;
  readonly proof: string[];
  readonly oldCheckpoint: string;
  readonly newCheckpoint: string;
}

/** The consistency proof from the checkpoint of `oldSize` leaves to that of `newSize` (both stored and signed), verified against both signed roots. */
export async function proveConsistency(reader: ProofLogReader, oldSize: number, newSize: number): Promise<ConsistencyEvidence> {
  const older = await signedCheckpoint(reader, oldSize);
  const newer = await signedCheckpoint(reader, newSize);
  const proof = await reader.consistencyProof(oldSize, newSize);
  if (!verifyConsistency(oldSize, newSize, older.checkpoint.rootHash, newer.checkpoint.rootHash, proof))
    throw new ProofMismatch(`the consistency proof from checkpoint ${oldSize} to checkpoint ${newSize} does not verify against their signed roots`);
  return {
    oldSize,
    newSize,
    oldRoot: merkleHashToHex(older.checkpoint.rootHash),
    newRoot: merkleHashToHex(newer.checkpoint.rootHash),
    proof: proof.map(merkleHashToHex),
    oldCheckpoint: older.row.note,
    newCheckpoint: newer.row.note,
  };
}
