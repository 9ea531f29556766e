import {
  assertTreeSize,
  consistencyProof,
  consistencyProofSubtrees,
  EMPTY_TREE_ROOT,
  frontierSubtrees,
  inclusionProof,
  inclusionProofSubtrees,
  rootFromSubtrees,
  storedSubtreeSource,
} from '@apo/transparency-log';
import type { Kysely } from 'kysely';
import type { ReadDatabase, TransparencyAlarmsTable, TransparencyCheckpointsTable, TransparencyLeavesTable } from '@apo/read-store';
import { readStoredSubtrees, readTreeHead } from './transparency-storage';

/** One leaf of the tree: which event it is and its hash. */
export interface TransparencyLeaf {
  readonly leafIndex: number;
  /** Global log position of the event, as a decimal string. */
  readonly position: string;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  /** 64 lower-case hex of the leaf hash. */
  readonly leafHash: string;
}

/** A signed checkpoint as stored. */
export interface StoredCheckpoint {
  readonly treeSize: number;
  /** 64 lower-case hex. */
  readonly rootHash: string;
  /** The whole signed note (C2SP tlog-checkpoint text, blank line, signature). */
  readonly note: string;
  readonly origin: string;
  readonly keyName: string;
  /** 8 hex digits. */
  readonly keyId: string;
  /** The verifier key that checks this checkpoint's signature. */
  readonly verifierKey: string;
  readonly signedAt: string;
  readonly epoch: number;
}

/** A key that signed checkpoints: which, and the range of tree sizes and times it signed. */
export interface CheckpointSignerKey {
  readonly verifierKey: string;
  readonly keyName: string;
  readonly keyId: string;
  readonly checkpoints: number;
  readonly firstTreeSize: number;
  readonly lastTreeSize: number;
  readonly firstSignedAt: string;
  readonly lastSignedAt: string;
}

/** A self-check finding. */
export interface TransparencyAlarm {
  readonly id: number;
  readonly detectedAt: string;
  readonly kind: string;
  readonly summary: string;
  /** The finding's details (JSON as stored; the raw text when it does not parse). */
  readonly detail: unknown;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
  readonly ackReason: string | null;
}

/** A question about the tree it cannot answer: a size beyond the stored leaves, an index beyond a size. */
export class TransparencyRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'TransparencyRangeError';
  }
}

const leafOfRow = (row: TransparencyLeavesTable): TransparencyLeaf => ({
  leafIndex: Number(row.leaf_index),
  position: String(row.position),
  streamId: row.stream_id,
  revision: Number(row.revision),
  eventId: row.event_id,
  leafHash: row.leaf_hash,
});

const checkpointOfRow = (row: TransparencyCheckpointsTable): StoredCheckpoint => ({
  treeSize: Number(row.tree_size),
  rootHash: row.root_hash,
  note: row.note,
  origin: row.origin,
  keyName: row.key_name,
  keyId: row.key_id,
  verifierKey: row.verifier_key,
  signedAt: row.signed_at,
  epoch: Number(row.epoch),
});

const parseDetail = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

const alarmOfRow = (row: TransparencyAlarmsTable): TransparencyAlarm => ({
  id: Number(row.id),
  detectedAt: row.detected_at,
  kind: row.kind,
  summary: row.summary,
  detail: parseDetail(row.detail),
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
  ackReason: row.ack_reason,
});

/**
 * Reads the transparency log from the read store: the tree the `transparency-log` projection
 * keeps (roots and proofs from O(log n) stored hashes, each proof in one query), the signed
 * checkpoints and the self-check's alarms. Every method is one or two queries.
 */
export class TransparencyLogReader {
  constructor(private readonly db: Kysely<ReadDatabase>) {}

  /** Leaves stored. */
  async treeSize(): Promise<number> {
    return (await readTreeHead(this.db)).size;
  }

  /** The leaf at `index`, undefined when there is none. */
  async leafAt(index: number): Promise<TransparencyLeaf | undefined> {
    assertTreeSize(index, 'leaf index');
    const row = await this.db.selectFrom('transparency_leaves').selectAll().where('leaf_index', '=', String(index)).executeTakeFirst();
    return row && leafOfRow(row);
  }

  /**
   * The leaf of a stored event, found by its global log position (the leaves are indexed by
   * position, which only grows, so the index costs an append: a (stream, revision) index doubled
   * the tree's cost per event); undefined when that event is no leaf (yet), or when the leaf at that
   * position is of another event (the log and the tree disagree: the self-check names it).
   */
  async leafOf(event: { readonly streamId: string; readonly revision: number; readonly position: bigint }): Promise<TransparencyLeaf | undefined> {
    const row = await this.db.selectFrom('transparency_leaves').selectAll().where('position', '=', String(event.position)).limit(1).executeTakeFirst();
    return row && row.stream_id === event.streamId && Number(row.revision) === event.revision ? leafOfRow(row) : undefined;
  }

  /** MTH of the first `size` leaves (size <= treeSize), from O(log n) stored hashes. */
  async rootAt(size: number): Promise<Uint8Array> {
    await this.requireSize(size);
    if (size === 0) return new Uint8Array(EMPTY_TREE_ROOT);
    return rootFromSubtrees(size, await readStoredSubtrees(this.db, frontierSubtrees(size)));
  }

  /** The inclusion proof of leaf `index` in the tree of the first `size` leaves (index < size <= treeSize). */
  async inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    assertTreeSize(index, 'leaf index');
    await this.requireSize(size);
    if (index >= size) throw new TransparencyRangeError(`leaf index ${index} is not below tree size ${size}`);
    const subtrees = inclusionProofSubtrees(index, size);
    return inclusionProof(storedSubtreeSource(size, await readStoredSubtrees(this.db, subtrees)), index, size);
  }

  /** The consistency proof from the tree of `oldSize` leaves to that of `newSize` (oldSize <= newSize <= treeSize). */
  async consistencyProof(oldSize: number, newSize: number): Promise<Uint8Array[]> {
    assertTreeSize(oldSize, 'old tree size');
    await this.requireSize(newSize);
    if (oldSize > newSize) throw new TransparencyRangeError(`old tree size ${oldSize} is larger than new tree size ${newSize}`);
    const subtrees = consistencyProofSubtrees(oldSize, newSize);
    return consistencyProof(storedSubtreeSource(newSize, await readStoredSubtrees(this.db, subtrees)), oldSize, newSize);
  }

  /** The checkpoint of the largest tree, undefined before the first. */
  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const row = await this.db.selectFrom('transparency_checkpoints').selectAll().orderBy('tree_size', 'desc').limit(1).executeTakeFirst();
    return row && checkpointOfRow(row);
  }

  /** The checkpoint of tree size `size`, undefined when none was signed at that size. */
  async checkpointAt(size: number): Promise<StoredCheckpoint | undefined> {
    assertTreeSize(size, 'tree size');
    const row = await this.db.selectFrom('transparency_checkpoints').selectAll().where('tree_size', '=', String(size)).executeTakeFirst();
    return row && checkpointOfRow(row);
  }

  /** Checkpoints by tree size, ascending: those after size `after` (default: all), at most `limit` (default 100). */
  async checkpoints(options: { after?: number; limit?: number } = {}): Promise<StoredCheckpoint[]> {
    const limit = options.limit ?? 100;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new TransparencyRangeError(`limit must be a positive integer (got ${String(limit)})`);
    let query = this.db.selectFrom('transparency_checkpoints').selectAll().orderBy('tree_size').limit(limit);
    if (options.after !== undefined) {
      assertTreeSize(options.after, 'after');
      query = query.where('tree_size', '>', String(options.after));
    }
    return (await query.execute()).map(checkpointOfRow);
  }

  /** Every key that ever signed a checkpoint, in the order they first signed (a rotation adds one). */
  async signerKeys(): Promise<CheckpointSignerKey[]> {
    const rows = await this.db
      .selectFrom('transparency_checkpoints')
      .select((eb) => [
        'verifier_key',
        'key_name',
        'key_id',
        eb.fn.countAll<number | string>().as('checkpoints'),
        eb.fn.min('tree_size').as('first_tree_size'),
        eb.fn.max('tree_size').as('last_tree_size'),
        eb.fn.min('signed_at').as('first_signed_at'),
        eb.fn.max('signed_at').as('last_signed_at'),
      ])
      .groupBy(['verifier_key', 'key_name', 'key_id'])
      .orderBy('first_tree_size')
      .execute();
    return rows.map((row) => ({
      verifierKey: row.verifier_key,
      keyName: row.key_name,
      keyId: row.key_id,
      checkpoints: Number(row.checkpoints),
      firstTreeSize: Number(row.first_tree_size),
      lastTreeSize: Number(row.last_tree_size),
      firstSignedAt: String(row.first_signed_at),
      lastSignedAt: String(row.last_signed_at),
    }));
  }

  /** The alarms nobody acknowledged yet, oldest first. */
  async openAlarms(): Promise<TransparencyAlarm[]> {
    return (await this.db.selectFrom('transparency_alarms').selectAll().where('acknowledged_at', 'is', null).orderBy('id').execute()).map(alarmOfRow);
  }

  /** Every alarm, oldest first. */
  async alarms(): Promise<TransparencyAlarm[]> {
    return (await this.db.selectFrom('transparency_alarms').selectAll().orderBy('id').execute()).map(alarmOfRow);
  }

  private async requireSize(size: number): Promise<void> {
    assertTreeSize(size, 'tree size');
    const stored = await this.treeSize();
    if (size > stored) throw new TransparencyRangeError(`tree size ${size} is beyond the ${stored} leaves stored`);
  }
}
