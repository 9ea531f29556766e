import { sign, verify } from 'node:crypto';
import { parseSignerKey, parseVerifierKey, type NoteSignerKey, type NoteVerifierKey } from './note-keys';
import { decodeStrictBase64, keyNameProblem, MalformedNoteError, noteTextProblem } from './note-text';

/**
 * C2SP signed notes (https://c2sp.org/signed-note), Ed25519 only: a text ending in a newline,
 * a blank line, then signature lines `— <key name> base64(key ID || signature)` (em dash U+2014,
 * space). The text counts as authentic only if a known key signed it.
 */

/** Most signature lines a note may carry (the spec asks for at least 16; Go's sumdb/note allows 100). */
export const MAX_NOTE_SIGNATURES = 100;
const SIGNATURE_PREFIX = '\u2014 ';
const ED25519_SIGNATURE_BYTES = 64;

/** One signature line: who claims to have signed, and the base64 as written. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  readonly base64: string;
}

/** A note whose text at least one known key has signed. */
export interface OpenedNote {
  readonly text: string;
  /** Signatures by known keys, each verified (in note order, duplicates dropped). */
  readonly verified: readonly NoteSignature[];
  /** Signatures by keys not among the known ones: kept, not checked, not trusted. */
  readonly unverified: readonly NoteSignature[];
}

/** No signature in the note is from a known key: its text must not be trusted. */
export class UnverifiedNoteError extends Error {
  constructor(
    readonly text: string,
    readonly unverified: readonly NoteSignature[],
  ) {
    super('note has no signature from a known key');
    this.name = 'UnverifiedNoteError';
  }
}

/** A signature names a known key (name and key ID) but does not verify: the note is forged or damaged. */
export class ForgedNoteError extends Error {
  constructor(
    readonly keyName: string,
    readonly keyId: number,
  ) {
    super(`invalid signature for known key ${keyName}+${keyId.toString(16).padStart(8, '0')}`);
    this.name = 'ForgedNoteError';
  }
}

function requireText(text: string): void {
  if (text === '') throw new MalformedNoteError('the text is empty');
  if (!text.endsWith('\n')) throw new MalformedNoteError('the text does not end with a newline');
  const problem = noteTextProblem(text);
  if (problem !== undefined) throw new MalformedNoteError(`the text is invalid: ${problem}`);
}

const asSigner = (key: string | NoteSignerKey) => (typeof key === 'string' ? parseSignerKey(key) : key);
const asVerifier = (key: string | NoteVerifierKey) => (typeof key === 'string' ? parseVerifierKey(key) : key);

/** The signature line `— name base64(keyId || Ed25519(text))` for one signer. */
export function signatureLine(text: string, signer: string | NoteSignerKey): string {
  requireText(text);
  const key = asSigner(signer);
  const keyId = Buffer.alloc(4);
  keyId.writeUInt32BE(key.keyId);
  const signature = sign(null, Buffer.from(text, 'utf8'), key.privateKeyObject);
  return `${SIGNATURE_PREFIX}${key.name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
}

/**
 * Signs `text` (non-empty, ending in "\n", no control characters but newline) with each signer,
 * returning the note: text, blank line, one signature line per signer. Ed25519 is deterministic,
 * so the same text and key always give the same note.
 */
export function signNote(text: string, signers: readonly (string | NoteSignerKey)[]): string {
  requireText(text);
  if (signers.length === 0) throw new MalformedNoteError('a note needs at least one signer');
  if (signers.length > MAX_NOTE_SIGNATURES) throw new MalformedNoteError(`more than ${MAX_NOTE_SIGNATURES} signers`);
  return `${text}\n${signers.map((signer) => signatureLine(text, signer)).join('')}`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decode(message: string | Uint8Array): string {
  if (typeof message === 'string') return message;
  try {
    return utf8.decode(message);
  } catch {
    throw new MalformedNoteError('the note is not valid UTF-8');
  }
}

/** Parses one signature line (without its newline). */
function parseSignatureLine(line: string): NoteSignature & { signature: Buffer } {
  if (!line.startsWith(SIGNATURE_PREFIX))
    throw new MalformedNoteError(`a signature line must start with "${SIGNATURE_PREFIX}": ${JSON.stringify(line.slice(0, 80))}`);
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw new MalformedNoteError('a signature line is "— name base64"');
  const name = rest.slice(0, space);
  const base64 = rest.slice(space + 1);
  const problem = keyNameProblem(name);
  if (problem !== undefined) throw new MalformedNoteError(problem);
  const bytes = decodeStrictBase64(base64);
  if (bytes === undefined || bytes.length < 5) throw new MalformedNoteError(`the signature of ${name} is not base64 of a key ID and a signature`);
  return { name, keyId: bytes.readUInt32BE(0), base64, signature: bytes.subarray(4) };
}

/**
 * Splits a note into its text and signature lines, checking the grammar only (no signature is
 * checked). Throws MalformedNoteError.
 */
export function parseNote(message: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  const { text, lines } = splitNote(message);
  return { text, signatures: lines.map(({ name, keyId, base64 }) => ({ name, keyId, base64 })) };
}

function splitNote(message: string | Uint8Array): { text: string; lines: (NoteSignature & { signature: Buffer })[] } {
  const note = decode(message);
  const problem = noteTextProblem(note);
  if (problem !== undefined) throw new MalformedNoteError(problem);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new MalformedNoteError('no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw new MalformedNoteError('the signature lines must be present and end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new MalformedNoteError(`more than ${MAX_NOTE_SIGNATURES} signatures`);
  return { text, lines: lines.map(parseSignatureLine) };
}

const keyLabel = (name: string, keyId: number) => `${name}+${keyId.toString(16).padStart(8, '0')}`;

/**
 * Opens a note against the known verifier keys (several may share a name, e.g. during a key
 * rotation). A signature whose name and key ID match a known key must verify, else
 * ForgedNoteError; signatures by other keys (even one sharing only the name or only the ID) are
 * kept as unverified, as the spec demands; with no verified signature, UnverifiedNoteError.
 * Grammar errors throw MalformedNoteError. Known keys that are identical are merged; two
 * different known keys with the same name and key ID are refused (ambiguous).
 */
export function openNote(message: string | Uint8Array, knownVerifiers: readonly (string | NoteVerifierKey)[]): OpenedNote {
  const known = new Map<string, NoteVerifierKey>();
  for (const verifier of knownVerifiers.map(asVerifier)) {
    const label = keyLabel(verifier.name, verifier.keyId);
    const same = known.get(label);
    if (same !== undefined && !Buffer.from(same.publicKey).equals(Buffer.from(verifier.publicKey)))
      throw new Error(`ambiguous known keys: two different keys are ${label}`);
    known.set(label, verifier);
  }
  const { text, lines } = splitNote(message);
  const textBytes = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const { name, keyId, base64, signature } of lines) {
    const key = known.get(keyLabel(name, keyId));
    if (key === undefined) {
      if (!seen.has(`${name} ${base64}`)) unverified.push({ name, keyId, base64 });
    } else {
      if (signature.length !== ED25519_SIGNATURE_BYTES || !verify(null, textBytes, key.keyObject, signature)) throw new ForgedNoteError(name, keyId);
      if (!seen.has(`${name} ${base64}`)) verified.push({ name, keyId, base64 });
    }
    seen.add(`${name} ${base64}`);
  }
  if (verified.length === 0) throw new UnverifiedNoteError(text, unverified);
  return { text, verified, unverified };
}
