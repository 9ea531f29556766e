/**
 * Shared text rules of C2SP signed notes (https://c2sp.org/signed-note): well-formed Unicode
 * (so it is valid UTF-8 once encoded), no ASCII control character other than newline, strict
 * standard base64. Pure helpers, no I/O.
 */

/** Thrown for any text that breaks the signed-note grammar (a key, a note or a checkpoint). */
export class MalformedNoteError extends Error {
  constructor(message: string) {
    super(`malformed note: ${message}`);
    this.name = 'MalformedNoteError';
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL_OTHER_THAN_NEWLINE = /[\u0000-\u0009\u000b-\u001f]/;
const LONE_SURROGATE = /\p{Cs}/u;
const UNICODE_SPACE = /[\s\u0085]/u;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Why `text` cannot appear in a note (control character, broken UTF-16), or undefined if it can. */
export function noteTextProblem(text: string): string | undefined {
  if (CONTROL_OTHER_THAN_NEWLINE.test(text)) return 'it contains an ASCII control character other than newline';
  if (LONE_SURROGATE.test(text)) return 'it is not valid Unicode (a lone surrogate)';
  return undefined;
}

/**
 * Key names (and signature-line names) must be non-empty and hold no Unicode space, no '+'
 * and no control character (signed-note.md, "Format").
 */
export function keyNameProblem(name: string): string | undefined {
  if (name === '') return 'the key name is empty';
  if (name.includes('+')) return `the key name ${JSON.stringify(name)} contains '+'`;
  if (UNICODE_SPACE.test(name)) return `the key name ${JSON.stringify(name)} contains a space`;
  const problem = noteTextProblem(name);
  return problem === undefined ? undefined : `the key name ${JSON.stringify(name)} is invalid: ${problem}`;
}

/** True if `name` is a valid key name. */
export function isValidKeyName(name: string): boolean {
  return keyNameProblem(name) === undefined;
}

/**
 * Decodes standard padded base64 (RFC 4648 section 4), refusing anything non-canonical (missing
 * padding, stray characters, non-zero trailing bits), so that each byte string has exactly one
 * accepted spelling. Returns undefined on bad input.
 */
export function decodeStrictBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
