/** One leaf of the transparency log: which event it is, where it stands, and its leaf hash. */
export interface LogLeaf {
  /** 0-based index of the leaf in the tree (the count of readable events before it in the log). */
  readonly leafIndex: number;
  /** The event's global log position. */
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  /** 64 lower-case hex characters of `leafHash(leaf data)`. */
  readonly leafHash: string;
}

/** `stream@revision`, how findings name an event. */
export const leafLabel = (leaf: Pick<LogLeaf, 'streamId' | 'revision'>): string => `${leaf.streamId}@${leaf.revision}`;
