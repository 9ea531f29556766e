/** Why a personal-data operation failed. */
export type PersonalDataErrorCode =
  /** A sealed value failed authentication: a byte of it changed, or it was moved to another subject, stream, event type or field. */
  | 'TAMPERED'
  /** A sealed value names another subject than the one its event names for that field. */
  | 'MISBOUND'
  /** Something shaped like a sealed value but not one (bad version, base64, IV or tag length). */
  | 'MALFORMED'
  /** A key is not 32 bytes. */
  | 'BAD_KEY'
  /** No key was given for a subject whose field must be sealed. */
  | 'NO_KEY'
  /** The event names no usable subject id (a non-empty string) for a personal field. */
  | 'NO_SUBJECT'
  /** The policy is not valid (path syntax, subject path not matching a field's arrays, overlaps). */
  | 'INVALID_POLICY'
  /** The event's data does not have the shape the policy describes (e.g. an object where an array was named). */
  | 'DATA_MISMATCH'
  /** A key was asked for a subject whose key has been erased. */
  | 'SUBJECT_ERASED'
  /** The key store file is not a key store, or failed. */
  | 'KEY_STORE';

export class PersonalDataError extends Error {
  override readonly name = 'PersonalDataError';
  constructor(
    readonly code: PersonalDataErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
