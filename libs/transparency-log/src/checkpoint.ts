import type { NoteVerifierKey } from './note-keys';
import { decodeStrictBase64, MalformedNoteError, noteTextProblem } from './note-text';
import { openNote, type OpenedNote } from './signed-note';

/**
 * C2SP tlog checkpoints (https://c2sp.org/tlog-checkpoint): the text of a signed note made of
 * the origin line, the tree size in decimal, the base64 RFC 6962 / RFC 9162 root hash, then
 * optional non-empty extension lines, each line ending in "\n".
 */

/** The tree head a checkpoint states. */
export interface Checkpoint {
  /** Unique identifier of the log (e.g. `example.com/log42`); non-empty. */
  readonly origin: string;
  /** Number of leaves (a safe integer, 0 for the empty tree). */
  readonly size: number;
  /** The 32-byte Merkle root hash. */
  readonly rootHash: Uint8Array;
  /** Opaque extension lines (not recommended by the spec), without their newlines. */
  readonly extensions?: readonly string[];
}

const ROOT_HASH_BYTES = 32;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

function checkLine(line: string, what: string): void {
  if (line === '') throw new MalformedNoteError(`the checkpoint ${what} is empty`);
  if (line.includes('\n')) throw new MalformedNoteError(`the checkpoint ${what} spans several lines`);
  const problem = noteTextProblem(line);
  if (problem !== undefined) throw new MalformedNoteError(`the checkpoint ${what} is invalid: ${problem}`);
}

/** The checkpoint's note text: `origin\nsize\nbase64(root)\n[extension\n...]`. Throws on bad fields. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  checkLine(checkpoint.origin, 'origin');
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0)
    throw new MalformedNoteError(`the tree size ${checkpoint.size} is not a non-negative safe integer`);
  if (checkpoint.rootHash.length !== ROOT_HASH_BYTES)
    throw new MalformedNoteError(`the root hash is ${checkpoint.rootHash.length} bytes, want ${ROOT_HASH_BYTES}`);
  const extensions = checkpoint.extensions ?? [];
  extensions.forEach((line) => checkLine(line, 'extension line'));
  const root = Buffer.from(checkpoint.rootHash).toString('base64');
  return [checkpoint.origin, String(checkpoint.size), root, ...extensions].map((line) => `${line}\n`).join('');
}

/**
 * Parses a checkpoint's note text strictly: at least three non-empty lines, each ending in
 * "\n"; a size without leading zeros that fits a safe integer; a canonical base64 32-byte root.
 * With `expectedOrigin`, the origin must equal it. Throws MalformedNoteError.
 */
export function parseCheckpoint(text: string, expectedOrigin?: string): Checkpoint {
  const problem = noteTextProblem(text);
  if (problem !== undefined) throw new MalformedNoteError(`the checkpoint is invalid: ${problem}`);
  if (!text.endsWith('\n')) throw new MalformedNoteError('the checkpoint does not end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new MalformedNoteError('a checkpoint has an origin, a tree size and a root hash line');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  checkLine(origin, 'origin');
  if (expectedOrigin !== undefined && origin !== expectedOrigin)
    throw new MalformedNoteError(`the checkpoint origin is ${JSON.stringify(origin)}, want ${JSON.stringify(expectedOrigin)}`);
  if (!DECIMAL.test(sizeLine)) throw new MalformedNoteError(`the tree size ${JSON.stringify(sizeLine.slice(0, 40))} is not a decimal without leading zeros`);
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new MalformedNoteError(`the tree size ${sizeLine} is too large`);
  const rootHash = decodeStrictBase64(rootLine);
  if (rootHash === undefined || rootHash.length !== ROOT_HASH_BYTES) throw new MalformedNoteError('the root hash is not canonical base64 of 32 bytes');
  extensions.forEach((line) => checkLine(line, 'extension line'));
  return { origin, size, rootHash: Uint8Array.from(rootHash), ...(extensions.length > 0 ? { extensions } : {}) };
}

/**
 * Opens a signed checkpoint: the note must carry a verified signature from one of the known
 * keys (see openNote) and its text must parse as a checkpoint for `origin`.
 */
export function openCheckpoint(
  message: string | Uint8Array,
  knownVerifiers: readonly (string | NoteVerifierKey)[],
  origin: string,
): { checkpoint: Checkpoint; note: OpenedNote } {
  const note = openNote(message, knownVerifiers);
  return { checkpoint: parseCheckpoint(note.text, origin), note };
}
