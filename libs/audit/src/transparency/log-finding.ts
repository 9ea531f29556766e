/** A checkpoint the log is held to, as it came (from the tree's own table or a witness). */
export interface CheckpointToHold {
  /** The whole signed note (C2SP tlog checkpoint). */
  readonly note: string;
  /** Verifier keys (`name+hash+base64`) whose signature makes the note trusted. */
  readonly verifierKeys: readonly string[];
  /** The log's origin line the checkpoint must carry. */
  readonly origin: string;
  /** Where it came from: `own` (the server's table) or the witness's name. */
  readonly source: string;
}

/** A checkpoint a finding is about: where it came from and the size it states (when it could be read). */
export interface CheckpointRef {
  readonly source: string;
  readonly size?: number;
}

/** One event of the log as a finding names it. */
export interface LeafRef {
  readonly leafIndex: number;
  readonly streamId: string;
  readonly revision: number;
  /** Global log position, as a decimal string (JSON-safe). */
  readonly position: string;
  readonly eventId: string;
}

interface Base {
  /** One line naming what and where, for logs, /health and the alarm's summary. */
  readonly summary: string;
  /** Every checkpoint this finding was made against (one finding per tamper, however many checkpoints show it). */
  readonly checkpoints: readonly CheckpointRef[];
}

/** Leaf indexes [from, to) the first difference lies in, bracketed by checkpoints whose roots match and do not. */
export interface Bracket {
  readonly from: number;
  readonly to: number;
}

/** What holding the log to its checkpoints found: each kind names what is wrong and where. */
export type LogFinding =
  /** A signature by a trusted key (name and key ID) does not verify: the note was altered or forged. */
  | (Base & { readonly kind: 'forged-checkpoint'; readonly keyName: string; readonly keyId: string })
  /** No signature by a trusted key: whoever signed it is not trusted. */
  | (Base & { readonly kind: 'unknown-key'; readonly signers: readonly { readonly name: string; readonly keyId: string }[] })
  /** The note cannot be read as a checkpoint of this log (grammar, origin, or a trusted key that does not parse). */
  | (Base & { readonly kind: 'unusable-checkpoint'; readonly reason: string })
  /** The log holds fewer leaves than the checkpoint: the tail from `from` on is gone (`from` unknown without the stored leaves). */
  | (Base & { readonly kind: 'truncated'; readonly logSize: number; readonly from?: LeafRef; readonly missing?: number; readonly between?: Bracket })
  /** Every leaf of these streams is gone from the log. */
  | (Base & { readonly kind: 'deleted-stream'; readonly streams: readonly { readonly streamId: string; readonly leaves: readonly LeafRef[] }[] })
  /** Single events gone from the middle of streams that are still there. */
  | (Base & { readonly kind: 'deleted-events'; readonly leaves: readonly LeafRef[] })
  /**
   * The log's first n leaves no longer give the checkpoint's root: `first` is the first leaf whose
   * hash (or place) differs from the stored one; without trusted stored leaves, `between` brackets it.
   */
  | (Base & { readonly kind: 'rewritten'; readonly first?: LeafRef; readonly changed?: number; readonly between?: Bracket });

export type LogFindingKind = LogFinding['kind'];
