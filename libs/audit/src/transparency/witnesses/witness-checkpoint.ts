import { parseCheckpoint, parseNote, type Checkpoint } from '@apo/transparency-log';

/** What the signer says a checkpoint note states: its tree size and its log's origin. */
export interface CheckpointMeta {
  readonly treeSize: number;
  readonly origin: string;
}

/** A witness could not take or give a checkpoint; the message names the witness and the reason. */
export class WitnessError extends Error {
  override readonly name: string = 'WitnessError';
}

/**
 * A witness already holds a different checkpoint of the same tree size: two signed heads of one
 * size are a fork (or a forgery), so the witness keeps the first and refuses the second.
 */
export class WitnessForkError extends WitnessError {
  override readonly name = 'WitnessForkError';
  constructor(
    message: string,
    /** The file (or witness) holding the other checkpoint. */
    readonly heldAt: string,
  ) {
    super(message);
  }
}

/**
 * The checkpoint a signed note states, its grammar checked (signatures are not: that needs the
 * verifier keys, the self-check's job). Throws MalformedNoteError.
 */
export function checkpointOfNote(note: string | Uint8Array, origin?: string): Checkpoint {
  return parseCheckpoint(parseNote(note).text, origin);
}

/** Refuses a note that does not state `meta` (a witness file named after a size must hold that size). */
export function requireNoteStates(note: string, meta: CheckpointMeta): void {
  if (!Number.isSafeInteger(meta.treeSize) || meta.treeSize < 0) throw new WitnessError(`tree size ${meta.treeSize} is not a whole number`);
  let checkpoint: Checkpoint;
  try {
    checkpoint = checkpointOfNote(note, meta.origin);
  } catch (error) {
    throw new WitnessError(`not a signed checkpoint note of ${JSON.stringify(meta.origin)}: ${(error as Error).message}`);
  }
  if (checkpoint.size !== meta.treeSize) throw new WitnessError(`the note states tree size ${checkpoint.size}, not ${meta.treeSize}`);
}
