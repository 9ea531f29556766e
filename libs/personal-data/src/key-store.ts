/** Who erased a subject's key, and why (kept in the tombstone; never the key or the data). */
export interface Erasure {
  readonly by: string;
  readonly reason: string;
}

export interface ErasureRecord extends Erasure {
  readonly subject: string;
  /** ISO-8601 UTC. */
  readonly erasedAt: string;
}

export interface SubjectKeyState {
  readonly subject: string;
  readonly createdAt?: string;
  readonly erased?: ErasureRecord;
}

/**
 * Per-subject keys, kept apart from the log (its own file or table, backed up separately).
 * An erased subject keeps a tombstone without its key, so its key is never made again.
 */
export interface PersonalKeyStore {
  /** The subject's key; undefined when never made or erased. */
  getKey(subject: string): Promise<Uint8Array | undefined>;
  /** The subject's key, made once (the same key on every later call). Throws SUBJECT_ERASED for an erased subject. */
  createKey(subject: string): Promise<Uint8Array>;
  /**
   * `createKey` for several subjects in one durable write (a roster of people new to the store
   * costs one commit, not one each). SUBJECT_ERASED when any of them was erased (then nothing is
   * sealed; keys made for the others meanwhile stay unused).
   */
  createKeys(subjects: readonly string[]): Promise<Map<string, Uint8Array>>;
  /** Destroys the key for good and records the erasure; erasing again answers the first record. */
  eraseKey(subject: string, erasure: Erasure): Promise<ErasureRecord>;
  isErased(subject: string): Promise<boolean>;
  /** Every subject known to the store, with or without a key, ordered by id. */
  subjects(): Promise<SubjectKeyState[]>;
  close(): Promise<void>;
}
